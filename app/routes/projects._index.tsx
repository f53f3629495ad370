import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { careProjectKinds } from "#db/schema/projects";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Badge } from "~/components/ui/badge";
import { EnumFilter, FilterSelect, RegionFilter } from "~/components/ui/filter-bar";
import { RegisterList, registerListQuery } from "~/components/ui/register-list";
import { requirePermission, userCan } from "~/modules/access/guard.server";
import { regionChoices } from "~/modules/access/region-choices.server";
import { pageTitle } from "~/modules/i18n/meta";
import { enumParam, textParam } from "~/modules/kernel/search-params";
import { listProjects, projectPhases } from "~/modules/projects/queries.server";
import { regionCodeParam } from "~/modules/regions/codes";
import contractsCss from "~/styles/contracts.css?url";
import { todayInShanghai } from "~/utils/dates";
import { formatDate } from "~/utils/format";

export const handle = { i18n: ["common", "projects"] };
export const meta = pageTitle("common:nav.projects");
export const links: LinksFunction = () => [{ rel: "stylesheet", href: contractsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:project");
  const { search, page, pageSize } = registerListQuery(request);
  const today = todayInShanghai();
  const filters = {
    q: textParam(search, "q"),
    kind: enumParam(search, "kind", careProjectKinds),
    region: regionCodeParam(search),
    phase: enumParam(search, "phase", projectPhases),
  };
  const [list, regions] = await Promise.all([
    listProjects({ user, filters, page, pageSize, today }),
    regionChoices(user),
  ]);
  return {
    ...list,
    page,
    today,
    regions,
    kinds: careProjectKinds,
    phases: projectPhases,
    canCreate: userCan(user, "write:project"),
  };
}

export default function Projects() {
  const { rows, total, page, today, regions, kinds, phases, canCreate } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation(["projects", "common"]);
  return (
    <RegisterList
      register="projects"
      canCreate={canCreate}
      filters={
        <>
          <EnumFilter name="kind" label={t("fields.kind")} of="careProjectKind" values={kinds} />
          <FilterSelect
            name="phase"
            label={t("list.phase")}
            options={phases.map((p) => ({ value: p, label: t(`phase.${p}`) }))}
          />
          <RegionFilter regions={regions} label={t("fields.region")} />
        </>
      }
      testId="project-table"
      rowCount={rows.length}
      page={page}
      total={total}
      head={
        <>
          <th>{t("fields.name")}</th>
          <th>{t("fields.kind")}</th>
          <th>{t("fields.region")}</th>
          <th>{t("fields.period")}</th>
          <th>{t("list.runBy")}</th>
          <th>{t("list.phase")}</th>
        </>
      }
    >
      {rows.map((p) => {
        const phase = p.endsOn < today ? "ended" : p.startsOn > today ? "upcoming" : "current";
        return (
          <tr key={p.id}>
            <td>
              <Link to={`/projects/${p.id}`}>{p.name}</Link>
              <div className="muted small">{p.code}</div>
            </td>
            <td>{t(`common:enum.careProjectKind.${p.kind}`)}</td>
            <td>{p.regionName}</td>
            <td className="nowrap">
              {formatDate(p.startsOn, i18n.language)} – {formatDate(p.endsOn, i18n.language)}
            </td>
            <td>{p.runBy ?? <span className="muted">{t("list.notContracted")}</span>}</td>
            <td>
              <Badge tone={phase === "current" ? "good" : phase === "upcoming" ? "info" : "neutral"}>
                {t(`phase.${phase}`)}
              </Badge>
            </td>
          </tr>
        );
      })}
    </RegisterList>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
