// The outbox: every record waiting on this device, oldest first, photos last; each can be opened, sent again or
// discarded until it is sent. A conflict links to its review.
import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { formatDateTime } from "~/utils/format";
import { FIELD_OP } from "../field-app";
import { type OutboxItem, type OutboxState, PROGRESS_EVENT, type Progress } from "../types";

const tone: Record<OutboxState, BadgeTone> = {
  waiting: "info",
  sending: "info",
  refused: "bad",
  conflict: "bad",
  signedOut: "warn",
};

function useProgress(): Progress {
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => {
    const on = (e: Event) => setProgress((e as CustomEvent<Progress>).detail);
    window.addEventListener(PROGRESS_EVENT, on);
    return () => window.removeEventListener(PROGRESS_EVENT, on);
  }, []);
  return progress;
}

export function OutboxList({ items, online }: { items: OutboxItem[]; online: boolean }) {
  const { t, i18n } = useTranslation("field");
  const progress = useProgress();
  return (
    <section className="card field-outbox" data-testid="outbox">
      <h2>
        {t("outbox.title")} <span className="muted small">{t("outbox.count", { count: items.length })}</span>
      </h2>
      {items.length === 0 ? <p className="muted">{t("outbox.empty")}</p> : null}
      <ul className="field-outbox__list">
        {items.map((item) => {
          const files = item.entries.filter(([, v]) => typeof v !== "string").length;
          const uploading = progress && progress.id === item.id && progress.total > 0;
          return (
            <li
              key={item.id}
              className="field-outbox__item"
              data-testid="outbox-item"
              data-state={item.state}
            >
              <div>
                <strong>{item.label}</strong>{" "}
                <span className="muted small">{t(`outbox.kind.${item.kind}`)}</span>{" "}
                <Badge tone={tone[item.state]}>{t(`outbox.state.${item.state}`)}</Badge>
              </div>
              <p className="muted small">
                {t("outbox.createdAt", { at: formatDateTime(item.createdAt, i18n.language) })}
                {files > 0
                  ? ` · ${t("outbox.photos", { count: files, kb: Math.round(item.fileBytes / 1024) })}`
                  : ""}
              </p>
              {uploading ? (
                <progress max={progress.total} value={progress.loaded} data-testid="upload-progress">
                  {Math.floor((progress.loaded / progress.total) * 100)}%
                </progress>
              ) : null}
              <div className="btn-row">
                {item.state === "conflict" && item.conflictId ? (
                  <a
                    href={`/conflicts/${item.conflictId}`}
                    className="btn btn--small"
                    data-testid="conflict-link"
                  >
                    {t("outbox.conflictLink")}
                  </a>
                ) : null}
                {item.state !== "conflict" ? (
                  <Link to={`/field?item=${item.id}`} className="btn btn--small btn--secondary">
                    {t("outbox.open")}
                  </Link>
                ) : null}
                {online && item.state !== "conflict" && item.state !== "sending" ? (
                  <Form method="post">
                    <input type="hidden" name={FIELD_OP} value="retry" />
                    <input type="hidden" name="item" value={item.id} />
                    <button type="submit" className="btn btn--small btn--ghost">
                      {t("outbox.retry")}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
