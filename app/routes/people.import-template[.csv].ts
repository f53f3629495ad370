// GET /people/import-template.csv — the columns the people import expects, with one example row. A resource route:
// the import page's loader cannot answer a download (a document request renders the page around it instead).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/access/guard.server";
import { importTemplateRows } from "~/modules/imports/people.server";
import { csvResponse } from "~/utils/csv.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "write:person");
  const { header, rows } = importTemplateRows();
  return csvResponse("people-import-template.csv", header, rows);
}
