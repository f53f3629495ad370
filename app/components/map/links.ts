// The stylesheets a page with a map needs: Leaflet's own and ours (the map, its legend and the station card).
import type { LinksFunction } from "@remix-run/node";
import leafletCss from "leaflet/dist/leaflet.css?url";
import mapCss from "~/styles/map.css?url";

export const mapPageLinks: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: mapCss },
];
