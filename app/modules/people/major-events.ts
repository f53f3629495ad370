// The kinds of major event (重大事件) that bring an event visit forward, without zod: the person's file shows them on a
// field page, where zod is not downloaded (schemas.ts checks them).
export const majorEventKinds = ["fire", "illness", "death_in_family", "disaster", "other"] as const;
export type MajorEventKind = (typeof majorEventKinds)[number];
