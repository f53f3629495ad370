import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="page-header__subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}

/** The header's way back to the page above (a list, the record a page belongs to). */
export function BackButton({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <Link to={to} className="btn btn--ghost">
      {t("common:actions.back")}
    </Link>
  );
}

/**
 * A register's list page (/organizations, /projects, /contracts): the menu's name for it, its namespace's list
 * subtitle and, for a reader who may, the link to register a new one.
 */
export function ListHeader({
  register,
  canCreate,
}: {
  register: "organizations" | "projects" | "contracts";
  canCreate: boolean;
}) {
  const { t } = useTranslation([register, "common"]);
  return (
    <PageHeader
      title={t(`common:nav.${register}`)}
      subtitle={t("list.subtitle")}
      actions={
        canCreate ? (
          <Link to={`/${register}/new`} className="btn">
            {t("list.create")}
          </Link>
        ) : null
      }
    />
  );
}
