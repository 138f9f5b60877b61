/**
 * Registers the service worker of the built app (client/pwa/sw.js via scripts/pwa.ts), which keeps the
 * app shell for opening without signal. Not in `vite dev`: there is no sw.js and files change all the time.
 */
export function registerServiceWorker(): void {
  if (import.meta.env.MODE === "development" || !("serviceWorker" in navigator)) return;
  // After the first paint, so the worker's downloads do not compete with the page on a weak link.
  const register = () => { navigator.serviceWorker.register("/sw.js").catch((err: unknown) => console.warn("[siaga sw]", err)); };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
