/** A tiny history router: the app has a handful of fixed paths, not worth a dependency. */
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export function navigate(path: string, replace = false): void {
  if (path === location.pathname) return;
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  for (const l of [...listeners]) l();
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}

export { ROUTES } from "./routes.js";

/** Tabs a link may open (a notification's tap): `/koordinator#penugasan` opens the coordinator's Penugasan. */
export const TAB_HASH = { assignments: "#penugasan" } as const;
