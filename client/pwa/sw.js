/*
 * Siaga's service worker (scripts/pwa.ts prepends SIAGA_VERSION and SIAGA_PRECACHE, the files of this
 * build). The app shell opens without signal: files come from the cache, and the page itself is served
 * from the cache while a fresh copy is fetched for next time (a weak link never delays opening). The
 * API and the live feed are never cached here: the user's last state is the app's (client/pwa/offline.ts).
 */
/* global self, caches, clients */
const SHELL = `siaga-shell-${self.SIAGA_VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(self.SIAGA_PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith("siaga-shell-") && key !== SHELL) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io/") || url.pathname === "/metrics") return;
  if (request.mode === "navigate") {
    event.respondWith((async () => {
      const cache = await caches.open(SHELL);
      const cached = await cache.match("/");
      const fresh = fetch(request).then((res) => { if (res.ok) cache.put("/", res.clone()); return res; });
      if (cached) { event.waitUntil(fresh.catch(() => undefined)); return cached; }
      return fresh;
    })());
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(SHELL);
    const cached = await cache.match(request);
    if (cached) return cached;
    const res = await fetch(request);
    if (res.ok && url.pathname.startsWith("/assets/")) cache.put(request, res.clone());
    return res;
  })());
});

// A tap on a notification brings the app forward (or opens it).
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    if (open[0]) return open[0].focus();
    return self.clients.openWindow(event.notification.data?.url ?? "/");
  })());
});
