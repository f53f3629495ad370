// True after hydration: scripts are running, so enhancements (live search, GPS) may show.
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
