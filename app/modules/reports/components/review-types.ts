// What the sections of the year-in-review report share: the review as its query returns it (single fetch keeps its
// shape), the reader's language, and the links from each figure to the rows behind it.
import { useTranslation } from "react-i18next";
import { formatNumber } from "~/utils/format";
import { reviewLinks } from "../rows-link";
import type { yearInReview } from "../year-in-review.server";

export type YearInReview = Awaited<ReturnType<typeof yearInReview>>;

export function useReviewSection(review: YearInReview) {
  const { t, i18n } = useTranslation(["reports", "common"]);
  const lng = i18n.language;
  const { rows, activities } = reviewLinks(review.region.code, review.period);
  const n = (v: number | null | undefined) => formatNumber(v, lng);
  return { t, lng, n, rowsLink: rows, activityLink: activities };
}
