/**
 * Where the simulation runs. Normally in a module Web Worker, so the page stays smooth whatever
 * the engine does. Where the page may not start one (an `<iframe sandbox="allow-scripts">` has an
 * opaque origin, and creating a worker throws a SecurityError), the same runtime
 * (`serveSimulation`) runs on the page's own thread over a MessageChannel, in the small time
 * slices its pacing already takes: slower under load, but the page works.
 */
import type { Endpoint } from "../../src-sim/worker/protocol";
import type { Clock } from "../../src-sim/worker/runtime";
import type { WorkerHandle } from "./simClient";

/** A crash report's text: the browser's sentence, or a fallback when it gives none. */
function crashDetail(event: ErrorEvent): string {
  return event.message ? event.message : "Its script could not be loaded.";
}

/** Starts the real simulation worker (bundled by Vite as a module worker); throws where not allowed. */
export function createBrowserWorker(onCrash: (detail: string) => void): WorkerHandle {
  const worker = new Worker(new URL("../../src-sim/worker/worker.ts", import.meta.url), { type: "module" });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onCrash(crashDetail(event));
  });
  worker.addEventListener("messageerror", () => onCrash("A message from it could not be read."));
  return { endpoint: worker as unknown as Endpoint, terminate: () => worker.terminate(), host: "worker" };
}

/** The page's wall clock, for the runtime when it runs on the page's thread. */
const pageClock: Clock = {
  now: () => performance.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Loads the runtime's code (a separate chunk, fetched only when a page host is needed). */
export type RuntimeLoader = () => Promise<typeof import("../../src-sim/worker/runtime")>;

const loadRuntime: RuntimeLoader = () => import("../../src-sim/worker/runtime");

/**
 * Runs the simulation runtime on the page's thread, behind a MessageChannel: the client talks to
 * one port exactly as to a worker. Messages sent before the runtime's code has loaded wait in
 * the channel (a port queues until it is started).
 */
export function createPageHost(onCrash: (detail: string) => void, load: RuntimeLoader = loadRuntime): WorkerHandle {
  const channel = new MessageChannel();
  let stopServing: (() => void) | null = null;
  let terminated = false;
  load().then(
    ({ serveSimulation }) => {
      if (!terminated) stopServing = serveSimulation(channel.port2 as unknown as Endpoint, pageClock);
    },
    (error: unknown) => {
      if (!terminated) onCrash(`Its code could not be loaded (${error instanceof Error ? error.message : error}).`);
    },
  );
  return {
    endpoint: channel.port1 as unknown as Endpoint,
    host: "page",
    terminate: () => {
      terminated = true;
      stopServing?.();
      channel.port1.close();
      channel.port2.close();
    },
  };
}
