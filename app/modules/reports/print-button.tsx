// "Print / save as PDF": shown once scripts run; without them the browser's own print command does the same.
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/components/ui/use-hydrated";

export function PrintButton() {
  const { t } = useTranslation("reports");
  const hydrated = useHydrated();
  if (!hydrated) return null;
  return (
    <button type="button" className="btn" onClick={() => window.print()} data-testid="print">
      {t("print")}
    </button>
  );
}
