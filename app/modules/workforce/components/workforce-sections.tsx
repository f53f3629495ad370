// The workforce figures as sections of other modules' pages: a facility's card, the coverage page's table and the
// year in review's section. Client-safe; the figures come from figures.server.ts.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { formatNumber, formatPercent } from "~/utils/format";
import type { RegionWorkforce, TrainingYear, WorkforceFigures, WorkforceGroup } from "../figures.server";
import { rowsBelow } from "../levels";

function useFigureText() {
  const { t, i18n } = useTranslation(["workforce"]);
  const lng = i18n.language;
  const share = (ratio: number | null, part: number, whole: number) =>
    whole > 0
      ? t("figures.shareOf", {
          share: formatPercent(ratio, lng),
          part: formatNumber(part, lng),
          whole: formatNumber(whole, lng),
        })
      : "—";
  return {
    staffing: (f: WorkforceFigures) =>
      f.target > 0
        ? t("figures.againstTarget", {
            share: formatPercent(f.staffing, lng, 0),
            part: formatNumber(f.staffedToTarget, lng),
            whole: formatNumber(f.target, lng),
          })
        : "—",
    certified: (f: WorkforceFigures) => share(f.certifiedShare, f.certified, f.workers),
    carers: (f: WorkforceFigures) => share(f.carersCertifiedShare, f.carersCertified, f.carers),
    hours: (f: WorkforceFigures) => formatNumber(f.hoursPerWorker, lng, 1),
    caseload: (f: WorkforceFigures) => formatNumber(f.caseload, lng, 1),
    n: (v: number) => formatNumber(v, lng),
  };
}

/** The figures of one station or centre, on its page. */
export function FacilityWorkforce({
  figures,
  facilityId,
  staffTarget,
  canManage,
}: {
  figures: WorkforceFigures;
  facilityId: number;
  staffTarget: number | null;
  canManage: boolean;
}) {
  const { t } = useTranslation(["workforce", "common"]);
  const text = useFigureText();
  return (
    <section className="card" data-testid="facility-workforce">
      <h2>{t("figures.title")}</h2>
      <dl className="facts">
        <dt>{t("figures.workers")}</dt>
        <dd data-testid="workforce-workers">
          <Link to={`/workforce?facility=${facilityId}`}>{text.n(figures.workers)}</Link>
        </dd>
        <dt>{t("figures.staffing")}</dt>
        <dd data-testid="workforce-staffing">
          {staffTarget == null ? t("figures.noTarget") : text.staffing(figures)}
        </dd>
        <dt>{t("figures.certifiedShare")}</dt>
        <dd data-testid="workforce-certified">{text.certified(figures)}</dd>
        {figures.carers > 0 ? (
          <>
            <dt>{t("figures.carersCertifiedShare")}</dt>
            <dd data-testid="workforce-carers-certified">{text.carers(figures)}</dd>
          </>
        ) : null}
        <dt>{t("figures.hoursPerWorker")}</dt>
        <dd data-testid="workforce-hours">{text.hours(figures)}</dd>
        <dt>{t("figures.caseload")}</dt>
        <dd data-testid="workforce-caseload">{text.caseload(figures)}</dd>
      </dl>
      <p className="muted small">{t("figures.definitions")}</p>
      {canManage ? (
        <div className="btn-row">
          <Link to={`/workforce/new?facility=${facilityId}`} className="btn btn--secondary btn--small">
            {t("list.add")}
          </Link>
        </div>
      ) : null}
    </section>
  );
}

function GroupTable({ rows, label, testId }: { rows: WorkforceGroup[]; label: string; testId: string }) {
  const { t } = useTranslation(["workforce", "common"]);
  const text = useFigureText();
  return (
    <ListTable
      cards
      testId={testId}
      head={
        <>
          <th>{label}</th>
          <th className="num">{t("figures.workers")}</th>
          <th className="num">{t("figures.staffing")}</th>
          <th className="num">{t("figures.certifiedShare")}</th>
          <th className="num">{t("figures.hoursPerWorker")}</th>
          <th className="num">{t("figures.caseload")}</th>
        </>
      }
    >
      {rows.map((r) => (
        <tr key={r.code} data-code={r.code}>
          <td className="cell--title" data-label={label}>
            {r.name}
          </td>
          <td className="num" data-label={t("figures.workers")}>
            {text.n(r.figures.workers)}
          </td>
          <td className="num" data-label={t("figures.staffing")}>
            {text.staffing(r.figures)}
          </td>
          <td className="num" data-label={t("figures.certifiedShare")} data-testid="row-certified">
            {text.certified(r.figures)}
          </td>
          <td className="num" data-label={t("figures.hoursPerWorker")}>
            {text.hours(r.figures)}
          </td>
          <td className="num" data-label={t("figures.caseload")}>
            {text.caseload(r.figures)}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

function Headline({ figures }: { figures: WorkforceFigures }) {
  const { t } = useTranslation(["workforce", "common"]);
  const text = useFigureText();
  return (
    <dl className="facts">
      <dt>{t("figures.workers")}</dt>
      <dd data-testid="region-workers">{text.n(figures.workers)}</dd>
      <dt>{t("figures.staffing")}</dt>
      <dd>{text.staffing(figures)}</dd>
      <dt>{t("figures.certifiedShare")}</dt>
      <dd data-testid="region-certified">{text.certified(figures)}</dd>
      <dt>{t("figures.carersCertifiedShare")}</dt>
      <dd data-testid="region-carers-certified">{text.carers(figures)}</dd>
      <dt>{t("figures.hoursPerWorker")}</dt>
      <dd data-testid="region-hours">{text.hours(figures)}</dd>
      <dt>{t("figures.caseload")}</dt>
      <dd>{text.caseload(figures)}</dd>
    </dl>
  );
}

/** The coverage page's section: the region's workforce and the level below it. */
export function CoverageWorkforce({ workforce, level }: { workforce: RegionWorkforce; level: string }) {
  const { t } = useTranslation(["workforce", "common"]);
  const { rows, by } = rowsBelow(workforce, level);
  return (
    <section data-testid="coverage-workforce">
      <h2>{t("figures.title")}</h2>
      <Headline figures={workforce.total} />
      {rows.length ? <GroupTable rows={rows} label={t(`figures.by.${by}`)} testId="workforce-rows" /> : null}
      <p className="muted small">{t("figures.definitions")}</p>
    </section>
  );
}

/** The year in review's section: the workforce at the year's end and the year's trainings. */
export function ReviewWorkforce({
  workforce,
  trainings,
  level,
}: {
  workforce: RegionWorkforce;
  trainings: TrainingYear;
  level: string;
}) {
  const { t, i18n } = useTranslation(["workforce", "common"]);
  const lng = i18n.language;
  const { rows, by } = rowsBelow(workforce, level);
  return (
    <section className="report__section" data-testid="review-workforce">
      <h2>{t("review.title")}</h2>
      <Headline figures={workforce.total} />
      {rows.length > 1 ? (
        <GroupTable rows={rows} label={t(`figures.by.${by}`)} testId="review-workforce-rows" />
      ) : null}
      <h3>{t("review.trainings")}</h3>
      <p data-testid="review-trainings">
        {t("review.trainingsLine", {
          count: trainings.trainings,
          hours: formatNumber(trainings.hours, lng, 1),
          participants: formatNumber(trainings.participants, lng),
        })}
      </p>
      {trainings.list.length ? (
        <ul className="small">
          {trainings.list.map((tr) => (
            <li key={tr.id}>
              {tr.heldOn} · {tr.topic} · {tr.organizer} ·{" "}
              {t("review.trainingItem", {
                hours: formatNumber(tr.hours, lng, 1),
                participants: formatNumber(tr.participants, lng),
              })}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small">{t("review.asOf", { date: workforce.window.asOf })}</p>
    </section>
  );
}
