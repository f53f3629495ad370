// The map's markers, fetched from their own endpoint so the page itself stays small and renders at once.
import { useEffect, useMemo, useState } from "react";
import { decodePoints, type PointsPayload } from "~/components/map/types";

/** The points for the page's filters (`search`); `version` changes to fetch them again after a move. */
export function useMapPoints(search: string, version: number) {
  const [payload, setPayload] = useState<PointsPayload | undefined>(undefined);
  useEffect(() => {
    let current = true;
    void version;
    fetch(`/api/facilities/points${search}`, { credentials: "same-origin" })
      .then((res) =>
        res.ok ? (res.json() as Promise<PointsPayload>) : Promise.reject(new Error(String(res.status))),
      )
      .then((next) => {
        if (current) setPayload(next);
      })
      .catch(() => {
        if (current) setPayload({ unlocated: 0, p: [] });
      });
    return () => {
      current = false;
    };
  }, [search, version]);
  const points = useMemo(() => decodePoints(payload), [payload]);
  return { points, unlocated: payload?.unlocated, loaded: payload !== undefined };
}
