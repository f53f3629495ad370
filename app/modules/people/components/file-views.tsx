// "查看记录": who opened this file and when, newest first; planners and auditors only (the loader decides).
import { useTranslation } from "react-i18next";
import { ListTable } from "~/components/ui/list-table";
import { formatDateTime } from "~/utils/format";
import type { FileViewRow } from "./file-types";

export function FileViews({
  views,
  shown,
  auditHref,
}: {
  views: FileViewRow[];
  /** How many the list holds at most. */
  shown: number;
  /** The full history in /audit, for those who may read it. */
  auditHref: string | null;
}) {
  const { t, i18n } = useTranslation(["people", "common"]);
  const lng = i18n.language;
  return (
    <section className="card card--flush" data-testid="file-views">
      <h2 className="card__title">{t("file.views.title")}</h2>
      <p className="muted file-views__hint">
        {t("file.views.hint", { count: shown })}{" "}
        {auditHref ? <a href={auditHref}>{t("file.views.all")}</a> : null}
      </p>
      <ListTable
        inCard
        empty={views.length === 0}
        emptyText={t("file.views.none")}
        head={
          <>
            <th>{t("file.views.at")}</th>
            <th>{t("file.views.who")}</th>
            <th>{t("file.views.role")}</th>
          </>
        }
      >
        {views.map((v, i) => (
          <tr key={i}>
            <td className="nowrap">{formatDateTime(v.at, lng)}</td>
            <td>
              {v.name ?? "—"} {v.email ? <span className="muted">{v.email}</span> : null}
            </td>
            <td>
              {v.role ? t(`common:roles.${v.role}`) : "—"}
              {v.emergency ? (
                <>
                  {" "}
                  <span className="badge badge--bad">{t("file.views.emergency")}</span>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </ListTable>
    </section>
  );
}
