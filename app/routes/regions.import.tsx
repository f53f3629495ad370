import { type ActionFunctionArgs, data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { REGION_IMPORT_MAX_BYTES } from "~/modules/imports/parse";
import type { ImportReport } from "~/modules/imports/regions.server";
import { runRegionImport } from "~/modules/imports/regions.server";
import { intentOf } from "~/modules/kernel/intent";
import mapCss from "~/styles/map.css?url";
import { formatNumber } from "~/utils/format";
import { decodeUploadText, readUploadFormOrRefusal } from "~/utils/upload.server";

export const handle = { i18n: ["common", "imports"] };
export const meta = pageTitle("imports:title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: mapCss }];

const MAX_BYTES = REGION_IMPORT_MAX_BYTES;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "import:regions");
  return null;
}

type ActionResult =
  | {
      report: ImportReport;
      text: string;
      kind: "regions" | "boundaries";
      datum: "wgs84" | "gcj02";
      codeProperty: string;
    }
  | { error: string };

export const intents = ["preview", "commit"] as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "import:regions");
  const refuse = (error: string, status: number) => data<ActionResult>({ error }, { status });
  // why: streamed with a limit, never request.formData(): a 2 GB upload must not be buffered before it is refused.
  const form = await readUploadFormOrRefusal(request, { maxFileBytes: MAX_BYTES, largeFields: ["text"] });
  if ("refusal" in form)
    return refuse(
      form.refusal === "tooLarge" ? "imports:errors.tooLarge" : "imports:errors.unreadable",
      form.status,
    );
  // The upload form previews; the preview's form commits the exact text it showed.
  const intent = intentOf(form.fields, intents, "preview");
  const kind = form.fields.get("kind") === "boundaries" ? "boundaries" : "regions";
  const datum = form.fields.get("datum") === "gcj02" ? "gcj02" : "wgs84";
  const codeProperty = (form.fields.get("codeProperty") || "code").slice(0, 40);
  // The preview sends the file; the commit sends back the exact text that was previewed.
  const text = form.fields.get("text") || (form.file ? decodeUploadText(form.file.bytes).text : "");
  if (!text) return refuse("imports:errors.noFile", 400);
  const report = await runRegionImport({
    user,
    actor: auditActor(request, context, user),
    kind,
    text,
    datum,
    codeProperty,
    commit: intent === "commit",
  });
  return data<ActionResult>(
    { report, text: report.committed ? "" : text, kind, datum, codeProperty },
    { status: report.problems.length ? 422 : 200 },
  );
}

export default function RegionImport() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation(["imports", "common"]);
  const busy = navigation.state !== "idle";
  const n = (v: number) => formatNumber(v, i18n.language);
  const report = result && "report" in result ? result.report : null;
  return (
    <>
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="grid-2">
        <section className="card">
          <h2>{t("upload.title")}</h2>
          <Form method="post" encType="multipart/form-data" className="form" data-testid="import-form">
            <input type="hidden" name="intent" value="preview" />
            <div className="field">
              <label htmlFor="import-kind">{t("upload.kind")}</label>
              <select
                id="import-kind"
                name="kind"
                defaultValue={result && "kind" in result ? result.kind : "regions"}
              >
                <option value="regions">{t("upload.kindRegions")}</option>
                <option value="boundaries">{t("upload.kindBoundaries")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="import-file">{t("upload.file")}</label>
              <input
                id="import-file"
                type="file"
                name="file"
                accept=".csv,.geojson,.json,text/csv,application/geo+json"
                required
              />
            </div>
            <div className="field">
              <label htmlFor="import-datum">{t("upload.datum")}</label>
              <select id="import-datum" name="datum" defaultValue="wgs84">
                <option value="wgs84">{t("upload.wgs84")}</option>
                <option value="gcj02">{t("upload.gcj02")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="import-code-property">{t("upload.codeProperty")}</label>
              <input id="import-code-property" name="codeProperty" defaultValue="code" />
              <p className="field__hint">{t("upload.codePropertyHint")}</p>
            </div>
            <button type="submit" className="btn" disabled={busy}>
              {t("upload.preview")}
            </button>
          </Form>
        </section>
        <section className="card">
          <h2>{t("format.title")}</h2>
          <p>{t("format.csv")}</p>
          <pre className="muted" style={{ overflowX: "auto" }}>
            {
              "code,name,parent_code,lat,lng,population\n540402101000,百巴镇,540402000000,29.58,94.47,\n540402101202,开朗村,540402101000,29.60,94.50,412"
            }
          </pre>
          <p>{t("format.rules")}</p>
          <p>{t("format.bilingual")}</p>
          <pre className="muted" style={{ overflowX: "auto" }}>
            {
              "code,name,parent_code,lat,lng,population,name_bo,name_pinyin\n542523000000,噶尔县,542500000000,,,,སྒར་རྫོང་།,Gá'ěr Xiàn"
            }
          </pre>
          <p>{t("format.geojson")}</p>
          <p>{t("format.api")}</p>
          <pre className="muted" style={{ overflowX: "auto" }}>
            {
              "curl -b cookies.txt -H 'Content-Type: text/csv' \\\n  --data-binary @villages.csv '/api/import/regions?dryRun=1'"
            }
          </pre>
        </section>
      </div>
      {result && "error" in result ? (
        <div className="form-errors" role="alert">
          <p>{t(result.error)}</p>
        </div>
      ) : null}
      {report ? (
        <section className="card import-report" data-testid="import-report">
          <h2>{report.committed ? t("report.committed") : t("report.preview")}</h2>
          <p>
            {t("report.counts", {
              rows: n(report.rows),
              inserted: n(report.counts.inserted),
              updated: n(report.counts.updated),
              unchanged: n(report.counts.unchanged),
            })}
          </p>
          {Object.keys(report.byLevel).length ? (
            <p className="muted">
              {Object.entries(report.byLevel)
                .map(([level, count]) => `${t(`common:enum.regionLevel.${level}`)} ${n(count)}`)
                .join(" · ")}
            </p>
          ) : null}
          {report.samples.length ? (
            <div className="table-wrap">
              <p className="muted">{t(report.datum === "gcj02" ? "samples.gcj02" : "samples.wgs84")}</p>
              <table className="table" data-testid="import-samples">
                <thead>
                  <tr>
                    <th>{report.kind === "regions" ? t("report.line") : t("report.feature")}</th>
                    <th>{t("report.code")}</th>
                    <th>{t("samples.input")}</th>
                    <th>{t("samples.stored")}</th>
                    <th className="num">{t("samples.shift")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.samples.map((s) => (
                    <tr key={`${s.line}-${s.code}`}>
                      <td className="num">{s.line}</td>
                      <td>
                        <code>{s.code}</code>
                      </td>
                      <td>
                        <code>{`${s.input[1]}, ${s.input[0]}`}</code>
                      </td>
                      <td>
                        <code>{`${s.stored[1]}, ${s.stored[0]}`}</code>
                      </td>
                      <td className="num">{t("samples.meters", { meters: s.shiftMeters })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {report.problems.length ? (
            <>
              <p className="form-errors" data-testid="import-problems-summary">
                {t("report.problems", { count: report.problems.length })}
              </p>
              <ListTable
                testId="import-problems"
                head={
                  <>
                    <th>{report.kind === "regions" ? t("report.line") : t("report.feature")}</th>
                    <th>{t("report.code")}</th>
                    <th>{t("report.problem")}</th>
                  </>
                }
              >
                {report.problems.slice(0, 500).map((p) => (
                  <tr key={`${p.line}-${p.error}-${p.code ?? ""}`}>
                    <td className="num">{p.line || "—"}</td>
                    <td>
                      <code>{p.code ?? ""}</code>
                    </td>
                    <td>{t(p.error, p.params ?? {})}</td>
                  </tr>
                ))}
              </ListTable>
            </>
          ) : !report.committed && result && "text" in result ? (
            <Form method="post" encType="multipart/form-data" className="btn-row">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="kind" value={result.kind} />
              <input type="hidden" name="datum" value={result.datum} />
              <input type="hidden" name="codeProperty" value={result.codeProperty} />
              <textarea name="text" defaultValue={result.text} hidden readOnly />
              <button type="submit" className="btn" disabled={busy} data-testid="import-commit">
                {t("report.commit")}
              </button>
              <span className="muted">{t("report.allOrNothing")}</span>
            </Form>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
