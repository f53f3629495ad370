// On a person's file: where a merged file went, which files were merged into this one, and the merge just done.
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

type FileLink = { id: number; fullName: string };

export function MergedNotice({
  mergedInto,
  mergedFrom,
}: {
  mergedInto: FileLink | null;
  mergedFrom: FileLink[];
}) {
  const { t } = useTranslation(["people"]);
  const [search] = useSearchParams();
  const justMerged = search.get("merged");
  return (
    <>
      {justMerged ? (
        <p className="flash" data-testid="flash">
          {t("merged.done", {
            visits: Number(search.get("visits") ?? 0),
            activities: Number(search.get("activities") ?? 0),
          })}
        </p>
      ) : null}
      {mergedInto ? (
        <p className="card notice notice--warn" data-testid="merged-into">
          {t("merged.banner")} <Link to={`/people/${mergedInto.id}`}>{mergedInto.fullName}</Link>
        </p>
      ) : null}
      {mergedFrom.length ? (
        <p className="muted small" data-testid="merged-from">
          {t("merged.from")}{" "}
          {mergedFrom.map((f, i) => (
            <span key={f.id}>
              {i ? " · " : ""}
              <Link to={`/people/${f.id}`}>{f.fullName}</Link>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}
