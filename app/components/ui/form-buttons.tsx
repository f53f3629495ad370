// The closing row of a form: its submit button, disabled while the form posts, and a cancel link where there is
// somewhere to go back to.
import { Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function FormButtons({
  submitLabel,
  cancelTo,
  danger = false,
  className = "btn-row",
}: {
  submitLabel: string;
  /** Where "cancel" leads; no cancel link without it. */
  cancelTo?: string;
  /** The submit undoes something (reversing an expenditure). */
  danger?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  return (
    <div className={className}>
      <button
        type="submit"
        className={danger ? "btn btn--danger" : "btn"}
        disabled={navigation.state === "submitting"}
      >
        {submitLabel}
      </button>
      {cancelTo ? (
        <Link to={cancelTo} className="btn btn--ghost">
          {t("common:actions.cancel")}
        </Link>
      ) : null}
    </div>
  );
}
