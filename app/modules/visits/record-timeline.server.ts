// A person's home-visit records for their file, newest first: what each structured record found, its referrals,
// and any transfer under way. The caller checked that the reader may open the file and see its visits.
import { and, desc, eq, exists, isNotNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users, visitPhotos, visits } from "#db/schema";
import { db } from "~/utils/db.server";
import { photosOfVisits } from "./queries.server";
import { readRecord } from "./record";
import { referralsOfVisits } from "./referrals.server";
import { transfersOfPerson } from "./transfers.server";

const completer = alias(users, "completer");

export async function personFieldRecords(personId: number) {
  const rows = await db
    .select({
      id: visits.id,
      completedAt: visits.completedAt,
      outcome: visits.outcome,
      record: visits.record,
      returnOn: visits.returnOn,
      completedByName: completer.name,
    })
    .from(visits)
    .leftJoin(completer, eq(completer.id, visits.completedBy))
    .where(
      and(
        eq(visits.personId, personId),
        or(
          isNotNull(visits.record),
          exists(db.select().from(visitPhotos).where(eq(visitPhotos.visitId, visits.id))),
        ),
      ),
    )
    .orderBy(desc(visits.completedAt))
    .limit(30);
  const [referrals, transfers, photos] = await Promise.all([
    referralsOfVisits(rows.map((r) => r.id)),
    transfersOfPerson(personId),
    photosOfVisits(rows.map((r) => r.id)),
  ]);
  return {
    records: rows.map((r) => ({
      ...r,
      record: readRecord(r.record),
      referrals: referrals.filter((x) => x.visitId === r.id),
      photos: photos.filter((p) => p.visitId === r.id),
    })),
    pendingTransfers: transfers.filter((t) => t.status === "pending"),
  };
}

export type PersonFieldRecords = Awaited<ReturnType<typeof personFieldRecords>>;
