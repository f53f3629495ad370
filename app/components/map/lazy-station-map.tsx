// The map, loaded only in the browser and only when a page shows it (Leaflet touches `window` at import).
import { lazy, Suspense } from "react";
import { ClientOnly } from "~/components/ui/client-only";
import type { StationMapProps } from "./types";

const StationMap = lazy(() => import("./station-map.client"));

function MapSkeleton({ label }: { label: string }) {
  return (
    <div className="station-map station-map--loading" aria-busy="true">
      <span className="muted">{label}</span>
    </div>
  );
}

export function LazyStationMap({ loadingLabel, ...props }: StationMapProps & { loadingLabel: string }) {
  const fallback = <MapSkeleton label={loadingLabel} />;
  return (
    <ClientOnly fallback={fallback}>
      {() => (
        <Suspense fallback={fallback}>
          <StationMap {...props} />
        </Suspense>
      )}
    </ClientOnly>
  );
}
