// A group robot in force as /admin/robots lists it: what robots.server.ts returns and the settings list shows. Client-safe.
import type { RobotKind } from "#db/schema/robots";

export type RobotRow = {
  id: number;
  kind: RobotKind;
  signed: boolean;
  urlHint: string;
  place: string;
  placeKind: "region" | "facility";
  level: string | null;
  updatedAt: Date;
};
