// Shown in the new-person form when files in the user's area look like the same person: each with a link, and the
// box to tick when they are someone else (the form is then posted again and saved).
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import type { Reason } from "../score";

export type WarnedFileView = {
  id: number;
  fullName: string;
  sex: string;
  birthDate: string;
  villageName: string;
  townshipName: string | null;
  stationName: string | null;
  idNumberMasked: string;
};

export function WarnedFileLine({ file }: { file: WarnedFileView }) {
  const { t } = useTranslation(["duplicates", "common"]);
  return (
    <>
      <Link to={`/people/${file.id}`} target="_blank" rel="noopener">
        {file.fullName}
      </Link>{" "}
      · {t(`common:enum.sex.${file.sex}`)} · {file.birthDate} · {file.villageName}
      {file.townshipName ? ` · ${file.townshipName}` : ""} · <code>{file.idNumberMasked}</code>
    </>
  );
}

export function DuplicateWarning({
  warnings,
}: {
  warnings: { file: WarnedFileView; score: number; reasons: Reason[] }[];
}) {
  const { t } = useTranslation(["duplicates"]);
  return (
    <section className="notice notice--warn duplicate-warning" role="alert" data-testid="duplicate-warning">
      <h3>{t("warning.title")}</h3>
      <p>{t("warning.body")}</p>
      <ul>
        {warnings.map((w) => (
          <li key={w.file.id}>
            <WarnedFileLine file={w.file} />{" "}
            <Badge tone="warn">{t("score", { percent: Math.round(w.score * 100) })}</Badge>
          </li>
        ))}
      </ul>
      <label className="check">
        <input type="checkbox" name="notDuplicate" value="1" />
        <span>{t("warning.notDuplicate")}</span>
      </label>
    </section>
  );
}
