/**
 * Registers the service worker of the built app (client/pwa/sw.js via scripts/pwa.ts), which keeps the
 * app shell for opening without signal. Not in `vite dev`: there is no sw.js and files change all the time.
 */
import { whenLive } from "../app/live.js";
import { expectServiceWorker } from "./worker-registration.js";

export function registerServiceWorker(): void {
  if (import.meta.env.MODE === "development" || !("serviceWorker" in navigator)) return;
  expectServiceWorker(new Promise((resolve) => {
    // Once the page has what it loads itself (the document loaded, the live feed connected, or 15 s at most):
    // the worker keeps every file of the build, 220 KB, which on a weak link would hold up the live layer.
    const register = () => {
      whenLive(15_000).then(() => navigator.serviceWorker.register("/sw.js")).then(resolve, (err: unknown) => {
        console.warn("[siaga sw]", err);
        resolve(undefined);
      });
    };
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register, { once: true });
  }));
}
