// The care project form (关爱项目), validated on the server. Messages are i18n keys.
import { z } from "zod";
import { careProjectKinds } from "#db/schema/projects";
import { enumField, idField, isoDate, optionalText, requiredText } from "~/modules/kernel/form-fields";

export const projectSchema = z
  .object({
    code: requiredText(40).regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "projects:validation.code"),
    name: requiredText(120),
    kind: enumField(careProjectKinds),
    regionId: idField(),
    startsOn: isoDate(),
    endsOn: isoDate(),
    description: optionalText(2000),
  })
  .refine((p) => p.endsOn >= p.startsOn, { path: ["endsOn"], message: "validation.endBeforeStart" });

export type ProjectInput = z.infer<typeof projectSchema>;
