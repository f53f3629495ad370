// CSV import with a row-level report; all or nothing. The template with the expected columns is its own resource
// route (people.import-template[.csv].ts).
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useErrorText } from "~/components/ui/field";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { AcceptDuplicates, ImportDuplicates } from "~/modules/duplicates/components/import-duplicates";
import { pageTitle } from "~/modules/i18n/meta";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportReport,
  importFileOf,
  importPeopleCsv,
} from "~/modules/imports/people.server";
import type { Message } from "~/modules/kernel/messages";
import peopleCss from "~/styles/people.css?url";
import { decodeUploadText, readUploadFormOrRefusal } from "~/utils/upload.server";

export const handle = { i18n: ["common", "people", "peopleRegister", "duplicates", "imports"] };
export const meta = pageTitle("imports:people.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "write:person");
  return { maxRows: IMPORT_MAX_ROWS, maxMegabytes: IMPORT_MAX_BYTES / 1024 / 1024 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const refuse = (fileProblem: Message, status: number) =>
    data<ImportReport>({ ok: false, rows: 0, imported: 0, problems: [], fileProblem }, { status });
  // why: streamed with a limit, never request.formData(): an oversize file is cut off, not buffered first.
  const form = await readUploadFormOrRefusal(request, { maxFileBytes: IMPORT_MAX_BYTES });
  if ("refusal" in form)
    return refuse(
      form.refusal === "tooLarge" ? "imports:people.tooBig" : "imports:people.unreadable",
      form.status,
    );
  if (!form.file) return refuse("imports:people.noFile", 400);
  const { text } = decodeUploadText(form.file.bytes);
  const report = await importPeopleCsv({
    user,
    actor: auditActor(request, context, user),
    csvText: text,
    file: importFileOf(form.file),
    acceptDuplicates: form.fields.get("acceptDuplicates") === "1",
  });
  return data(report, { status: report.ok ? 200 : 422 });
}

export default function ImportPeople() {
  const report = useActionData<typeof action>();
  const { t } = useTranslation(["people", "common"]);
  const errorText = useErrorText();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={t("imports:people.title")}
        subtitle={t("imports:people.subtitle")}
        actions={<Link to="/people">{t("common:actions.back")}</Link>}
      />
      <div className="card">
        <ol className="import-steps">
          <li>
            {t("imports:people.step1")}{" "}
            <a href="/people/import-template.csv" download>
              {t("imports:people.template")}
            </a>
          </li>
          <li>{t("imports:people.households")}</li>
          <li>{t("imports:people.step2")}</li>
          <li>{t("imports:people.step3")}</li>
        </ol>
        <Form method="post" encType="multipart/form-data" className="form">
          <div className="field">
            <label htmlFor="import-file">{t("imports:people.file")}</label>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
          </div>
          {report?.duplicates?.length ? <AcceptDuplicates /> : null}
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("imports:people.checking") : t("imports:people.submit")}
          </button>
        </Form>
      </div>
      {report?.duplicates?.length ? (
        <ImportDuplicates duplicates={report.duplicates} />
      ) : report ? (
        report.ok ? (
          <p className="flash" data-testid="import-done">
            {t("imports:people.done", { count: report.imported })}{" "}
            <Link to="/people">{t("imports:people.toRegister")}</Link>
          </p>
        ) : (
          <section className="card import-report" data-testid="import-report" role="alert">
            <h2>{t("imports:people.failedTitle")}</h2>
            {report.fileProblem ? (
              <p>{errorText(report.fileProblem)}</p>
            ) : (
              <>
                <p>
                  {t("imports:people.failedBody", { rows: report.rows, problems: report.problems.length })}
                </p>
                <ListTable
                  head={
                    <>
                      <th className="num">{t("imports:people.row")}</th>
                      <th>{t("imports:people.field")}</th>
                      <th>{t("imports:people.problem")}</th>
                    </>
                  }
                >
                  {report.problems.slice(0, 500).map((p, i) => (
                    <tr key={i}>
                      <td className="num">{p.row}</td>
                      <td>{t(`imports:people.fields.${p.field}`, { defaultValue: p.field })}</td>
                      <td>{errorText(p.message)}</td>
                    </tr>
                  ))}
                </ListTable>
                {report.problems.length > 500 ? (
                  <p className="muted">{t("imports:people.more", { count: report.problems.length - 500 })}</p>
                ) : null}
              </>
            )}
          </section>
        )
      ) : null}
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
