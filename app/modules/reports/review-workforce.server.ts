// The year in review's workforce section, read once for the page and its workbook: the workforce as employed on the
// report date and the trainings held from the year's start to it (workforce/figures.server.ts defines the figures).
import { regionWorkforce, trainingsOver } from "~/modules/workforce/figures.server";
import type { ReportPeriod, ReportRegion } from "./region.server";

export type ReviewWorkforce = Awaited<ReturnType<typeof reviewWorkforce>>;

export async function reviewWorkforce({ region, period }: { region: ReportRegion; period: ReportPeriod }) {
  const window = { from: period.start, asOf: period.asOf };
  const [workforce, trainings] = await Promise.all([
    regionWorkforce(region.prefix, window),
    trainingsOver(region.prefix, window),
  ]);
  return { workforce, trainings };
}
