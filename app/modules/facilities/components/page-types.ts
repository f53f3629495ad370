// What the sections of a facility's page receive from its loader (single fetch keeps dates as dates).
import type { facilityStatusHistoryOf, getFacility } from "../queries.server";

export type FacilityPageData = NonNullable<Awaited<ReturnType<typeof getFacility>>>;
export type StatusHistoryEntry = Awaited<ReturnType<typeof facilityStatusHistoryOf>>[number];
