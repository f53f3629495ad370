// What the sections of the year-in-review report receive: the review as its query returns it (single fetch keeps
// its shape), and the links from each figure to the rows behind it.
import { reviewLinks } from "../rows-link";
import type { yearInReview } from "../year-in-review.server";

export type YearInReview = Awaited<ReturnType<typeof yearInReview>>;

/** The figure links of one review: rows behind a figure, or the activity list filtered the same way. */
export function linksOf(review: YearInReview) {
  const { rows, activities } = reviewLinks(review.region.code, review.period);
  return { rowsLink: rows, activityLink: activities };
}
