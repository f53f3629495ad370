// The year in review, its second half: the funds of the year, the service network and the organizations.
import { Link } from "@remix-run/react";
import { Trans } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { formatDate, formatPercent, formatWan, formatYuan } from "~/utils/format";
import { FigureCell } from "./figure-cell";
import { useReviewSection, type YearInReview } from "./review-types";

export function ReviewFunds({ review }: { review: YearInReview }) {
  const { t, lng, rowsLink } = useReviewSection(review);
  return (
    <section className="report__section">
      <h2>{t("review.fundsTitle")}</h2>
      <ListTable
        className="report__compact"
        testId="funds"
        head={
          <>
            <th>{t("review.col.source")}</th>
            <th>{t("review.col.sourceKind")}</th>
            <th className="num">{t("review.col.total")}</th>
            <th className="num">{t("review.col.allocated")}</th>
            <th className="num">{t("review.col.spent")}</th>
            <th className="num">{t("review.col.execution")}</th>
          </>
        }
        foot={
          <tr>
            <th colSpan={2}>{t("review.total")}</th>
            <FigureCell to={rowsLink("fundingSources")} total>
              {formatWan(review.funds.totalFen, lng)}
            </FigureCell>
            <FigureCell to={rowsLink("allocations", { sources: "year" })} total>
              {formatWan(review.funds.allocatedFen, lng)}
            </FigureCell>
            <FigureCell to={rowsLink("spending")} total>
              {formatWan(review.funds.spentFen, lng)}
            </FigureCell>
            <FigureCell to={rowsLink("spending")} total>
              {formatPercent(review.funds.rate, lng)}
            </FigureCell>
          </tr>
        }
      >
        {review.funds.rows.map((f) => {
          // "none": contracts of the year with nothing allocated, whose spending still counts.
          const source = f.id ?? "none";
          return (
            <tr key={source}>
              <td>{f.id === null ? <span className="muted">{t("review.unallocated")}</span> : f.name}</td>
              <td>
                {f.kind ? t(`common:enum.fundingSourceKind.${f.kind}`) : "—"}
                {f.donorProvince ? <span className="muted"> · {f.donorProvince}</span> : null}
              </td>
              {f.id === null ? (
                <td className="num">—</td>
              ) : (
                <FigureCell to={rowsLink("fundingSources", { source })}>
                  {formatWan(f.totalFen, lng)}
                </FigureCell>
              )}
              <FigureCell to={rowsLink("allocations", { source })}>
                {formatWan(f.allocatedFen, lng)}
              </FigureCell>
              <FigureCell to={rowsLink("spending", { source })}>{formatWan(f.spentFen, lng)}</FigureCell>
              <FigureCell to={rowsLink("spending", { source })}>
                {formatPercent(f.allocatedFen ? f.spentFen / f.allocatedFen : null, lng)}
              </FigureCell>
            </tr>
          );
        })}
      </ListTable>
      <p className="muted report__note">
        <Trans
          t={t}
          i18nKey="review.fundsNote"
          values={{
            total: formatYuan(review.funds.totalFen, lng),
            year: review.period.year,
            date: formatDate(review.period.asOf, lng),
          }}
          components={{ rows: <Link to={rowsLink("fundingSources")} /> }}
        />
      </p>
    </section>
  );
}

export function ReviewNetwork({ review }: { review: YearInReview }) {
  const { t, lng, n, rowsLink } = useReviewSection(review);
  const { period } = review;
  const facilityKinds = [...new Set(review.network.rows.map((r) => r.kind))];
  const facilityStatuses = [...new Set(review.network.rows.map((r) => r.status))];
  return (
    <section className="report__section">
      <h2>{t("review.networkTitle")}</h2>
      <p className="muted">{t("review.networkNote", { date: formatDate(period.asOf, lng) })}</p>
      <ListTable
        className="report__compact"
        testId="network"
        head={
          <>
            <th>{t("review.col.facilityKind")}</th>
            {facilityStatuses.map((s) => (
              <th key={s} className="num">
                {t(`common:enum.facilityStatus.${s}`)}
              </th>
            ))}
          </>
        }
      >
        {facilityKinds.map((k) => (
          <tr key={k}>
            <td>{t(`common:enum.facilityKind.${k}`)}</td>
            {facilityStatuses.map((s) => {
              const v = review.network.rows.find((r) => r.kind === k && r.status === s)?.facilities ?? 0;
              return (
                <td key={s} className="num">
                  {v ? (
                    <Link to={rowsLink("facilities", { kind: k, status: s })}>{n(v)}</Link>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

export function ReviewOrganizations({ review }: { review: YearInReview }) {
  const { t, lng, n, rowsLink } = useReviewSection(review);
  const { period } = review;
  return (
    <section className="report__section">
      <h2>{t("review.organizationsTitle")}</h2>
      <dl className="facts report__facts" data-testid="organizations">
        <dt>{t("review.orgsRegistered")}</dt>
        <dd>
          <Link to={rowsLink("organizations")}>{n(review.organizations.organizations)}</Link>
        </dd>
        <dt>{t("review.orgsWithBranch")}</dt>
        <dd>
          <Link to={rowsLink("organizations", { party: 1 })}>{n(review.organizations.withBranch)}</Link>
          <span className="muted">
            {" ("}
            <Link to={rowsLink("organizations")}>{formatPercent(review.organizations.coverage, lng)}</Link>)
          </span>
        </dd>
        <dt>{t("review.orgsNew", { year: period.year })}</dt>
        <dd>
          <Link to={rowsLink("organizations", { registered: "year" })}>
            {n(review.organizations.registeredInYear)}
          </Link>
        </dd>
        <dt>{t("review.orgsContracted")}</dt>
        <dd>
          <Link to={rowsLink("organizations", { contracted: 1 })}>
            {n(review.organizations.underContract)}
          </Link>
        </dd>
      </dl>
    </section>
  );
}
