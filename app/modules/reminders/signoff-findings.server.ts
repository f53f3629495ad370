// Findings about the monthly sign-off (app/modules/signoff): a month the organization owes — ended and never
// submitted (from the 5th of the next month, its planners told too), or returned or reopened by the planner (the
// organization told at once, again after each return). The months are those the sign-off list counts.
import { sql } from "drizzle-orm";
import { waitingMonths } from "~/modules/signoff/queries.server";
import { todayInShanghai } from "~/utils/dates";
import { shiftMonth } from "~/utils/months";
import { shanghaiInstant } from "~/utils/shanghai-instant";
import type { Finding, Findings, ScanContext } from "./findings";
import { contractCircles } from "./recipients.server";
import { uniqueRecipients } from "./routing";

/** The day of the next month from which an unsubmitted month is reminded of. */
export const SIGNOFF_GRACE_DAY = "05";

export async function signoffFindings({ db, now, settings }: ScanContext): Promise<Findings> {
  const today = todayInShanghai(now);
  const windowEnd = new Date(now.getTime() + settings.windowMs);
  const { rows } = await waitingMonths(db, { scope: sql`true`, filter: "todo", today, limit: 100_000 });
  if (rows.length === 0) return { findings: [], gaps: [] };
  const circles = await contractCircles(db, [...new Set(rows.map((r) => r.contractId))]);
  const findings: Finding[] = [];
  for (const m of rows) {
    const circle = circles.get(m.contractId) ?? { planners: [], organization: [], contactPhoneOnly: false };
    const payload = {
      contractCode: m.code,
      contractTitle: m.title,
      organizationName: m.organizationName,
      month: m.month,
      link: `/contracts/${m.contractId}/months?month=${m.month}`,
    };
    if (m.state === "unsubmitted") {
      const from = shanghaiInstant(`${shiftMonth(m.month, 1)}-${SIGNOFF_GRACE_DAY}`, settings.sendTime);
      if (from > windowEnd) continue;
      findings.push({
        kind: "signoff_due",
        subjectType: "contract",
        subjectId: m.contractId,
        occurrence: m.month,
        sendAt: from > now ? from : now,
        recipients: uniqueRecipients([...circle.planners, ...circle.organization]),
        payload,
        linkPermission: "read:contract",
      });
    } else {
      findings.push({
        kind: "signoff_returned",
        subjectType: "contract",
        subjectId: m.contractId,
        // A month returned twice is reminded of twice.
        occurrence: `${m.month}@${m.decidedAt ?? ""}`,
        sendAt: now,
        recipients: uniqueRecipients(circle.organization),
        payload,
        linkPermission: "read:contract",
      });
    }
  }
  return { findings, gaps: [] };
}
