// Where the home page says what waits on this device to be sent. The field app's outbox (issue 13) fills it: it
// dispatches `new CustomEvent("outbox:count", { detail: n })` on window whenever its count changes, and answers an
// "outbox:ask" event with one. Until something answers, the slot shows nothing.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export const OUTBOX_COUNT_EVENT = "outbox:count";
export const OUTBOX_ASK_EVENT = "outbox:ask";

/** How many records wait on this device; null while no outbox has answered. */
export function useOutboxCount(): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const onCount = (e: Event) => {
      const n = (e as CustomEvent<unknown>).detail;
      if (typeof n === "number" && Number.isInteger(n) && n >= 0) setCount(n);
    };
    window.addEventListener(OUTBOX_COUNT_EVENT, onCount);
    window.dispatchEvent(new Event(OUTBOX_ASK_EVENT));
    return () => window.removeEventListener(OUTBOX_COUNT_EVENT, onCount);
  }, []);
  return count;
}

export function OutboxSlot({ to = "/visits" }: { to?: string }) {
  const { t } = useTranslation(["home"]);
  const count = useOutboxCount();
  return (
    <section
      className="card next-steps__section"
      data-testid="outbox-slot"
      data-outbox-slot
      hidden={count === null}
    >
      <h2>{t("next.sections.outbox")}</h2>
      {count === null ? null : (
        <p className={count > 0 ? "text-warn" : "muted"} data-testid="outbox-count" data-count={count}>
          {count > 0 ? t("next.outboxWaiting", { count }) : t("next.outboxEmpty")}{" "}
          {count > 0 ? <a href={to}>{t("next.outboxOpen")}</a> : null}
        </p>
      )}
    </section>
  );
}
