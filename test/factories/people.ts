// A person's file as the edit form would send it back unchanged: the base a test changes one field of.
import type { people } from "#db/schema";
import type { PersonInput } from "~/modules/people/mutations.server";

export function personInputOf(p: typeof people.$inferSelect): PersonInput {
  return {
    fullName: p.fullName,
    sex: p.sex,
    birthDate: p.birthDate,
    villageId: p.villageId,
    stationId: p.stationId ?? undefined,
    address: p.address ?? undefined,
    phone: p.phone ?? undefined,
    guardianName: p.guardianName ?? undefined,
    guardianPhone: p.guardianPhone ?? undefined,
    categories: p.categories,
    notes: p.notes ?? undefined,
  };
}
