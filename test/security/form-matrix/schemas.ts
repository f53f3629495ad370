// The schema each action parses its form with, per route and intent, for the form matrix's check that every field a
// schema requires is marked on the page (issue 14). A route with an action and no entry fails the matrix by name.
import type { z } from "zod";
import { detailActionSchema, editActivitySchema, logActivitySchema } from "~/modules/activities/schemas";
import {
  actAsSchema,
  breakGlassSchema,
  changePasswordSchema,
  enableTotpSchema,
  localeSchema,
  reauthenticateSchema,
  secondFactorSchema,
  signInSchema,
} from "~/modules/auth/schemas";
import { resolveConflictSchema } from "~/modules/conflicts/schemas";
import { contractSchema, lifecycleSchema } from "~/modules/contracts/schemas";
import { duplicateActionSchema } from "~/modules/duplicates/schemas";
import { facilityFormSchema, facilityPageActionSchema } from "~/modules/facilities/schemas";
import { allocationSchema, expenditureActionSchema, fundingSourceSchema } from "~/modules/funding/schemas";
import {
  createHouseholdSchema,
  householdActionSchema,
  householdVisitSchema,
} from "~/modules/households/schemas";
import { organizationSchema } from "~/modules/organizations/schemas";
import { createPersonSchema, editPersonSchema, personFileActionSchema } from "~/modules/people/schemas";
import { projectSchema } from "~/modules/projects/schemas";
import { robotActionSchema } from "~/modules/reminders/robot-schemas";
import { reminderActionSchema } from "~/modules/reminders/schemas";
import { evaluationSchema, signoffSchema } from "~/modules/signoff/schemas";
import { roleIntentSchema, userFormSchema } from "~/modules/users/schemas";
import {
  bulkScheduleSchema,
  flagActionSchema,
  transferActionSchema,
  visitActionSchema,
  visitRuleActionSchema,
} from "~/modules/visits/schemas";
import {
  trainingPageSchema,
  trainingSchema,
  workerPageSchema,
  workerSchema,
} from "~/modules/workforce/schemas";

/** A schema, or one made for today's date (the forms with "not in the future" rules). */
export type FormSchemaOf = z.ZodTypeAny | ((today: string) => z.ZodTypeAny);

/** Per route: one schema for all its intents, one per intent, or none and why. */
type None = { none: string };
export type SchemaEntry = FormSchemaOf | { byIntent: (intent: string) => FormSchemaOf | None } | None;

export const formSchemas: Record<string, SchemaEntry> = {
  "routes/access.emergency": breakGlassSchema,
  "routes/account.act-as": actAsSchema,
  "routes/account.password": changePasswordSchema,
  "routes/account.two-factor": {
    byIntent: (intent) => (intent === "enable" ? enableTotpSchema : reauthenticateSchema),
  },
  "routes/activities.$id": detailActionSchema,
  "routes/activities.$id_.edit": (today) => editActivitySchema({ today }),
  "routes/activities.new": (today) => logActivitySchema({ today }),
  "routes/admin.reminders": reminderActionSchema,
  "routes/admin.users.$id": {
    byIntent: (intent) =>
      intent === "save"
        ? userFormSchema
        : intent === "add_role" || intent === "remove_role"
          ? roleIntentSchema
          : { none: "a button of the security card, no fields" },
  },
  "routes/admin.users.new": userFormSchema,
  "routes/conflicts.$id": resolveConflictSchema,
  "routes/contracts.$id": lifecycleSchema,
  "routes/contracts.$id_.edit": contractSchema,
  "routes/contracts.$id_.expenditures": expenditureActionSchema,
  "routes/contracts.new": contractSchema,
  "routes/facilities.$id": facilityPageActionSchema,
  "routes/facilities.$id_.edit": facilityFormSchema,
  "routes/facilities.new": facilityFormSchema,
  "routes/funding.$id_.edit": fundingSourceSchema,
  "routes/funding.allocate": allocationSchema,
  "routes/funding.new": fundingSourceSchema,
  "routes/locale": localeSchema,
  "routes/login": signInSchema,
  "routes/login_.verify": secondFactorSchema,
  "routes/organizations.$id_.edit": organizationSchema,
  "routes/organizations.new": organizationSchema,
  "routes/people.$id": (today) => personFileActionSchema(today),
  "routes/people.duplicates": duplicateActionSchema,
  "routes/people.new": (today) => createPersonSchema(today),
  "routes/people_.$id.edit": (today) => editPersonSchema(today),
  "routes/projects.$id_.edit": projectSchema,
  "routes/projects.new": projectSchema,
  "routes/visits.$id": (today) => visitActionSchema(today),
  "routes/visits.bulk": (today) => bulkScheduleSchema(today),
  "routes/visits.flags": flagActionSchema,
  "routes/visits.rules": visitRuleActionSchema,
  "routes/visits.transfers": transferActionSchema,
  "routes/logout": { none: "a button, no fields" },
  "routes/notifications": { none: "buttons marking notifications read, no fields" },
  "routes/settings.calendar": { none: "buttons enabling or revoking the feed, no fields" },
  "routes/people.export": { none: "the export's filters are the list's, all optional; read from the query" },
  "routes/people.import": {
    none: "a file upload, read by the import's own parser (the file field is required)",
  },
  "routes/regions.import": {
    none: "a file upload, read by the import's own parser (the file field is required)",
  },
  "routes/api.import.regions": { none: "an API posting a file, no form" },
  "routes/workforce.$id": workerPageSchema,
  "routes/workforce.new": workerSchema,
  "routes/workforce.trainings.new": trainingSchema,
  "routes/workforce.trainings.$id_.edit": trainingPageSchema,
  "routes/contracts.$id_.evaluate": evaluationSchema,
  "routes/contracts.$id_.months": signoffSchema,
  "routes/households.$id": householdActionSchema,
  "routes/households.new": createHouseholdSchema,
  "routes/households_.$id.visit": (today) => householdVisitSchema(today),
  "routes/admin.robots": robotActionSchema,
};

/** The schema a form of this route and intent is parsed with; null when the route parses no schema. */
export function schemaFor(routeId: string, intent: string, today: string): z.ZodTypeAny | null | undefined {
  const entry = formSchemas[routeId];
  if (entry === undefined) return undefined;
  if (typeof entry === "object" && "none" in entry) return null;
  const one = typeof entry === "object" && "byIntent" in entry ? entry.byIntent(intent) : entry;
  if (typeof one === "object" && "none" in one) return null;
  return typeof one === "function" ? one(today) : one;
}
