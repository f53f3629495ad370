// Small pieces of the people pages: risk tier, categories and status as badges, village options. Client-safe.
import type { HtmlLinkDescriptor } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import peopleCss from "~/styles/people.css?url";
import tibetanCss from "~/styles/tibetan.css?url";

/** The stylesheets of every page about people (a route's `links`, alone or before its own). */
export const peopleStylesheets: HtmlLinkDescriptor[] = [
  { rel: "stylesheet", href: peopleCss },
  // why: Tibetan-script names show on Chinese pages too; the font downloads only for Tibetan letters.
  { rel: "stylesheet", href: tibetanCss },
];

const riskTone: Record<string, BadgeTone> = { high: "bad", key: "warn", normal: "neutral" };
const statusTone: Record<string, BadgeTone> = { active: "good", exited: "neutral", deceased: "neutral" };

export function RiskBadge({ tier }: { tier: string }) {
  const { t } = useTranslation();
  return <Badge tone={riskTone[tier] ?? "neutral"}>{t(`common:enum.riskTier.${tier}`)}</Badge>;
}

export function PersonStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge tone={statusTone[status] ?? "neutral"}>{t(`common:enum.personStatus.${status}`)}</Badge>;
}

export function CategoryList({ categories }: { categories: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <span className="category-list">
      {categories.map((c) => (
        <span key={c} className="category-chip">
          {t(`common:enum.personCategory.${c}`)}
        </span>
      ))}
    </span>
  );
}

/** Villages under their townships, the options of a village select. */
export function VillageOptions({
  villages,
}: {
  villages: readonly { id: number; name: string; townshipName: string }[];
}) {
  const townships = [...new Set(villages.map((v) => v.townshipName))];
  return (
    <>
      {townships.map((township) => (
        <optgroup key={township} label={township}>
          {villages
            .filter((v) => v.townshipName === township)
            .map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}
