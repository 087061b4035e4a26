/* relais — the service worker: the pages a parent opened stay readable
   offline. Published as /sw.js (its scope is the whole site), registered by
   assets/js/hors-ligne.js. No framework.

   - Pages (navigations): from the network, saved as they arrive (at most
     MAX_PAGES, the oldest dropped). When the network fails, or has not
     answered after WAIT ms, the saved copy is served, marked with when it
     was saved (data-enregistre on <html>, which hors-ligne.js reads), and
     the network's answer, when it comes, replaces the copy for next time.
     A page never opened gives a short French page that says so.
   - Assets (/assets/, content-hashed, immutable): from the cache, else the
     network; an older version of the same file is dropped when a new one
     is saved.
   - The page that registered the service worker was fetched before it: it
     sends its own address and those of the files it loaded (a message,
     an array of URLs), which are fetched, through the HTTP cache, and
     saved (those of this site), so that the first visit is kept too.
   - Nothing is saved that the server marks no-store or private, nor any
     answer but a 200 of this site. Other requests are left to the browser. */
(() => {
"use strict";
// In a function, so that the minifier shortens every name.
const PAGES = "relais-pages-1", ASSETS = "relais-assets-1";
const MAX_PAGES = 30, WAIT = 4000;
// Every browser with service workers has arrow functions and async.

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (e) => e.waitUntil(caches.keys()
  .then((keys) => Promise.all(keys.filter((k) => k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))))
  .then(() => self.clients.claim())));

const unhashed = (u) => u.replace(/\.[0-9a-f]{10}(\.\w+)$/, "$1");
const isAsset = (url) => url.pathname.startsWith("/assets/");

// Saves the answer res for url: an asset in place of its older versions,
// a page with the time it was saved, keeping the MAX_PAGES latest.
async function save(url, res) {
  if (!(res && res.status === 200 && res.type === "basic") || /no-store|private/i.test(res.headers.get("Cache-Control"))) return;
  const c = await caches.open(isAsset(url) ? ASSETS : PAGES);
  const h = new Headers(res.headers);
  h.set("X-Relais-Enregistre", new Date().toISOString());
  for (const k of await c.keys()) {
    if (isAsset(url) && unhashed(k.url) === unhashed(url.href)) await c.delete(k);
  }
  await c.put(url.origin + url.pathname, new Response(await res.blob(), { headers: h }));
  const keys = await c.keys();
  if (!isAsset(url)) await Promise.all(keys.slice(0, -MAX_PAGES).map((k) => c.delete(k)));
}

// The saved page, with the time it was saved on <html>.
async function offline(res) {
  const when = (res.headers.get("X-Relais-Enregistre") || "").replace(/[^\w:.-]/g, "");
  const h = new Headers(res.headers);
  h.delete("Content-Length");
  h.delete("Content-Encoding");
  return new Response((await res.text()).replace(/<html\b/i, `<html data-enregistre="${when}"`), { headers: h });
}

// A page never saved: says so, with a link to the home page.
const missing = () => new Response(`<!doctype html><html lang=fr><meta charset=utf-8><meta name=viewport content="width=device-width"><title>Hors ligne</title><h1>Hors ligne</h1><p>Page non enregistrée sur cet appareil. <a href=/>Accueil</a>`,
  { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": "default-src 'none'" } });

function page(e, url) {
  const net = fetch(e.request);
  e.waitUntil(net.then((res) => save(url, res.clone())).catch(() => {}));
  return new Promise((resolve) => {
    let done = false;
    const answer = (r) => { if (!done) { done = true; resolve(r); } };
    // late: the network has not answered yet; else it failed.
    const fromCache = (late) => caches.match(url.origin + url.pathname, { cacheName: PAGES }).then((hit) => {
      if (done) return;
      if (hit) offline(hit).then(answer);
      else if (!late) answer(missing());
    });
    net.then(answer, () => fromCache(false));
    setTimeout(() => fromCache(true), WAIT);
  });
}

async function asset(req, url) {
  const hit = await caches.match(req, { cacheName: ASSETS });
  if (hit) return hit;
  const res = await fetch(req);
  await save(url, res.clone());
  return res;
}

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== location.origin) return;
  if (isAsset(url)) e.respondWith(asset(req, url));
  else if (req.mode === "navigate") e.respondWith(page(e, url));
});

self.addEventListener("message", (e) => Array.isArray(e.data) && e.waitUntil(Promise.all(e.data.map((u) => {
  const url = new URL(u, location.href);
  return url.origin === location.origin && fetch(url).then((res) => save(url, res));
})).catch(() => {})));
})();
