/**
 * Entry point of the simulation worker: binds the runtime to the worker's global scope and to
 * the real wall clock. Everything else lives in runtime.ts so that tests can run it over a
 * MessageChannel with a fake clock.
 *
 * The same bundle also serves a page that may not start a worker (a sandboxed frame): loaded
 * there as a module, it does not serve `self` but leaves a function at PAGE_HOST_GLOBAL that
 * serves a MessagePort (web/runtime/simHost.ts), so the engine ships once. The first message
 * chooses the runtime: a single run's or a comparison's (serve.ts).
 */
import { PAGE_HOST_GLOBAL, type Endpoint, type ServeOnPage } from "./protocol";
import type { Clock } from "./runtime";
import { serveAny } from "./serve";

const realClock: Clock = {
  now: () => performance.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === "function";
if (inWorker) {
  serveAny(self as unknown as Endpoint, realClock);
} else {
  const serveOnPage: ServeOnPage = (endpoint) => serveAny(endpoint, realClock);
  (globalThis as Record<string, unknown>)[PAGE_HOST_GLOBAL] = serveOnPage;
}
