/**
 * Which view a signed-in user sees, and each view's chunk. App.tsx renders them lazily; the page's first
 * script (boot/early.ts) starts loading the signed-in user's one at once, beside the app's own chunk,
 * instead of after it has run (one round trip less: 0.4 s on a weak link, issue 14).
 */
import type { Role } from "../../shared/domain.js";
import { ROUTES } from "./routes.js";

export const VIEW_CHUNKS = {
  // The login page: apart from the app, because it loads zod to check the form (a signed-in phone never needs it first).
  login: () => import("../views/Login.js"),
  coordinator: () => import("../views/coordinator/CoordinatorView.js"),
  unitHead: () => import("../views/UnitHeadView.js"),
  staff: () => import("../views/StaffView.js"),
  screen: () => import("../views/ScreenView.js"),
  mutasi: () => import("../views/mutasi/MutasiView.js"),
};
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
