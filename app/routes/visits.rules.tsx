// The visiting policy: cadence by risk tier and by category, the general rules and each region's own.
// Planners override rules for their own region and below (prefecture, county, township: a region's rule replaces the
// general one for the same subject there); the admin edits the general policy. The page says so to whoever reads it.
// The shortest applicable interval wins for each person.

import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { personCategories, riskTiers } from "#db/schema/people";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, RequiredMark, RequiredNote, SelectField, TextField } from "~/components/ui/field";
import { ListTable } from "~/components/ui/list-table";
import { PageHeader } from "~/components/ui/page-header";
import { FormSchema } from "~/components/ui/schema-form";
import { requirePermission } from "~/modules/access/guard.server";
import { auditActor } from "~/modules/audit/audit.server";
import { pageTitle } from "~/modules/i18n/meta";
import { intentList, intentOf } from "~/modules/kernel/intent";
import { parseForm } from "~/modules/kernel/messages";
import {
  deleteVisitRule,
  listVisitRules,
  ruleRegionsFor,
  saveVisitRule,
} from "~/modules/visits/rules.server";
import { type VisitRuleAction, visitRuleActionSchema } from "~/modules/visits/schemas";
import visitsCss from "~/styles/visits.css?url";
import { formatDateTime } from "~/utils/format";

export const handle = { i18n: ["common", "visits", "visitTools"] };
export const meta = pageTitle("visitTools:rules.title");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: visitsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:visit_rules");
  const [rules, regions] = await Promise.all([listVisitRules(), ruleRegionsFor(user)]);
  const editable = new Set(regions.map((r) => r.id));
  return {
    rules: rules
      .map((r) => ({
        ...r,
        editable: r.regionId === null ? user.scope.kind === "all" : editable.has(r.regionId),
        visible: r.regionId === null || editable.has(r.regionId) || user.scope.kind === "all",
      }))
      .filter((r) => r.visible),
    regions,
    canEditGeneral: user.scope.kind === "all",
    // The area a planner's overrides cover, named in the explanation; null for the admin.
    ownRegion: user.scope.kind === "region" ? user.scope.regionName : null,
  };
}

export const intents = intentList<VisitRuleAction["intent"]>()(["save", "delete"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:visit_rules");
  const formData = await request.formData();
  const intent = intentOf(formData, intents);
  const submission = parseForm(formData, visitRuleActionSchema);
  if (submission.status !== "success")
    return {
      // The delete form has nothing a person types in: whatever is wrong with it is "invalid".
      errors:
        intent === "delete"
          ? ["validation.invalid"]
          : Object.values(submission.error ?? {}).flatMap((e) => e ?? []),
      saved: false,
    };
  const actor = auditActor(request, context, user);
  const input = submission.value;
  const outcome =
    input.intent === "delete"
      ? await deleteVisitRule({ user, actor, ruleId: input.ruleId })
      : await saveVisitRule({ user, actor, input });
  return outcome.ok ? { errors: null, saved: true } : { errors: outcome.formErrors ?? [], saved: false };
}

export default function VisitRules() {
  const { rules, regions, canEditGeneral, ownRegion } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation(["visitTools", "visits", "common"]);
  const subjectLabel = (r: { category: string | null; riskTier: string | null }) =>
    r.category ? t(`common:enum.personCategory.${r.category}`) : t(`common:enum.riskTier.${r.riskTier}`);
  return (
    <>
      <PageHeader
        title={t("rules.title")}
        subtitle={t("rules.subtitle")}
        actions={<Link to="/visits">{t("common:actions.back")}</Link>}
      />
      <p className="card muted" data-testid="rules-who-edits">
        {canEditGeneral
          ? t("rules.whoEdits.admin")
          : t("rules.whoEdits.planner", { region: ownRegion ?? "" })}
      </p>
      {result?.saved ? <p className="flash">{t("rules.saved")}</p> : null}
      <FormErrors errors={result?.errors} />
      <RequiredNote id="rules-required-note" />
      <ListTable
        testId="visit-rules"
        head={
          <>
            <th>{t("rules.region")}</th>
            <th>{t("rules.subject")}</th>
            <th id="rules-interval-head">
              {t("rules.interval")}
              <RequiredMark />
            </th>
            <th>{t("rules.note")}</th>
            <th />
          </>
        }
      >
        {rules.map((r) => (
          <tr key={r.id}>
            <td>{r.regionName ?? t("rules.general")}</td>
            <td>
              <span className="muted small">{r.category ? t("rules.category") : t("rules.tier")}</span>{" "}
              {subjectLabel(r)}
            </td>
            <td>
              {r.editable ? (
                <Form method="post" className="inline-form" aria-describedby="rules-required-note">
                  <input type="hidden" name="intent" value="save" />
                  <input
                    type="hidden"
                    name="subject"
                    value={r.category ? `category:${r.category}` : `tier:${r.riskTier}`}
                  />
                  {r.regionId ? <input type="hidden" name="regionId" value={r.regionId} /> : null}
                  <input type="hidden" name="note" value={r.note ?? ""} />
                  <input
                    type="number"
                    name="intervalDays"
                    defaultValue={r.intervalDays}
                    min={1}
                    max={366}
                    className="interval-input"
                    aria-labelledby="rules-interval-head"
                    aria-required
                  />
                  <span className="muted">{t("rules.days")}</span>
                  <button type="submit" className="btn btn--small btn--secondary">
                    {t("common:actions.save")}
                  </button>
                </Form>
              ) : (
                <>
                  {t("rules.everyDays", { count: r.intervalDays })}
                  {r.regionId === null ? <div className="muted small">{t("rules.setByAdmin")}</div> : null}
                </>
              )}
            </td>
            <td className="muted small">
              {r.note}
              <div>{t("rules.updatedAt", { when: formatDateTime(r.updatedAt, i18n.language) })}</div>
            </td>
            <td>
              {r.editable && r.regionId ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="ruleId" value={r.id} />
                  <button type="submit" className="btn btn--ghost btn--small">
                    {t("rules.remove")}
                  </button>
                </Form>
              ) : null}
            </td>
          </tr>
        ))}
      </ListTable>
      <section className="card">
        <h2>{t("rules.addTitle")}</h2>
        <p className="muted">{canEditGeneral ? t("rules.addBody") : t("rules.addBodyPlanner")}</p>
        <Form method="post" className="form rule-form">
          <FormSchema schema={visitRuleActionSchema} intent="save">
            <input type="hidden" name="intent" value="save" />
            <div className="grid-3">
              <SelectField
                id="rule-region"
                label={t("rules.region")}
                name="regionId"
                required={!canEditGeneral}
              >
                {canEditGeneral ? <option value="">{t("rules.general")}</option> : null}
                {regions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({t(`common:enum.regionLevel.${r.level}`)})
                  </option>
                ))}
              </SelectField>
              <SelectField id="rule-subject" label={t("rules.subject")} name="subject" required>
                <optgroup label={t("rules.tier")}>
                  {riskTiers.map((r) => (
                    <option key={r} value={`tier:${r}`}>
                      {t(`common:enum.riskTier.${r}`)}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t("rules.category")}>
                  {personCategories.map((c) => (
                    <option key={c} value={`category:${c}`}>
                      {t(`common:enum.personCategory.${c}`)}
                    </option>
                  ))}
                </optgroup>
              </SelectField>
              <TextField
                id="rule-interval"
                label={t("rules.interval")}
                type="number"
                name="intervalDays"
                min={1}
                max={366}
                required
              />
            </div>
            <TextField id="rule-note" label={t("rules.note")} name="note" maxLength={300} />
            <button type="submit" className="btn">
              {t("rules.add")}
            </button>
          </FormSchema>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
