/**
 * Where the simulation runs. Normally in a module Web Worker, so the page stays smooth whatever
 * the engine does. Where the page may not start one (an `<iframe sandbox="allow-scripts">` has an
 * opaque origin, and creating a worker throws a SecurityError), the same runtime
 * (`serveSimulation`) runs on the page's own thread over a MessageChannel, in the small time
 * slices its pacing already takes: slower under load, but the page works. The page loads the
 * worker's own bundle as a module for that (see worker.ts), so the engine is not shipped twice
 * and costs nothing where workers are allowed; the comparison's and the pipeline's runtimes,
 * chunks of that bundle, load from there when asked for (src-sim/worker/serve.ts).
 */
import { PAGE_HOST_GLOBAL, type Endpoint, type ServeOnPage } from "../../src-sim/worker/protocol";
import workerUrl from "../../src-sim/worker/worker.ts?worker&url";
import type { WorkerHandle } from "./simClient";

/** A crash report's text: the browser's sentence, or a fallback when it gives none. */
function crashDetail(event: ErrorEvent): string {
  return event.message ? event.message : "Its script could not be loaded.";
}

/** Starts the real simulation worker (bundled by Vite as a module worker); throws where not allowed. */
export function createBrowserWorker(onCrash: (detail: string) => void): WorkerHandle {
  const worker = new Worker(workerUrl, { type: "module" });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onCrash(crashDetail(event));
  });
  worker.addEventListener("messageerror", () => onCrash("A message from it could not be read."));
  return { endpoint: worker as unknown as Endpoint, terminate: () => worker.terminate(), host: "worker" };
}

/** Loads the runtime for the page's thread: a function that serves a port. */
export type RuntimeLoader = () => Promise<ServeOnPage>;

/** Imports the worker's bundle as a module; it leaves its entry point at PAGE_HOST_GLOBAL. */
const loadWorkerBundle: RuntimeLoader = async () => {
  await import(/* @vite-ignore */ workerUrl);
  const serve = (globalThis as Record<string, unknown>)[PAGE_HOST_GLOBAL];
  if (typeof serve !== "function") throw new Error("the simulation bundle did not load");
  return serve as ServeOnPage;
};

/**
 * Runs the simulation runtime on the page's thread, behind a MessageChannel: the client talks to
 * one port exactly as to a worker. Messages sent before the runtime's code has loaded wait in
 * the channel (a port queues until it is started).
 */
export function createPageHost(
  onCrash: (detail: string) => void,
  load: RuntimeLoader = loadWorkerBundle,
): WorkerHandle {
  const channel = new MessageChannel();
  let stopServing: (() => void) | null = null;
  let terminated = false;
  load().then(
    (serve) => {
      if (!terminated) stopServing = serve(channel.port2 as unknown as Endpoint);
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
