// The translation namespaces, one JSON file each under app/locales/<language>/ (and one import in each index.ts).
export const namespaces = [
  "activities",
  "admin",
  "audit",
  "auth",
  "budget",
  "common",
  "contracts",
  "coverage",
  "duplicates",
  "facilities",
  "funding",
  "home",
  "imports",
  "map",
  "organizations",
  "people",
  "projects",
  "reminders",
  "reports",
  "visits",
] as const;
export type Namespace = (typeof namespaces)[number];
