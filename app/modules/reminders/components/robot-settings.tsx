// The group robot settings' sections: the robots in force (with "send a test message" and "remove"), and the form
// that sets a region's or a facility's robot. Client-safe.
import { Form } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { FieldErrors, RequiredMark } from "~/components/ui/field";
import { FormKey } from "~/components/ui/form-key";
import { SchemaForm } from "~/components/ui/schema-form";
import type { Message } from "~/modules/kernel/messages";
import { formatDateTime } from "~/utils/format";
import type { RobotRow } from "../robot-row";
import { robotActionSchema } from "../robot-schemas";

export function RobotList({ robots, formKey }: { robots: RobotRow[]; formKey: string }) {
  const { t, i18n } = useTranslation(["reminders", "common"]);
  if (robots.length === 0) return <p className="empty-state">{t("robots.empty")}</p>;
  return (
    <ul className="robot-list" data-testid="robot-list">
      {robots.map((r) => (
        <li key={r.id} className="robot-list__item">
          <div>
            <strong>{r.place}</strong>{" "}
            <span className="muted small">
              {r.placeKind === "facility" ? t("robots.facility") : t(`common:enum.regionLevel.${r.level}`)}
            </span>
          </div>
          <div className="robot-list__meta">
            <Badge tone="info">{t(`robots.kind.${r.kind}`)}</Badge>
            {r.signed ? <Badge tone="good">{t("robots.signed")}</Badge> : null}
            <code>{r.urlHint}</code>
            <span className="muted small">{formatDateTime(r.updatedAt, i18n.language)}</span>
          </div>
          <div className="btn-row">
            <Form method="post">
              <input type="hidden" name="intent" value="test" />
              <input type="hidden" name="id" value={r.id} />
              <button type="submit" className="btn btn--small btn--secondary">
                {t("robots.test")}
              </button>
            </Form>
            <Form method="post">
              <FormKey value={formKey} />
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="id" value={r.id} />
              <button type="submit" className="btn btn--small btn--danger">
                {t("robots.remove")}
              </button>
            </Form>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function RobotForm({
  places,
  formKey,
  fieldErrors,
  resetAfter,
}: {
  /** Changes after each post that stored something: the form is emptied then. */
  resetAfter?: string | null;
  places: {
    regions: { id: number; name: string; level: string }[];
    facilities: { id: number; name: string }[];
  };
  formKey: string;
  fieldErrors?: Record<string, Message[] | null | undefined> | null;
}) {
  const { t } = useTranslation(["reminders", "common"]);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resetAfter) form.current?.reset();
  }, [resetAfter]);
  return (
    <SchemaForm
      schema={robotActionSchema}
      intent={"save"}
      method="post"
      className="form"
      data-testid="robot-form"
      ref={form}
    >
      <FormKey value={formKey} />
      <input type="hidden" name="intent" value="save" />
      <div className="field">
        <label htmlFor="robot-target">
          {t("robots.place")}
          <RequiredMark />
        </label>
        <select id="robot-target" name="target" required aria-required="true" defaultValue="">
          <option value="" disabled>
            {t("robots.choosePlace")}
          </option>
          <optgroup label={t("robots.regions")}>
            {places.regions.map((r) => (
              <option key={`r${r.id}`} value={`region:${r.id}`}>
                {r.name} · {t(`common:enum.regionLevel.${r.level}`)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t("robots.facilities")}>
            {places.facilities.map((f) => (
              <option key={`f${f.id}`} value={`facility:${f.id}`}>
                {f.name}
              </option>
            ))}
          </optgroup>
        </select>
        <FieldErrors id="robot-target-error" errors={fieldErrors?.target ?? undefined} />
      </div>
      <div className="field">
        <label htmlFor="robot-kind">
          {t("robots.kindLabel")}
          <RequiredMark />
        </label>
        <select id="robot-kind" name="kind" aria-required="true" defaultValue="wecom">
          <option value="wecom">{t("robots.kind.wecom")}</option>
          <option value="dingtalk">{t("robots.kind.dingtalk")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="robot-url">
          {t("robots.url")}
          <RequiredMark />
        </label>
        <input
          id="robot-url"
          name="url"
          type="url"
          required
          aria-required="true"
          autoComplete="off"
          inputMode="url"
        />
        <p className="field__hint">{t("robots.urlHint")}</p>
        <FieldErrors id="robot-url-error" errors={fieldErrors?.url ?? undefined} />
      </div>
      <div className="field">
        <label htmlFor="robot-secret">{t("robots.secret")}</label>
        <input id="robot-secret" name="secret" type="password" autoComplete="off" />
        <p className="field__hint">{t("robots.secretHint")}</p>
        <FieldErrors id="robot-secret-error" errors={fieldErrors?.secret ?? undefined} />
      </div>
      <button type="submit" className="btn">
        {t("common:actions.save")}
      </button>
    </SchemaForm>
  );
}
