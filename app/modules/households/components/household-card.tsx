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
  const { t } = useTranslation(["households"]);
  if (!household && !canWrite) return null;
  return (
    <section className="card" data-testid="person-household">
      <h2>{t("card.title")}</h2>
      {household ? (
        <p>
          <Link to={`/households/${household.id}`} data-testid="household-link">
            {t("card.number", { number: household.number })}
          </Link>{" "}
          · {t(`relation.${household.relation}`)} · {t("card.members", { count: household.members })}
        </p>
      ) : (
        <>
          <p className="muted">{t("card.none")}</p>
          <Link to={`/households/new?person=${personId}`} className="btn btn--small btn--secondary">
            {t("card.create")}
          </Link>
        </>
      )}
    </section>
  );
}
