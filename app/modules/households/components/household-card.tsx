// A person's file: the household they belong to, linked, or a way to found one with them as head. Client-safe.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type PersonHousehold = { id: number; number: string; relation: string; members: number } | null;

export function HouseholdCard({
  household,
  personId,
  canWrite,
}: {
  household: PersonHousehold;
  personId: number;
  canWrite: boolean;
}) {
  const { t } = useTranslation(["people", "common"]);
  if (!household && !canWrite) return null;
  return (
    <section className="card" data-testid="person-household">
      <h2>{t("household.title")}</h2>
      {household ? (
        <p>
          <Link to={`/households/${household.id}`} data-testid="household-link">
            {t("household.number", { number: household.number })}
          </Link>{" "}
          · {t(`common:enum.householdRelation.${household.relation}`)} ·{" "}
          {t("household.members", { count: household.members })}
        </p>
      ) : (
        <>
          <p className="muted">{t("household.none")}</p>
          <Link to={`/households/new?person=${personId}`} className="btn btn--small btn--secondary">
            {t("household.create")}
          </Link>
        </>
      )}
    </section>
  );
}
