// The year in review, the people in care and the visits to them, by county.
import { Link } from "@remix-run/react";
import { Trans } from "react-i18next";
import { personCategories } from "#db/schema/people";
import { ListTable } from "~/components/ui/list-table";
import { countyDigits } from "~/modules/regions/codes";
import { formatPercent } from "~/utils/format";
import { FigureCell } from "./figure-cell";
import { useReviewSection, type YearInReview } from "./review-types";

export function ReviewPeople({ review }: { review: YearInReview }) {
  const { t, n, rowsLink } = useReviewSection(review);
  const categoriesUsed = personCategories.filter((c) =>
    review.peopleInCare.byCategory.some((r) => r.category === c),
  );
  return (
    <section className="report__section">
      <h2>{t("review.peopleTitle")}</h2>
      <p className="muted">
        <Trans
          t={t}
          i18nKey="review.peopleNote"
          values={{ total: n(review.peopleInCare.total) }}
          components={{ rows: <Link to={rowsLink("people")} /> }}
        />
      </p>
      <ListTable
        className="report__compact"
        testId="people-by-county"
        head={
          <>
            <th>{t("review.col.county")}</th>
            {categoriesUsed.map((c) => (
              <th key={c} className="num">
                {t(`common:enum.personCategory.${c}`)}
              </th>
            ))}
            <th className="num">{t("review.col.people")}</th>
          </>
        }
        foot={
          <tr>
            <th>{t("review.total")}</th>
            {categoriesUsed.map((c) => (
              <th key={c} className="num">
                <Link to={rowsLink("people", { category: c })}>
                  {n(review.peopleInCare.byCategory.find((r) => r.category === c)?.people ?? 0)}
                </Link>
              </th>
            ))}
            <FigureCell to={rowsLink("people")} total>
              {n(review.peopleInCare.total)}
            </FigureCell>
          </tr>
        }
      >
        {review.peopleInCare.byCounty.map((county) => (
          <tr key={county.countyCode}>
            <td>{county.countyName}</td>
            {categoriesUsed.map((c) => {
              const v =
                review.peopleInCare.rows.find((r) => r.countyCode === county.countyCode && r.category === c)
                  ?.people ?? 0;
              return (
                <td key={c} className="num">
                  {v ? (
                    <Link to={rowsLink("people", { county: countyDigits(county.countyCode), category: c })}>
                      {n(v)}
                    </Link>
                  ) : (
                    <span className="muted">0</span>
                  )}
                </td>
              );
            })}
            <FigureCell to={rowsLink("people", { county: countyDigits(county.countyCode) })}>
              {n(county.people)}
            </FigureCell>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

export function ReviewVisits({ review }: { review: YearInReview }) {
  const { t, lng, n, rowsLink } = useReviewSection(review);
  return (
    <section className="report__section">
      <h2>{t("review.visitsTitle")}</h2>
      <p className="muted">{t("review.visitsNote")}</p>
      <ListTable
        className="report__compact"
        testId="visits-by-county"
        head={
          <>
            <th>{t("review.col.county")}</th>
            <th className="num">{t("review.col.visitsDone")}</th>
            <th className="num">{t("review.col.onTime")}</th>
            <th className="num">{t("review.col.onTimeRate")}</th>
          </>
        }
        foot={
          <tr>
            <th>{t("review.total")}</th>
            <FigureCell to={rowsLink("visits")} total>
              {n(review.visits.done)}
            </FigureCell>
            <FigureCell to={rowsLink("visits", { onTime: 1 })} total>
              {n(review.visits.onTime)}
            </FigureCell>
            <FigureCell to={rowsLink("visits")} total>
              {formatPercent(review.visits.rate, lng)}
            </FigureCell>
          </tr>
        }
      >
        {review.visits.byCounty.map((r) => (
          <tr key={r.countyCode}>
            <td>{r.countyName}</td>
            <FigureCell to={rowsLink("visits", { county: countyDigits(r.countyCode) })}>
              {n(r.done)}
            </FigureCell>
            <FigureCell to={rowsLink("visits", { county: countyDigits(r.countyCode), onTime: 1 })}>
              {n(r.onTime)}
            </FigureCell>
            <FigureCell to={rowsLink("visits", { county: countyDigits(r.countyCode) })}>
              {formatPercent(r.done ? r.onTime / r.done : null, lng)}
            </FigureCell>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
