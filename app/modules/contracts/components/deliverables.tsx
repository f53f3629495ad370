// Deliverables against what the activities recorded so far show: "8 of 12 monthly activities".
import { useTranslation } from "react-i18next";
import type { ContractDeliverables } from "#db/schema/contracts";
import { Badge } from "~/components/ui/badge";
import { BEHIND_BELOW } from "~/modules/contracts/deliverable-status";
import type { DeliverableProgress } from "~/modules/contracts/progress.server";
import { formatList, formatNumber } from "~/utils/format";

function Meter({ done, expected }: { done: number; expected: number | null }) {
  if (!expected) return null;
  const share = done / expected;
  const tone = share >= 1 ? "good" : share >= BEHIND_BELOW ? "info" : "warn";
  return (
    <span className={`meter meter--${tone}`} aria-hidden="true">
      <span className="meter__fill" style={{ width: `${Math.min(100, share * 100)}%` }} />
    </span>
  );
}

export function DeliverablesTable({
  deliverables,
  progress,
}: {
  deliverables: ContractDeliverables;
  progress: Pick<
    DeliverableProgress,
    "activities" | "personTimes" | "homeVisits" | "peopleServed" | "behindMetrics"
  >;
}) {
  const { t, i18n } = useTranslation("contracts");
  const n = (v: number | null | undefined) => formatNumber(v ?? 0, i18n.language);
  const behind = progress.behindMetrics;
  const a = progress.activities;
  const p = progress.personTimes;
  const rows: {
    key: string;
    target: string;
    done: string;
    meter?: [number, number | null];
  }[] = [];
  if (a.perMonth != null)
    rows.push({
      key: "activities",
      target: t("deliverables.targetActivities", { n: a.perMonth }),
      done: t("deliverables.doneActivities", {
        done: n(a.done),
        expected: n(a.expected),
        met: a.monthsMet,
        due: a.monthsDue,
      }),
      meter: [a.done, a.expected],
    });
  else rows.push({ key: "activities", target: "—", done: t("deliverables.doneCount", { done: n(a.done) }) });
  if (p.perYear != null)
    rows.push({
      key: "personTimes",
      target: t("deliverables.targetPersonTimes", { n: n(p.perYear) }),
      done: t("deliverables.donePersonTimes", { done: n(p.done), expected: n(p.expected) }),
      meter: [p.done, p.expected],
    });
  else
    rows.push({
      key: "personTimes",
      target: "—",
      done: t("deliverables.donePersonTimesOnly", { done: n(p.done) }),
    });
  const h = progress.homeVisits;
  if (h.perPersonPerYear != null)
    rows.push({
      key: "homeVisits",
      target: t("deliverables.targetHomeVisitsOf", { n: h.perPersonPerYear, people: n(h.peopleInCare) }),
      done: t("deliverables.doneHomeVisitsOf", {
        done: n(h.done),
        expected: n(h.expected),
        people: n(progress.peopleServed),
      }),
      meter: [h.done, h.expected],
    });
  else
    rows.push({
      key: "homeVisits",
      target: "—",
      done: t("deliverables.doneHomeVisits", { done: n(h.done), people: n(progress.peopleServed) }),
    });
  if (deliverables.peopleServed != null)
    rows.push({
      key: "peopleServed",
      target: t("deliverables.targetPeople", { n: n(deliverables.peopleServed) }),
      done: t("deliverables.donePeople", { done: n(progress.peopleServed) }),
      meter: [progress.peopleServed, deliverables.peopleServed],
    });
  return (
    <>
      {behind.length ? (
        <p>
          <span className="badge badge--warn" data-testid="behind-badge" data-metrics={behind.join(" ")}>
            {t("deliverables.behind", {
              metrics: formatList(
                behind.map((m) => t(`deliverables.items.${m}`)),
                i18n.language,
              ),
            })}
          </span>{" "}
          <span className="muted">{t("deliverables.behindHint")}</span>
        </p>
      ) : null}
      <table className="table table--compact" data-testid="deliverables">
        <thead>
          <tr>
            <th>{t("deliverables.item")}</th>
            <th>{t("deliverables.target")}</th>
            <th>{t("deliverables.soFar")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-deliverable={r.key}>
              <td>{t(`deliverables.items.${r.key}`)}</td>
              <td>{r.target}</td>
              <td>
                <span className="deliverable-done">{r.done}</span>
                {r.meter ? <Meter done={r.meter[0]} expected={r.meter[1]} /> : null}
                {(behind as string[]).includes(r.key) ? (
                  <Badge tone="warn">{t("deliverables.lineBehind")}</Badge>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deliverables.notes ? <p className="muted prewrap">{deliverables.notes}</p> : null}
    </>
  );
}
