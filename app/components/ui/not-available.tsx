import { useTranslation } from "react-i18next";
import { PageHeader } from "./page-header";

/** An honest page for an area a later release builds. */
export function NotAvailable({ area }: { area: string }) {
  const { t } = useTranslation();
  const name = t(`nav.${area}`);
  return (
    <>
      <PageHeader title={name} />
      <div className="card empty-state" data-testid="not-available">
        <h2>{t("notAvailable.title", { area: name })}</h2>
        <p>{t("notAvailable.body")}</p>
      </div>
    </>
  );
}
