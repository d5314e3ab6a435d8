/**
 * Offline use and new versions: registers the build's service worker (dist/sw.js, see
 * web/sw/serviceWorker.ts) and tells the page when a new build has been downloaded and waits.
 * Reload hands over to it and reloads; until then the page keeps running the version it opened.
 *
 * Never stuck on an old version: sw.js bypasses the HTTP cache (updateViaCache "none"), the
 * browser checks it on every navigation, and the page checks again whenever it becomes visible
 * and every hour while it stays open.
 *
 * Not registered by the dev server's page, nor where the page may not use service workers (a
 * sandboxed frame, a private mode that refuses them): the page simply works online there.
 */

/** How often an open page asks for a new version, ms. */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** The little of `navigator.serviceWorker` used here (absent or throwing where not allowed). */
function container(): ServiceWorkerContainer | null {
  try {
    return "serviceWorker" in navigator ? navigator.serviceWorker : null;
  } catch {
    return null; // a sandboxed frame throws a SecurityError on access
  }
}

/**
 * Registers `scriptUrl` and calls `onUpdateReady` with a function that switches to the new
 * version and reloads, once a new version waits (not for the first install: a page that no worker
 * controls yet is already the newest). Resolves to false where service workers are unavailable
 * or registration fails.
 */
export async function watchForUpdates(scriptUrl: string, onUpdateReady: (apply: () => void) => void): Promise<boolean> {
  const sw = container();
  if (!sw) return false;
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await sw.register(scriptUrl, { scope: "./", updateViaCache: "none" });
  } catch {
    return false; // refused (a private mode, a blocked origin): the page works online
  }
  // Automation that blocks service workers (Playwright's serviceWorkers: "block") resolves to nothing.
  if (!registration) return false;
  let reloading = false;
  const reg = registration;
  const apply = () => {
    const waiting = reg.waiting;
    if (!waiting) {
      window.location.reload();
      return;
    }
    reloading = true;
    waiting.postMessage({ type: "skip-waiting" });
  };
  sw.addEventListener("controllerchange", () => {
    // The first install also takes control of nothing: only reload when the user asked.
    if (reloading) window.location.reload();
  });
  const announce = (worker: ServiceWorker | null) => {
    if (worker && sw.controller) onUpdateReady(apply);
  };
  const follow = (worker: ServiceWorker | null) => {
    if (!worker) return;
    if (worker.state === "installed") announce(worker);
    else worker.addEventListener("statechange", () => worker.state === "installed" && announce(worker));
  };
  announce(reg.waiting);
  follow(reg.installing);
  reg.addEventListener("updatefound", () => follow(reg.installing));
  const check = () => void reg.update().catch(() => {});
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
  setInterval(check, UPDATE_CHECK_MS);
  return true;
}
