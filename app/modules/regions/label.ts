// A region's name as the reader's language shows it: in the Tibetan interface the Tibetan name, where known, with the
// official Chinese name beside it in brackets; otherwise the Chinese name alone. Client-safe (selects, map labels).

export type NamedRegion = { name: string; nameBo?: string | null };

/** "སྒར་རྫོང་། (噶尔县)" in Tibetan when the Tibetan name is known, else "噶尔县". */
export function regionLabel(region: NamedRegion, locale: string | null | undefined): string {
  const bo = region.nameBo?.trim();
  return locale === "bo" && bo ? `${bo} (${region.name})` : region.name;
}
