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

/*
 * Web Push (issue 14 item 1): the server sends a typed payload without a sentence (shared/push.ts
 * PushPayload: kind, tag, ids, names). It is worded here with the words the page keeps in Cache Storage
 * for this device's language (client/pwa/push.ts, from client/i18n); without them (a cache cleared) the
 * names alone still say who and where. The tag is the page's own alert's: one notification per fact.
 */
const PUSH_TEXT_CACHE = "siaga-push";
const PUSH_TEXT_URL = "/__siaga/push-text.json";

async function pushText() {
  try {
    const res = await (await caches.open(PUSH_TEXT_CACHE)).match(PUSH_TEXT_URL);
    return res ? await res.json() : null;
  } catch {
    return null;
  }
}

const fill = (template, values) => template.replace(/\{(\w+)\}/g, (m, name) => (name in values ? String(values[name]) : m));

self.addEventListener("push", (event) => {
  event.waitUntil((async () => {
    let payload = null;
    try { payload = event.data ? event.data.json() : null; } catch { payload = null; }
    const text = await pushText();
    // Every push shows a notification (userVisibleOnly); one this worker cannot read still says "Siaga".
    if (!payload || payload.v !== 1) return self.registration.showNotification("Siaga", { tag: "siaga", data: { url: "/" } });
    const words = text && text.kinds ? text.kinds[payload.kind] : null;
    const values = { name: payload.name, site: payload.site, reason: payload.reason || "" };
    const title = words ? fill(words.title, values) : "Siaga";
    const body = words ? fill(words.body, values) : [payload.name, payload.site, payload.reason].filter(Boolean).join(" · ");
    await self.registration.showNotification(title, {
      body, tag: payload.tag, lang: text ? text.locale : "id", icon: "/icons/siaga-192.png", vibrate: [200, 100, 200],
      data: { url: words ? words.url : "/", assignmentId: payload.assignmentId, kind: payload.kind },
    });
  })());
});

// A tap on a notification brings the app forward on the view it is about (or opens it there).
self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin).href;
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
    const client = open.find((c) => c.url === url) || open[0];
    if (!client) return self.clients.openWindow(url);
    const focused = await client.focus();
    // Only the fragment differs on the coordinator's view: the page follows it (hashchange) without reloading.
    if (focused && focused.url !== url && "navigate" in focused) {
      try { await focused.navigate(url); } catch { /* an uncontrolled window stays where it is, in front */ }
    }
    return focused;
  })());
});
