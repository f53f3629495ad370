// What the sections of an activity's page receive from its loader (single fetch keeps dates as dates).
import type { FormResult } from "~/modules/kernel/use-form";
import type { getActivity } from "../queries.server";

export type ActivityDetail = NonNullable<Awaited<ReturnType<typeof getActivity>>>;

/** The activity as its page shows it: the row's figures, with the names of who and where. */
export type ActivityView = Pick<
  ActivityDetail["activity"],
  | "id"
  | "occurredOn"
  | "kind"
  | "participants"
  | "personTimes"
  | "summary"
  | "lat"
  | "lng"
  | "coordQuality"
  | "createdAt"
  | "updatedAt"
  | "deletedAt"
  | "organizationId"
> & {
  hours: number;
  subjectName: string;
  facilityKind: string | null;
  organizationName: string;
  createdByName: string | null;
};

/** The answer of the page's action to the form that posted (only that form shows it). */
export type ResultFor = (
  intent: "flag" | "answer" | "resolve" | "decide" | "delete",
) => FormResult | undefined;
