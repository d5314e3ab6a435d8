/**
 * The service worker of the static build (dist/sw.js): it keeps a fresh build's files in a cache
 * so the page opens and runs offline once loaded, and lets a new build wait until the page says
 * so (the page shows "A new version is available" with a Reload button).
 *
 * - install: caches every file of this build, listed at build time by the precache plugin
 *   (scripts/vite/precachePlugin.ts, which replaces the string "__BP_PRECACHE__" with the list).
 *   Paths are relative to the worker, so the site works under any sub-path.
 * - activate: deletes the caches of older builds.
 * - fetch: navigations inside the scope get the cached index.html (a scenario lives in the query
 *   string, never in the path); this build's files come from the cache; anything else goes to
 *   the network untouched.
 * - message "skip-waiting": the page's Reload; this worker takes over and the page reloads.
 *
 * It imports nothing, so its chunk is a plain script. The browser re-fetches sw.js on every
 * navigation (the page registers it with updateViaCache "none"), so a new build is never missed.
 */

/** What the precache plugin writes, as JSON, in place of the string "__BP_PRECACHE__". */
interface Precache {
  /** Content hash of the build (names and bytes of every file listed). */
  version: string;
  /** Files of the build, relative to this worker ("index.html", "assets/index-abc.js", ...). */
  files: string[];
}

const sw = self as unknown as ServiceWorkerGlobalScope;
const PRECACHE = JSON.parse("__BP_PRECACHE__") as Precache;
const CACHE_PREFIX = "bp-precache-";
const CACHE = `${CACHE_PREFIX}${PRECACHE.version}`;
const scope = () => sw.registration.scope;
const INDEX = () => new URL("index.html", scope()).href;

sw.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // "reload": straight from the network, never from an HTTP cache that may hold an older build.
      cache.addAll(PRECACHE.files.map((f) => new Request(new URL(f, scope()).href, { cache: "reload" }))),
    ),
  );
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE).map((k) => caches.delete(k))),
      ),
  );
});

sw.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "skip-waiting") void sw.skipWaiting();
});

/** The cached copy of `url` from this build's cache, else the network. */
async function fromCache(url: string, request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(url)) ?? fetch(request);
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!url.href.startsWith(scope())) return;
  const path = url.href.slice(scope().length).split(/[?#]/)[0];
  if (request.mode === "navigate") {
    if (path === "" || path === "index.html") event.respondWith(fromCache(INDEX(), request));
    return;
  }
  if (PRECACHE.files.includes(path)) event.respondWith(fromCache(new URL(path, scope()).href, request));
});
