/**
 * The zoom's side of the worker: a window of the run read finely, by a detached replay from the
 * nearest checkpoint (Timeline.fineWindow). Kept apart from pacing: it never moves the run.
 */
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

/** Answers a zoom request; `nowMs` reads the worker's clock (for the reported work time). */
export function zoomFrame(timeline: Timeline, message: ZoomMessage, nowMs: () => number): ZoomFrameMessage {
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
  const { samples: batch, events, intervalSec } = timeline.fineWindow({ fromSec, toSec, perSample }, attachLadder);
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
}
