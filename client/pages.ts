/**
 * Which view a signed-in user sees, and each view's chunk. App.tsx renders them lazily; the page's first
 * script (boot/early.ts) starts loading the signed-in user's one at once, beside the app's own chunk,
 * instead of after it has run (one round trip less: 0.4 s on a weak link, issue 14).
 */
import type { Role } from "../shared/domain.js";
import { ROUTES } from "./app/routes.js";

const loaded = new WeakMap<() => Promise<unknown>, unknown>();

/** A chunk loaded once (asked for again after a failure), remembered once it is there. */
function chunk<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  const get = (): Promise<T> => (pending ??= load().then((m) => {
    loaded.set(get, m);
    return m;
  }, (err: unknown) => {
    pending = null;
    throw err;
  }));
  return get;
}

export const VIEW_CHUNKS = {
  // The login page: apart from the app, because it loads zod to check the form (a signed-in phone never needs it first).
  login: chunk(() => import("./views/Login.js")),
  coordinator: chunk(() => import("./views/coordinator/CoordinatorView.js")),
  unitHead: chunk(() => import("./views/UnitHeadView.js")),
  staff: chunk(() => import("./views/StaffView.js")),
  screen: chunk(() => import("./views/ScreenView.js")),
  mutasi: chunk(() => import("./views/mutasi/MutasiView.js")),
};

/**
 * For React.lazy: a chunk that has loaded is handed over at once, so its view renders in the first frame.
 * A lazy view that suspends shows its fallback, and React then holds that fallback for 300 ms (0.3 s of a
 * weak link's first load, issue 14).
 */
export function atOnce<T>(get: () => Promise<T>): () => Promise<T> {
  return () => {
    if (!loaded.has(get)) return get();
    const m = loaded.get(get) as T;
    // React.lazy only calls `then`; one that answers at once lets it render without suspending.
    const now: PromiseLike<T> = { then: (ok) => Promise.resolve(ok ? ok(m) : m) as never };
    return now as Promise<T>;
  };
}

export type ViewName = Exclude<keyof typeof VIEW_CHUNKS, "login">;

/** Each role's own page. */
export const HOME: Record<Role, string> = {
  coordinator: ROUTES.coordinator,
  unit_head: ROUTES.unitHead,
  staff: ROUTES.staff,
  screen: ROUTES.screen,
  // The PPK decides the annual mutasi (issue 10 gives them their view).
  ppk: ROUTES.mutasi,
};

const ROLE_VIEW: Record<Role, ViewName> = { coordinator: "coordinator", unit_head: "unitHead", staff: "staff", screen: "screen", ppk: "mutasi" };

/** Anyone signed in may open the command-center screen; otherwise each role has its one view (at HOME). */
export function viewFor(role: Role, path: string): ViewName {
  return path === ROUTES.screen ? "screen" : ROLE_VIEW[role];
}
