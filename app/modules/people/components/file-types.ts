// What the sections of a person's file receive from its loader (single fetch keeps dates as dates).
import type { fileViews } from "../file-views.server";
import type { getPersonFile, personActivities, personVisitHistory } from "../queries.server";

export type PersonFileData = NonNullable<Awaited<ReturnType<typeof getPersonFile>>>;
export type FileVisit = Awaited<ReturnType<typeof personVisitHistory>>[number] & { overdueDays: number };
export type AttendedActivity = Awaited<ReturnType<typeof personActivities>>[number];
export type FileViewRow = Awaited<ReturnType<typeof fileViews>>[number];
