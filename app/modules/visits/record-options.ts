// The home-visit record's choices (入户走访记录), without zod: the form shows them on the field pages, where zod is not
// downloaded (record.ts checks and stores them).
export const seenOptions = ["person", "family_only", "nobody"] as const;
export const presentOptions = [
  "person",
  "spouse",
  "child",
  "relative",
  "guardian",
  "neighbour",
  "village_cadre",
  "other",
] as const;
export const housingOptions = ["safe", "at_risk", "unsafe"] as const;
export const heatingOptions = ["adequate", "insufficient", "none", "not_needed"] as const;
export const waterOptions = ["adequate", "insufficient"] as const;
export const foodOptions = ["adequate", "low", "none"] as const;
/** The needs checklist; "other" asks for the text beside it. */
export const needKinds = [
  "food",
  "heating",
  "housing_repair",
  "water",
  "medical_care",
  "medication",
  "daily_care",
  "assistive_device",
  "schooling",
  "guardianship",
  "psychological",
  "income",
  "other",
] as const;
export type NeedKind = (typeof needKinds)[number];
