// What the map page's sections receive from its loader.
import type { mapPageData } from "../queries.server";

export type MapPageData = Awaited<ReturnType<typeof mapPageData>>;
export type MapSuggestions = NonNullable<MapPageData["suggestions"]>;
