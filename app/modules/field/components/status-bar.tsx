// The strip under the header on every signed-in page: offline, "3 条待上传" (to the field app), upload progress.
// The device store is read after the page is up, from its own chunk.
import { Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { OUTBOX_EVENT, PROGRESS_EVENT, type Progress } from "../types";

export function FieldStatusBar() {
  const { t } = useTranslation();
  const [online, setOnline] = useState(true);
  const [pending, setPending] = useState(0);
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => {
    const update = () => {
      setOnline(navigator.onLine);
      void import("../store.client")
        .then((m) => m.listOutbox())
        .then((items) => setPending(items.length))
        .catch(() => undefined);
    };
    const onProgress = (e: Event) => setProgress((e as CustomEvent<Progress>).detail);
    update();
    for (const name of ["online", "offline", OUTBOX_EVENT]) window.addEventListener(name, update);
    window.addEventListener(PROGRESS_EVENT, onProgress);
    return () => {
      for (const name of ["online", "offline", OUTBOX_EVENT]) window.removeEventListener(name, update);
      window.removeEventListener(PROGRESS_EVENT, onProgress);
    };
  }, []);
  if (online && pending === 0 && !progress) return null;
  return (
    <div
      className={online ? "field-status" : "field-status field-status--offline"}
      role="status"
      data-testid="field-status"
    >
      {online ? null : <span>{t("fieldApp.status.offline")}</span>}
      {pending > 0 ? (
        <Link to="/field" data-testid="field-pending">
          {t("fieldApp.status.pending", { count: pending })}
        </Link>
      ) : null}
      {progress && progress.total > 0 ? (
        <span data-testid="field-progress">
          {t("fieldApp.status.sending", { percent: Math.floor((progress.loaded / progress.total) * 100) })}
        </span>
      ) : null}
    </div>
  );
}
