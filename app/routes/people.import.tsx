// CSV import with a row-level report; all or nothing. The template with the expected columns is its own resource
// route (people.import-template[.csv].ts).
import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useErrorText } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { AcceptDuplicates, ImportDuplicates } from "~/modules/duplicates/components/import-duplicates";
import { pageTitle } from "~/modules/i18n/meta";
import type { Message } from "~/modules/kernel/messages";
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  type ImportReport,
  importFileOf,
  importPeopleCsv,
} from "~/modules/people/import.server";
import peopleCss from "~/styles/people.css?url";
import {
  decodeUploadText,
  readUploadForm,
  type UploadForm,
  UploadTooLargeError,
  UploadUnreadableError,
} from "~/utils/upload.server";

export const handle = { i18n: ["common", "people", "duplicates"] };
export const meta = pageTitle("people:import.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: peopleCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "write:person");
  return { maxRows: IMPORT_MAX_ROWS, maxMegabytes: IMPORT_MAX_BYTES / 1024 / 1024 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:person");
  const refuse = (fileProblem: Message, status: number) =>
    data<ImportReport>({ ok: false, rows: 0, imported: 0, problems: [], fileProblem }, { status });
  let form: UploadForm;
  try {
    // why: streamed with a limit, never request.formData(): an oversize file is cut off, not buffered first.
    form = await readUploadForm(request, { maxFileBytes: IMPORT_MAX_BYTES });
  } catch (error) {
    if (error instanceof UploadTooLargeError) return refuse("people:import.tooBig", 413);
    if (error instanceof UploadUnreadableError) return refuse("people:import.unreadable", 400);
    throw error;
  }
  if (!form.file) return refuse("people:import.noFile", 400);
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
        title={t("import.title")}
        subtitle={t("import.subtitle")}
        actions={<Link to="/people">{t("common:actions.back")}</Link>}
      />
      <div className="card">
        <ol className="import-steps">
          <li>
            {t("import.step1")}{" "}
            <a href="/people/import-template.csv" download>
              {t("import.template")}
            </a>
          </li>
          <li>{t("import.households")}</li>
          <li>{t("import.step2")}</li>
          <li>{t("import.step3")}</li>
        </ol>
        <Form method="post" encType="multipart/form-data" className="form">
          <div className="field">
            <label htmlFor="import-file">{t("import.file")}</label>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" required />
          </div>
          {report?.duplicates?.length ? <AcceptDuplicates /> : null}
          <button type="submit" className="btn" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("import.checking") : t("import.submit")}
          </button>
        </Form>
      </div>
      {report?.duplicates?.length ? (
        <ImportDuplicates duplicates={report.duplicates} />
      ) : report ? (
        report.ok ? (
          <p className="flash" data-testid="import-done">
            {t("import.done", { count: report.imported })} <Link to="/people">{t("import.toRegister")}</Link>
          </p>
        ) : (
          <section className="card import-report" data-testid="import-report" role="alert">
            <h2>{t("import.failedTitle")}</h2>
            {report.fileProblem ? (
              <p>{errorText(report.fileProblem)}</p>
            ) : (
              <>
                <p>{t("import.failedBody", { rows: report.rows, problems: report.problems.length })}</p>
                <div className="table-wrap">
                  <table className="table">
                    <thead>
                      <tr>
                        <th className="num">{t("import.row")}</th>
                        <th>{t("import.field")}</th>
                        <th>{t("import.problem")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {report.problems.slice(0, 500).map((p, i) => (
                        <tr key={i}>
                          <td className="num">{p.row}</td>
                          <td>{t(`import.fields.${p.field}`, { defaultValue: p.field })}</td>
                          <td>{errorText(p.message)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {report.problems.length > 500 ? (
                  <p className="muted">{t("import.more", { count: report.problems.length - 500 })}</p>
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
