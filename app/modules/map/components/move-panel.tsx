// Moving a facility on the map: drag the pin, say whether the new position was checked on site, save.
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/ui/field";
import type { Message } from "~/modules/kernel/messages";

export function MovePanel({
  editing,
  surveyed,
  onSurveyedChange,
  errors,
  saving,
  onSave,
  onCancel,
}: {
  editing: { lat: number; lng: number };
  surveyed: boolean;
  onSurveyedChange: (surveyed: boolean) => void;
  errors?: Message[];
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation(["map", "common"]);
  return (
    <section className="card map-edit-panel" data-testid="move-panel">
      <p>{t("edit.instructions")}</p>
      <p className="muted">
        {t("edit.position", { lat: editing.lat.toFixed(5), lng: editing.lng.toFixed(5) })}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={surveyed}
          onChange={(e) => onSurveyedChange(e.currentTarget.checked)}
        />
        {t("edit.surveyed")}
      </label>
      <FormErrors errors={errors} />
      <div className="btn-row" style={{ marginTop: "0.5rem" }}>
        <button
          type="button"
          className="btn btn--small"
          onClick={onSave}
          disabled={saving}
          data-testid="move-save"
        >
          {t("edit.save")}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={onCancel}>
          {t("common:actions.cancel")}
        </button>
      </div>
    </section>
  );
}
