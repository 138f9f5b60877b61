/** Routes by path and role; role views load lazily so the login page stays small. */
import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent, type ReactNode } from "react";
import { LocaleSwitch, useI18n } from "./i18n/index.js";
import { api } from "./app/api.js";
import { useLive } from "./app/live.js";
import { navigate, ROUTES, usePath } from "./app/router.js";
import { atOnce, HOME, VIEW_CHUNKS, viewFor, type ViewName } from "./pages.js";
import { clearSession, useSession } from "./app/session.js";
import { ConnBadge } from "./app/ui.js";
import { loadCard } from "./views/staff/card.js";
import { NotifyButton, useAlerts } from "./pwa/notify.js";

const Login = lazy(atOnce(VIEW_CHUNKS.login));
const VIEWS: Record<ViewName, LazyExoticComponent<ComponentType>> = {
  coordinator: lazy(atOnce(VIEW_CHUNKS.coordinator)),
  unitHead: lazy(atOnce(VIEW_CHUNKS.unitHead)),
  staff: lazy(atOnce(VIEW_CHUNKS.staff)),
  screen: lazy(atOnce(VIEW_CHUNKS.screen)),
  mutasi: lazy(atOnce(VIEW_CHUNKS.mutasi)),
};

export function App() {
  const session = useSession();
  const path = usePath();
  const role = session?.user.role;
  // Anyone logged in may open the command-center screen; otherwise each role has its one view.
  const target = !role ? null : path === ROUTES.screen ? path : HOME[role];

  useEffect(function goToRoleHome() {
    if (target && target !== path) navigate(target, true);
  }, [target, path]);

  const loading = <div className="loading" role="status">…</div>;
  if (!session) return <Suspense fallback={loading}><Login /></Suspense>;
  if (target !== path) return null;
  const View = VIEWS[viewFor(session.user.role, path)];
  const view = <View />;
  return (
    <Suspense fallback={loading}>
      {path === ROUTES.screen ? view : <Shell>{view}</Shell>}
    </Suspense>
  );
}

/** Header with the user, the live state, the language switch and logout. */
function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const { status, state } = useLive();
  const { last } = useAlerts();
  // A person's own name, also without signal (the copy their phone keeps).
  const staffId = session?.user.staffId;
  const name = staffId ? state?.staff.get(staffId)?.name ?? loadCard(staffId)?.name : undefined;
  async function logout() {
    try {
      await api("POST", "/auth/logout");
    } catch {
      // the token is dropped locally either way
    }
    clearSession("logout");
    navigate(ROUTES.login, true);
  }
  if (!session) return null;
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand"><span className="logo" aria-hidden="true">◆</span> {t("app.name")}
          <span className="brand-sub">{t("app.area")}</span>
        </div>
        <ConnBadge status={status} />
        <div className="topbar-right">
          <span className="who" data-testid="who">{name ?? session.user.username} · {t(`role.${session.user.role}`)}</span>
          <NotifyButton />
          <LocaleSwitch />
          <button type="button" className="ghost" onClick={logout} data-testid="logout">{t("nav.logout")}</button>
        </div>
      </header>
      {last && <p className="sr-only" role="status" aria-live="assertive" data-testid="last-alert">{last.title}: {last.body}</p>}
      {children}
    </div>
  );
}
