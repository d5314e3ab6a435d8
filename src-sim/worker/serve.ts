/**
 * Serves whichever runtime the page asks for with its first message: a comparison's
 * (`lanesInit`, laneRuntime.ts), a pipeline's (`pipelineInit`, pipelineRuntime.ts) or the single
 * run's (`init`, runtime.ts). The page starts the same worker either way. The single run's
 * runtime is in the worker's first chunk; the comparison's and the pipeline's (with the pipeline
 * model) are chunks of their own, loaded when a page first asks for them, so a visitor to the
 * playground does not download them.
 *
 * While a runtime's chunk loads, the messages that arrive wait, and are delivered in the order
 * they came once it has loaded. A chunk that cannot be loaded is answered with an `error`
 * message that says so (the page shows it), never with silence.
 */
import type { ToLanesWorker } from "./laneProtocol";
import type { ToPipelineWorker } from "./pipelineProtocol";
import type { Endpoint, ErrorMessage, ToWorker } from "./protocol";
import { SimRuntime, type Clock } from "./runtime";

/** A runtime serving one page: it receives each message the page sends, and stops. */
export interface ServedRuntime<Message> {
  receive(message: Message): void;
  stop(): void;
}

/** Builds a runtime on `endpoint`, paced by `clock`. */
export type RuntimeFactory<Message> = (endpoint: Endpoint, clock: Clock) => ServedRuntime<Message>;

/** Loads, on demand, the runtimes that are not the single run's (each its own chunk in the build). */
export interface RuntimeLoaders {
  lanes: () => Promise<RuntimeFactory<ToLanesWorker>>;
  pipeline: () => Promise<RuntimeFactory<ToPipelineWorker>>;
}

/** The real loaders: a dynamic import each, which the build turns into a chunk of its own. */
export const RUNTIME_LOADERS: RuntimeLoaders = {
  lanes: async () => {
    const { LaneRuntime } = await import("./laneRuntime");
    return (endpoint, clock) => new LaneRuntime(endpoint, clock);
  },
  pipeline: async () => {
    const { PipelineRuntime } = await import("./pipelineRuntime");
    return (endpoint, clock) => new PipelineRuntime(endpoint, clock);
  },
};

/** What each loaded runtime is called in the message sent when its code cannot be loaded. */
const RUNTIME_NAMES: Record<keyof RuntimeLoaders, string> = {
  lanes: "The comparison's",
  pipeline: "The pipeline's",
};

type AnyMessage = ToWorker | ToLanesWorker | ToPipelineWorker;

/**
 * Serves the protocol the first message chooses on `endpoint`. Returns a function that stops
 * serving. `loaders` load the comparison's and the pipeline's runtimes (tests pass their own).
 */
export function serveAny(endpoint: Endpoint, clock: Clock, loaders: RuntimeLoaders = RUNTIME_LOADERS): () => void {
  let runtime: ServedRuntime<AnyMessage> | null = null;
  /** Messages that arrived while the chosen runtime's code loads (null when none is loading). */
  let waiting: AnyMessage[] | null = null;
  let failed = false;
  let stopped = false;

  const load = (name: keyof RuntimeLoaders) => {
    waiting = [];
    // A loader that throws at once fails like one whose promise rejects.
    new Promise<RuntimeFactory<AnyMessage>>((resolve) =>
      resolve(loaders[name]() as Promise<RuntimeFactory<AnyMessage>>),
    ).then(
      (create) => {
        if (stopped) return;
        const queued = waiting ?? [];
        waiting = null;
        runtime = create(endpoint, clock);
        for (const message of queued) runtime.receive(message);
      },
      // Only a failed load lands here: a failure of the loaded runtime is not a loading problem.
      (error: unknown) => {
        if (stopped) return;
        waiting = null;
        runtime = null;
        failed = true;
        const detail = error instanceof Error ? error.message : String(error);
        const message: ErrorMessage = {
          type: "error",
          message: `${RUNTIME_NAMES[name]} simulation code could not be loaded (${detail}). Restart or reload the page to try again.`,
        };
        endpoint.postMessage(message);
      },
    );
  };

  const onMessage = (event: MessageEvent) => {
    const data = event.data as AnyMessage;
    // A runtime that could not be loaded has said so once; what follows has nothing to serve it.
    if (failed) return;
    if (!runtime && !waiting) {
      const type = typeof data === "object" && data !== null ? data.type : null;
      if (type === "lanesInit") load("lanes");
      else if (type === "pipelineInit") load("pipeline");
      else runtime = new SimRuntime(endpoint, clock) as ServedRuntime<AnyMessage>;
    }
    if (waiting) waiting.push(data);
    else runtime!.receive(data);
  };
  endpoint.addEventListener("message", onMessage);
  endpoint.start?.();
  return () => {
    stopped = true;
    waiting = null;
    runtime?.stop();
    endpoint.removeEventListener("message", onMessage);
  };
}
