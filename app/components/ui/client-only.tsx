// Renders its children only in the browser, after hydration; the server (and the first client render) shows the fallback.
import { type ReactNode, useSyncExternalStore } from "react";

const subscribe = () => () => {};

function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

export function ClientOnly({
  children,
  fallback = null,
}: {
  children: () => ReactNode;
  fallback?: ReactNode;
}) {
  return useHydrated() ? children() : fallback;
}
