// The person's file: a timeline of structured home-visit records (入户走访记录), and a transfer under way. Client-safe.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { formatDateTime } from "~/utils/format";
import type { PersonFieldRecords } from "../record-timeline.server";
import { VisitPhotos } from "./visit-photos";

export function VisitRecordTimeline({ field }: { field: PersonFieldRecords }) {
  const { t, i18n } = useTranslation(["visits", "common"]);
  const opt = (name: string, value: string | null) => (value ? t(`record.options.${name}.${value}`) : null);
  return (
    <section className="card" data-testid="visit-record-timeline">
      <h2>{t("timeline.title")}</h2>
      {field.pendingTransfers.map((x) => (
        <p key={x.id} className="notice" data-testid="pending-transfer">
          {t("timeline.transferPending", {
            to: x.toStationName ?? x.destination ?? t("timeline.transferOutside"),
          })}{" "}
          <Link to="/visits/transfers">{t("timeline.transferOpen")}</Link>
        </p>
      ))}
      {field.records.length === 0 ? <p className="muted">{t("timeline.empty")}</p> : null}
      <ol className="timeline">
        {field.records.map(({ id, completedAt, outcome, record: r, completedByName, referrals, photos }) => (
          <li key={id} className="timeline__item">
            <div className="timeline__head">
              <Link to={`/visits/${id}`}>{formatDateTime(completedAt, i18n.language)}</Link>{" "}
              {outcome ? <Badge tone="neutral">{t(`common:enum.visitOutcome.${outcome}`)}</Badge> : null}{" "}
              <span className="muted small">{completedByName ?? ""}</span>
            </div>
            {r ? (
              <dl className="facts facts--compact">
                <dt>{t("record.fields.seen")}</dt>
                <dd>
                  {opt("seen", r.seen)}
                  {r.present.length ? ` · ${r.present.map((p) => opt("present", p)).join("、")}` : ""}
                </dd>
                <dt>{t("timeline.conditions")}</dt>
                <dd>
                  {[
                    ["housing", r.housing],
                    ["heating", r.heating],
                    ["water", r.water],
                    ["food", r.food],
                  ]
                    .filter(([, v]) => v)
                    .map(([k, v]) => `${t(`record.fields.${k}`)}：${opt(k as string, v)}`)
                    .join("；") || "—"}
                </dd>
                {r.health || r.careNeeds ? (
                  <>
                    <dt>{t("record.fields.health")}</dt>
                    <dd>{[r.health, r.careNeeds].filter(Boolean).join("；")}</dd>
                  </>
                ) : null}
                {r.needs.length || r.needsText ? (
                  <>
                    <dt>{t("record.fields.needs")}</dt>
                    <dd data-testid="timeline-needs">
                      {r.needs.map((n) => opt("needs", n)).join("、")}
                      {r.needsText ? `（${r.needsText}）` : ""}
                    </dd>
                  </>
                ) : null}
                {r.services ? (
                  <>
                    <dt>{t("record.fields.services")}</dt>
                    <dd>{r.services}</dd>
                  </>
                ) : null}
                {referrals.length ? (
                  <>
                    <dt>{t("record.fields.referrals")}</dt>
                    <dd>
                      {referrals.map((x) => (
                        <span key={x.id} className="nowrap">
                          {opt("referrals", x.kind)}{" "}
                          <Badge tone={x.status === "open" ? "warn" : "good"}>
                            {x.status === "open" ? t("referrals.open") : t(`referrals.results.${x.result}`)}
                          </Badge>{" "}
                        </span>
                      ))}
                    </dd>
                  </>
                ) : null}
              </dl>
            ) : null}
            <VisitPhotos photos={photos} heading={false} />
          </li>
        ))}
      </ol>
    </section>
  );
}
