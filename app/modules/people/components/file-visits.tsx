// A person's file: the visiting cadence and why, open visits, scheduling one or an event visit, and past visits.
import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, SelectField } from "~/components/ui/field";
import { FormInput, FormSelect, selectProps } from "~/components/ui/form-fields";
import { FormKey } from "~/components/ui/form-key";
import { ListTable } from "~/components/ui/list-table";
import { RequiredForm } from "~/components/ui/required-form";
import { serverFormProps, useServerForm } from "~/modules/kernel/server-form";
import type { FormResult } from "~/modules/kernel/use-form";
import type { AppliedRule } from "~/modules/visits/rules";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import { formatDate, formatDateTime, formatList } from "~/utils/format";
import { majorEventKinds } from "../major-events";
import type { FileVisit } from "./file-types";

export function OpenVisits({
  visits,
  rules,
  today,
  showVisits,
  scheduling,
}: {
  visits: FileVisit[];
  rules: AppliedRule[];
  today: string;
  showVisits: boolean;
  /** The schedule and event forms, for staff who may write visits of an active person with a station. */
  scheduling?: {
    formKey: string;
    colleagues: { id: number; name: string }[];
    scheduleResult?: FormResult;
    eventResult?: FormResult;
    /** What the action's schema requires of each form (the loader's `requiredByIntent`). */
    required: { schedule: readonly string[]; event: readonly string[] };
  };
}) {
  const { t, i18n } = useTranslation(["people", "common", "visits"]);
  const cadence = rules[0]?.intervalDays ?? null;
  return (
    <section className="card">
      <h2>{t("file.visits")}</h2>
      {cadence ? (
        <p>
          {t("file.cadence", { count: cadence })}{" "}
          <span className="muted small">
            {t("file.cadenceWhy", {
              rules: formatList(
                rules.map((r) =>
                  r.category
                    ? t(`common:enum.personCategory.${r.category}`)
                    : t(`common:enum.riskTier.${r.riskTier}`),
                ),
                i18n.language,
              ),
            })}
          </span>
        </p>
      ) : null}
      {showVisits ? (
        visits.length ? (
          <ul className="visit-list" data-testid="open-visits">
            {visits.map((v) => (
              <li key={v.id}>
                <VisitKindBadge kind={v.kind} />{" "}
                <DueDate dueOn={v.dueOn} today={today} overdueDays={v.overdueDays} />{" "}
                <Link to={`/visits/${v.id}`}>{t("visits:list.open")}</Link>
                {v.assignedName ? <span className="muted small"> · {v.assignedName}</span> : null}
                {v.notes ? <div className="muted small">{v.notes}</div> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("file.noOpenVisit")}</p>
        )
      ) : null}
      {scheduling ? (
        <>
          <ScheduleForm
            lastResult={scheduling.scheduleResult}
            required={scheduling.required.schedule}
            formKey={scheduling.formKey}
            colleagues={scheduling.colleagues}
            today={today}
          />
          <EventForm
            lastResult={scheduling.eventResult}
            required={scheduling.required.event}
            formKey={scheduling.formKey}
          />
        </>
      ) : null}
    </section>
  );
}

function ScheduleForm({
  lastResult,
  required,
  formKey,
  colleagues,
  today,
}: {
  lastResult?: FormResult;
  required: readonly string[];
  formKey: string;
  colleagues: { id: number; name: string }[];
  today: string;
}) {
  const { t } = useTranslation(["visits", "people"]);
  const navigation = useNavigation();
  const [form, fields] = useServerForm<{ dueOn: string; assignedUserId: string }>({
    id: "schedule",
    lastResult,
  });
  return (
    <details className="subform" open={Boolean(lastResult?.error)}>
      <summary>{t("visits:schedule.title")}</summary>
      <RequiredForm required={required} method="post" className="form" {...serverFormProps(form)}>
        <input type="hidden" name="intent" value="schedule" />
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <FormInput field={fields.dueOn} type="date" label={t("visits:fields.dueOn")} min={today} />
        {colleagues.length ? (
          <SelectField label={t("visits:fields.assignee")} {...selectProps(fields.assignedUserId)}>
            <option value="">{t("visits:schedule.keepAssignee")}</option>
            {colleagues.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <p className="field__hint">{t("visits:schedule.hint")}</p>
        <button type="submit" className="btn btn--small" disabled={navigation.state === "submitting"}>
          {t("visits:schedule.submit")}
        </button>
      </RequiredForm>
    </details>
  );
}

function EventForm({
  lastResult,
  required,
  formKey,
}: {
  lastResult?: FormResult;
  required: readonly string[];
  formKey: string;
}) {
  const { t } = useTranslation(["people", "visits"]);
  const [form, fields] = useServerForm<{ eventKind: string; eventNote: string }>({
    id: "event",
    lastResult,
  });
  return (
    <details className="subform subform--alert" open={Boolean(lastResult?.error)}>
      <summary>{t("people:event.title")}</summary>
      <RequiredForm required={required} method="post" className="form" {...serverFormProps(form)}>
        <input type="hidden" name="intent" value="event" />
        <FormKey value={formKey} />
        <FormErrors errors={form.errors} />
        <FormSelect field={fields.eventKind} label={t("people:event.kind")}>
          <option value="">{t("people:event.choose")}</option>
          {majorEventKinds.map((k) => (
            <option key={k} value={k}>
              {t(`visits:eventKinds.${k}`)}
            </option>
          ))}
        </FormSelect>
        <FormInput field={fields.eventNote} label={t("people:event.note")} />
        <p className="field__hint">{t("people:event.hint")}</p>
        <button type="submit" className="btn btn--small btn--danger">
          {t("people:event.submit")}
        </button>
      </RequiredForm>
    </details>
  );
}

export function VisitHistory({ visits }: { visits: FileVisit[] }) {
  const { t, i18n } = useTranslation(["people", "common", "visits"]);
  const lng = i18n.language;
  return (
    <section className="card card--flush">
      <h2 className="card__title">{t("file.history")}</h2>
      <ListTable
        cards
        inCard
        empty={visits.length === 0}
        emptyText={t("file.noHistory")}
        testId="visit-history"
        head={
          <>
            <th>{t("visits:fields.dueOn")}</th>
            <th>{t("visits:fields.kind")}</th>
            <th>{t("visits:fields.outcome")}</th>
            <th>{t("visits:fields.completedAt")}</th>
            <th>{t("visits:fields.notes")}</th>
          </>
        }
      >
        {visits.map((v) => (
          <tr key={v.id}>
            <td className="nowrap cell--title">
              <Link to={`/visits/${v.id}`}>{formatDate(v.dueOn, lng)}</Link>
            </td>
            <td data-label={t("visits:fields.kind")}>
              <VisitKindBadge kind={v.kind} />
            </td>
            <td data-label={t("visits:fields.outcome")}>
              {v.outcome
                ? t(`common:enum.visitOutcome.${v.outcome}`)
                : t(`common:enum.visitStatus.${v.status}`)}
              {v.outcomeReason && v.outcome === "needs_follow_up" ? (
                <div className="muted small">{v.outcomeReason}</div>
              ) : null}
            </td>
            <td className="nowrap" data-label={t("visits:fields.completedAt")}>
              {formatDateTime(v.completedAt, lng)}
              {v.completedByName ? <div className="muted small">{v.completedByName}</div> : null}
            </td>
            <td className="pre-line" data-label={t("visits:fields.notes")}>
              {v.notes ?? ""}
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
