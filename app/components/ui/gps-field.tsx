// The device's position, if the person asks for it: progressive enhancement, the form works without it.

import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrors } from "~/components/ui/field";
import type { Message } from "~/modules/kernel/messages";
import { useHydrated } from "./use-hydrated";

type Point = { lat: number; lng: number; accuracy: number };

/** `errors` are those of lat, lng and gpsAccuracy together: the three values share this one place on the form. */
export function GpsField({ initial, errors }: { initial?: Point | null; errors?: Message[] | null }) {
  const { t, i18n } = useTranslation("common");
  const hydrated = useHydrated();
  const [point, setPoint] = useState<Point | null>(initial ?? null);
  const [state, setState] = useState<"idle" | "locating" | "failed">("idle");
  const supported = hydrated && typeof navigator !== "undefined" && "geolocation" in navigator;
  const locate = () => {
    setState("locating");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({
          lat: Number(pos.coords.latitude.toFixed(6)),
          lng: Number(pos.coords.longitude.toFixed(6)),
          accuracy: Math.round(pos.coords.accuracy),
        });
        setState("idle");
      },
      () => setState("failed"),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  // why: a refused post must show its reason even where the device cannot locate (or before hydration).
  if (!supported && !point && !errors?.length) return null;
  return (
    <div className="field gps-field">
      <span className="field__label">{t("gps.label")}</span>
      {point ? (
        <>
          <input type="hidden" name="lat" value={point.lat} />
          <input type="hidden" name="lng" value={point.lng} />
          <input type="hidden" name="gpsAccuracy" value={point.accuracy} />
          <p data-testid="gps-point">
            {point.lat.toLocaleString(i18n.language, { maximumFractionDigits: 5 })},{" "}
            {point.lng.toLocaleString(i18n.language, { maximumFractionDigits: 5 })}{" "}
            <span className="muted">{t("gps.accuracy", { meters: point.accuracy })}</span>{" "}
            <button type="button" className="btn btn--ghost btn--small" onClick={() => setPoint(null)}>
              {t("gps.clear")}
            </button>
          </p>
        </>
      ) : !supported ? null : (
        <p>
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={locate}
            disabled={state === "locating"}
          >
            {state === "locating" ? t("gps.locating") : t("gps.use")}
          </button>{" "}
          {state === "failed" ? <span className="muted">{t("gps.failed")}</span> : null}
        </p>
      )}
      <p className="field__hint">{t("gps.hint")}</p>
      <FieldErrors id="f-lat-error" errors={errors} />
    </div>
  );
}
