// The register's rows: a table at a desk, one card per person on a phone (name, village, next visit and risk first).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { ListTable } from "~/components/ui/list-table";
import { ageOn } from "~/modules/kernel/masking";
import { DueDate } from "~/modules/visits/ui";
import { CategoryList, PersonStatusBadge, RiskBadge } from "../ui";

export type RegisterRow = {
  id: number;
  fullName: string;
  nameBo?: string | null;
  /** Found only through another spelling of the name (names/variants.json). */
  viaVariant?: boolean;
  sex: string;
  birthDate: string;
  idNumberMasked: string | null;
  villageName: string | null;
  townshipName: string | null;
  categories: readonly string[];
  riskTier: string;
  nextDueOn: string | null;
  pastDeadline?: boolean;
  status: string;
};

export function RegisterTable({ rows, today }: { rows: RegisterRow[]; today: string }) {
  const { t } = useTranslation(["peopleRegister", "people", "common", "visits"]);
  return (
    <ListTable
      cards
      testId="people-table"
      head={
        <>
          <th>{t("fields.fullName")}</th>
          <th>{t("register.nextVisit")}</th>
          <th>{t("fields.riskTier")}</th>
          <th>{t("fields.village")}</th>
          <th>{t("fields.categories")}</th>
          <th>{t("fields.idNumber")}</th>
          <th>{t("fields.status")}</th>
        </>
      }
    >
      {rows.map((p) => (
        <tr key={p.id}>
          <td className="cell--title">
            <Link to={`/people/${p.id}`} className="person-link">
              {p.fullName}
            </Link>
            {p.nameBo ? (
              <span className="name-bo" lang="bo">
                {" "}
                {p.nameBo}
              </span>
            ) : null}
            {p.viaVariant ? (
              <span title={t("register.viaVariantHint")}>
                {" "}
                <Badge tone="info">{t("register.viaVariant")}</Badge>
              </span>
            ) : null}
            <div className="muted small">
              {t(`common:enum.sex.${p.sex}`)} · {t("age", { count: ageOn(p.birthDate, today) })}
            </div>
          </td>
          <td data-label={t("register.nextVisit")}>
            {p.nextDueOn ? (
              <DueDate dueOn={p.nextDueOn} today={today} overdueDays={p.pastDeadline ? 1 : undefined} />
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td data-label={t("fields.riskTier")}>
            <RiskBadge tier={p.riskTier} />
          </td>
          <td data-label={t("fields.village")}>
            {p.villageName}
            <div className="muted small">{p.townshipName}</div>
          </td>
          <td data-label={t("fields.categories")}>
            <CategoryList categories={p.categories} />
          </td>
          <td data-label={t("fields.idNumber")}>
            <code>{p.idNumberMasked}</code>
          </td>
          <td data-label={t("fields.status")}>
            <PersonStatusBadge status={p.status} />
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
