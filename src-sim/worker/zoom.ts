/**
 * The zoom's side of the worker: a window of the run read finely, by a detached replay from the
 * nearest checkpoint (Timeline.fineWindow). Kept apart from pacing: it never moves the run.
 */
import type { StepBudget } from "../engine/model";
import type { Simulation } from "../engine/simulation";
import { TcpLadder } from "../models/tcp/ladder";
import { TcpModel } from "../models/tcp/model";
import { eventColumns } from "./runtime";
import type { ZoomFrameMessage, ZoomMessage } from "./protocol";
import type { Timeline } from "./timeline";

/** Most fine samples per sample of the run (1 ms windows at 0.1 s: 10 us apart). */
export const MAX_FINE_PER_SAMPLE = 10_000;
/** Most fine samples in one answer. */
export const MAX_FINE_SAMPLES = 4_000;

/** Answers a zoom request at once; `nowMs` reads the worker's clock (for the reported work time). */
export function zoomFrame(timeline: Timeline, message: ZoomMessage, nowMs: () => number): ZoomFrameMessage {
  const job = startZoom(timeline, message, nowMs);
  job.advance();
  return job.answer();
}

/**
 * A zoom request being answered by pieces (the runtime gives it slices, so that a window deep in
 * a heavy run never holds the worker): `advance` works within its step budget (none: to the end)
 * and says whether the window is done; `answer` is then the message, the same as
 * {@link zoomFrame}'s however the work was cut.
 */
export interface ZoomJob {
  readonly requestId: number;
  advance(budget?: StepBudget): boolean;
  answer(): ZoomFrameMessage;
}

/** Starts answering a zoom request (see {@link ZoomJob}). */
export function startZoom(timeline: Timeline, message: ZoomMessage, nowMs: () => number): ZoomJob {
  const started = nowMs();
  const duration = timeline.endIndex * timeline.sampleIntervalSec;
  const fromSec = Math.max(0, Math.min(duration, Number.isFinite(message.fromSec) ? message.fromSec : 0));
  const toSec = Math.max(fromSec, Math.min(duration, Number.isFinite(message.toSec) ? message.toSec : duration));
  const samples = Math.max(2, Math.min(MAX_FINE_SAMPLES, Math.round(message.samples) || 2));
  const spanSec = Math.max(toSec - fromSec, 1e-6);
  const perSample = Math.max(
    1,
    Math.min(MAX_FINE_PER_SAMPLE, Math.round((timeline.sampleIntervalSec * samples) / spanSec)),
  );
  // Under TCP the same replay records the span's segments and ACKs (bounded: ladder.ts).
  const traced: { ladder: TcpLadder | null } = { ladder: null };
  const attachLadder = (sim: Simulation) => {
    const model = sim.modelInForce;
    if (model instanceof TcpModel) {
      traced.ladder = new TcpLadder(fromSec, toSec);
      model.traceLadder(traced.ladder);
    }
  };
  const job = timeline.startFineWindow({ fromSec, toSec, perSample }, attachLadder);
  return {
    requestId: message.requestId,
    advance: (budget) => job.advance(budget),
    answer: () => {
      const { samples: batch, events, intervalSec } = job.result();
      return {
        type: "zoomFrame",
        requestId: message.requestId,
        fromSec,
        toSec,
        sampleIntervalSec: intervalSec,
        startSec: batch.count > 0 ? batch.columns.timeSec[0] : fromSec,
        sampleCount: batch.count,
        columns: batch.columns,
        events: eventColumns(events),
        ladder: traced.ladder?.result() ?? null,
        workMs: nowMs() - started,
      };
    },
  };
}
