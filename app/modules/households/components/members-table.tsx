// A household's members: relation, name (masked where the reader may not open the file), categories, status and
// their latest visits. A table at a desk, a card per member on a phone. Client-safe.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { ListTable } from "~/components/ui/list-table";
import { CategoryList, PersonStatusBadge } from "~/modules/people/ui";
import { formatDate } from "~/utils/format";
import type { HouseholdMember, MemberVisit } from "../queries.server";

export function MembersTable({ members }: { members: HouseholdMember[] }) {
  const { t } = useTranslation(["households", "common"]);
  return (
    <ListTable
      empty={members.length === 0}
      emptyText={t("page.noMembers")}
      cards
      testId="household-members"
      head={
        <>
          <th>{t("fields.member")}</th>
          <th>{t("fields.relation")}</th>
          <th>{t("fields.categories")}</th>
          <th>{t("fields.status")}</th>
          <th>{t("fields.visits")}</th>
        </>
      }
    >
      {members.map((m) => (
        <tr key={m.person.id} data-testid={`member-${m.person.id}`}>
          <td className="cell--title">
            {m.person.masked ? (
              <span title={t("page.maskedHint")}>{m.person.fullName}</span>
            ) : (
              <Link to={`/people/${m.person.id}`}>{m.person.fullName}</Link>
            )}
          </td>
          <td data-label={t("fields.relation")}>
            {m.relation === "head" ? (
              <Badge tone="info">{t(`common:enum.householdRelation.${m.relation}`)}</Badge>
            ) : (
              t(`common:enum.householdRelation.${m.relation}`)
            )}
          </td>
          <td data-label={t("fields.categories")}>
            {m.categories ? <CategoryList categories={m.categories} /> : <span className="muted">—</span>}
          </td>
          <td data-label={t("fields.status")}>
            <PersonStatusBadge status={m.status} />
          </td>
          <td data-label={t("fields.visits")}>
            {m.visits ? <MemberVisits visits={m.visits} /> : <span className="muted">—</span>}
          </td>
        </tr>
      ))}
    </ListTable>
  );
}

function MemberVisits({ visits }: { visits: MemberVisit[] }) {
  const { t, i18n } = useTranslation(["households", "common"]);
  if (visits.length === 0) return <span className="muted">{t("page.noVisits")}</span>;
  return (
    <ul className="household-visits">
      {visits.map((v) => (
        <li key={v.id}>
          <Link to={`/visits/${v.id}`}>
            {v.status === "scheduled"
              ? t("page.visitDue", { date: formatDate(v.dueOn, i18n.language) })
              : `${formatDate(v.completedOn ?? v.dueOn, i18n.language)} ${
                  v.outcome
                    ? t(`common:enum.visitOutcome.${v.outcome}`)
                    : t(`common:enum.visitStatus.${v.status}`)
                }`}
          </Link>
        </li>
      ))}
    </ul>
  );
}
