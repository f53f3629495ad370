// One visit from the pack, recorded on the device: what the visit needs from the person's file (masked for the
// role) and the same record form as the online page; saving puts it into the outbox. And one outbox item, opened to
// be edited until it is sent, or discarded.
import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { newFormKey } from "~/modules/kernel/form-key";
import type { FormResult } from "~/modules/kernel/use-form";
import { CategoryList, RiskBadge } from "~/modules/people/ui";
import { RecordForm } from "~/modules/visits/components/visit-forms";
import { DueDate, VisitKindBadge } from "~/modules/visits/ui";
import { FIELD_OP, type FieldView } from "../field-app";
import type { OutboxItem, PackPerson } from "../types";

function PersonCard({ person }: { person: PackPerson }) {
  const { t } = useTranslation(["field", "people", "common"]);
  return (
    <section className="card" data-testid="field-person">
      <h2>{person.fullName}</h2>
      <dl className="facts">
        <dt>{t("people:fields.village")}</dt>
        <dd>{[person.villageName, person.townshipName].filter(Boolean).join(" · ")}</dd>
        <dt>{t("people:fields.categories")}</dt>
        <dd>
          <CategoryList categories={person.categories} />
        </dd>
        <dt>{t("people:fields.riskTier")}</dt>
        <dd>
          <RiskBadge tier={person.riskTier} />
        </dd>
        {person.guardianName || person.guardianPhone ? (
          <>
            <dt>{t("field:visits.guardian")}</dt>
            <dd>{[person.guardianName, person.guardianPhone].filter(Boolean).join(" · ")}</dd>
          </>
        ) : null}
      </dl>
      {person.contactMasked ? <p className="muted small">{t("field:visits.contactMasked")}</p> : null}
      <h3>{t("field:visits.lastVisits")}</h3>
      {person.lastVisits.length === 0 ? <p className="muted small">—</p> : null}
      <ul className="field-last-visits">
        {person.lastVisits.map((v) => (
          <li key={`${v.dueOn}-${v.outcome}`}>
            <span className="muted small">
              {v.dueOn} · {v.outcome ? t(`common:enum.visitOutcome.${v.outcome}`) : ""}
            </span>
            {v.notes ? <p className="pre-line small">{v.notes}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FieldVisit({ view, lastResult }: { view: FieldView; lastResult?: FormResult }) {
  const { t } = useTranslation(["field", "visits", "common"]);
  const [formKey] = useState(newFormKey);
  const visit = view.pack?.visits.find((v) => v.id === view.visitId);
  const person = view.pack?.people.find((p) => p.id === visit?.personId);
  if (!visit || !person)
    return (
      <div className="card empty-state" data-testid="not-in-pack">
        <p>{t("visits.notInPack")}</p>
        <Link to="/field" className="btn btn--secondary">
          {t("common:actions.back")}
        </Link>
      </div>
    );
  return (
    <>
      <p className="field-visit__meta">
        <VisitKindBadge kind={visit.kind} />{" "}
        <DueDate dueOn={visit.dueOn} today={view.pack?.today ?? view.today} overdueDays={visit.overdueDays} />
        {visit.notes ? <span className="muted small"> · {visit.notes}</span> : null}
      </p>
      <PersonCard person={person} />
      <RecordForm
        lastResult={lastResult}
        required={view.recordRequired}
        formKey={formKey}
        today={view.today}
        version={visit.version}
      />
    </>
  );
}

const HIDDEN = new Set(["_key", "intent", "baseVersion", FIELD_OP]);

/** The text of an item as the form sent it, for a record form's defaults. */
function initialValueOf(item: OutboxItem): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of item.entries) if (typeof value === "string") out[name] = value;
  return out;
}

function GenericFields({ item }: { item: OutboxItem }) {
  const counts = new Map<string, number>();
  for (const [name] of item.entries) counts.set(name, (counts.get(name) ?? 0) + 1);
  return (
    <>
      {item.entries.map(([name, value], i) => {
        if (typeof value !== "string" || HIDDEN.has(name) || (counts.get(name) ?? 0) > 1) return null;
        const id = `outbox-${name}-${i}`;
        return (
          <div key={id} className="field">
            <label htmlFor={id}>{name}</label>
            {value.length > 60 ? (
              <textarea id={id} name={name} defaultValue={value} rows={3} />
            ) : (
              <input id={id} name={name} defaultValue={value} />
            )}
          </div>
        );
      })}
    </>
  );
}

export function OutboxItemView({ view, lastResult }: { view: FieldView; lastResult?: FormResult }) {
  const { t } = useTranslation(["field", "common"]);
  const { item } = view;
  if (!item) return <p className="card empty-state">{t("outbox.gone")}</p>;
  const values = initialValueOf(item);
  const isRecord = item.kind === "visit" && values.intent === "record";
  return (
    <>
      <h2>
        {item.label} <span className="muted small">{t(`outbox.kind.${item.kind}`)}</span>
      </h2>
      {isRecord ? (
        <RecordForm
          lastResult={lastResult ?? { initialValue: values }}
          required={view.recordRequired}
          formKey={values._key ?? ""}
          today={view.today}
          version={values.baseVersion ? Number(values.baseVersion) : null}
        />
      ) : (
        <Form method="post" className="form card">
          <GenericFields item={item} />
          <button type="submit" className="btn">
            {t("outbox.save")}
          </button>
        </Form>
      )}
      <Form
        method="post"
        action="/field?index"
        onSubmit={(e) => {
          if (!window.confirm(t("outbox.discardConfirm"))) e.preventDefault();
        }}
      >
        <input type="hidden" name={FIELD_OP} value="discard" />
        <input type="hidden" name="item" value={item.id} />
        <button type="submit" className="btn btn--danger btn--small" data-testid="discard">
          {t("outbox.discard")}
        </button>
      </Form>
    </>
  );
}
