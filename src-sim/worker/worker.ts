/**
 * Entry point of the simulation worker: binds the runtime to the worker's global scope and to
 * the real wall clock. Everything else lives in runtime.ts so that tests can run it over a
 * MessageChannel with a fake clock.
 *
 * The same bundle also serves a page that may not start a worker (a sandboxed frame): loaded
 * there as a module, it does not serve `self` but leaves a function at PAGE_HOST_GLOBAL that
 * serves a MessagePort (web/runtime/simHost.ts), so the engine ships once. The first message
 * chooses the runtime: a single run's, in this bundle, or a comparison's or a pipeline's, each a
 * chunk of its own that this bundle imports when asked for it, in a worker and on a page alike
 * (serve.ts).
 */
import { PAGE_HOST_GLOBAL, type Endpoint, type ServeOnPage } from "./protocol";
import type { Clock } from "./runtime";
import { serveAny } from "./serve";

const realClock: Clock = {
  now: () => performance.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A handle of a zero-delay call (a timer's handle is a number). */
interface Soon {
  soonId: number;
}

/**
 * The real clock, with calls after 0 ms through a MessageChannel: setTimeout(fn, 0) nested in
 * timers waits at least 4 ms (HTML's clamp), a quarter of every slice of work at speed max. A
 * posted message is a task like the page's messages, queued behind those already sent, so they
 * are still read between slices. Only in the worker: on the page's own thread timers leave the
 * page room to draw.
 */
function workerClock(): Clock {
  const channel = new MessageChannel();
  const due = new Map<number, () => void>();
  let last = 0;
  channel.port1.onmessage = (event: MessageEvent<number>) => {
    const fn = due.get(event.data);
    due.delete(event.data);
    fn?.();
  };
  return {
    now: realClock.now,
    schedule: (fn, ms) => {
      if (ms > 0) return realClock.schedule(fn, ms);
      const soon: Soon = { soonId: ++last };
      due.set(soon.soonId, fn);
      channel.port2.postMessage(soon.soonId);
      return soon;
    },
    cancel: (handle) => {
      if (typeof handle === "object" && handle !== null && "soonId" in handle) due.delete((handle as Soon).soonId);
      else realClock.cancel(handle);
    },
  };
}

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === "function";
if (inWorker) {
  serveAny(self as unknown as Endpoint, workerClock());
} else {
  const serveOnPage: ServeOnPage = (endpoint) => serveAny(endpoint, realClock);
  (globalThis as Record<string, unknown>)[PAGE_HOST_GLOBAL] = serveOnPage;
}
