// The people import's duplicate warnings: which rows look like a file already in the user's area or like another row,
// and the box to tick (inside the upload form) to import them anyway.
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { ListTable } from "~/components/ui/list-table";
import type { Reason } from "../score";
import { WarnedFileLine, type WarnedFileView } from "./duplicate-warning";

type Warning = { row: number; score: number; reasons: Reason[]; file?: WarnedFileView; otherRow?: number };

export function ImportDuplicates({ duplicates }: { duplicates: Warning[] }) {
  const { t } = useTranslation(["duplicates"]);
  const rows = new Set(duplicates.map((d) => d.row)).size;
  return (
    <section className="card import-report" data-testid="import-duplicates" role="alert">
      <h2>{t("import.title")}</h2>
      <p>{t("import.body", { count: rows })}</p>
      <ListTable
        head={
          <>
            <th className="num">{t("import.row")}</th>
            <th>{t("import.similarTo")}</th>
            <th />
          </>
        }
      >
        {duplicates.slice(0, 500).map((d) => (
          <tr key={`${d.row}-${d.file?.id ?? `r${d.otherRow}`}`}>
            <td className="num">{d.row}</td>
            <td>{d.file ? <WarnedFileLine file={d.file} /> : t("import.otherRow", { row: d.otherRow })}</td>
            <td>
              <Badge tone="warn">{t("score", { percent: Math.round(d.score * 100) })}</Badge>
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}

/** Inside the upload form, once duplicates were found: the user re-chooses the file and ticks this. */
export function AcceptDuplicates() {
  const { t } = useTranslation(["duplicates"]);
  return (
    <label className="check">
      <input type="checkbox" name="acceptDuplicates" value="1" />
      <span>{t("import.accept")}</span>
    </label>
  );
}
