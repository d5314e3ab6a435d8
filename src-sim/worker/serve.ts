/**
 * Serves whichever runtime the page asks for with its first message: a comparison's
 * (`lanesInit`, laneRuntime.ts), a pipeline's (`pipelineInit`, pipelineRuntime.ts) or the single
 * run's (`init`, runtime.ts). One worker bundle serves them all, so the page starts the same
 * worker either way.
 */
import type { ToLanesWorker } from "./laneProtocol";
import { LaneRuntime } from "./laneRuntime";
import type { ToPipelineWorker } from "./pipelineProtocol";
import { PipelineRuntime } from "./pipelineRuntime";
import type { Endpoint, ToWorker } from "./protocol";
import { SimRuntime, type Clock } from "./runtime";

/** Serves the protocol the first message chooses on `endpoint`. Returns a function that stops serving. */
export function serveAny(endpoint: Endpoint, clock: Clock): () => void {
  let lanes: LaneRuntime | null = null;
  let pipeline: PipelineRuntime | null = null;
  let single: SimRuntime | null = null;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as ToWorker | ToLanesWorker | ToPipelineWorker;
    if (!lanes && !single && !pipeline) {
      const type = typeof data === "object" && data !== null ? data.type : null;
      if (type === "lanesInit") lanes = new LaneRuntime(endpoint, clock);
      else if (type === "pipelineInit") pipeline = new PipelineRuntime(endpoint, clock);
      else single = new SimRuntime(endpoint, clock);
    }
    if (lanes) lanes.receive(data as ToLanesWorker);
    else if (pipeline) pipeline.receive(data as ToPipelineWorker);
    else single!.receive(data as ToWorker);
  };
  endpoint.addEventListener("message", onMessage);
  endpoint.start?.();
  return () => {
    lanes?.stop();
    pipeline?.stop();
    single?.stop();
    endpoint.removeEventListener("message", onMessage);
  };
}
