// The banner shown while a request waits for a busy server to take it (see utils/busy-retry.client.ts).
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Dispatched on window with `{ seconds }` while waiting, `null` when the server answered. */
export const BUSY_EVENT = "snc:busy";

export function BusyNotice() {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const onBusy = (e: Event) =>
      setSeconds((e as CustomEvent<{ seconds: number } | null>).detail?.seconds ?? null);
    window.addEventListener(BUSY_EVENT, onBusy);
    return () => window.removeEventListener(BUSY_EVENT, onBusy);
  }, []);
  if (seconds === null) return null;
  return (
    <div className="busy-notice" role="status" data-testid="busy-notice">
      {t("busy", { seconds })}
    </div>
  );
}
