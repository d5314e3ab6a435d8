/**
 * Arithmetic on runs of evenly spaced instants for the Reactive Streams model's bulk stretches:
 * summing time-to-go over a run, finishing a run of completions against FIFO queues, moving runs
 * between queues. (Counting a constant process's points is the queue model's `countConstant`.)
 */
import { countConstant } from "../../engine/stretchKit";
import type { RunContext } from "../../engine/runContext";
import type { RunQueue } from "../../engine/runQueue";

/** Points `origin + k / rate` (k >= index) at or before `tSec` (a completion tied with a tick comes first). */
export function countThrough(origin: number, index: number, rate: number, tSec: number): number {
  let n = countConstant(origin, index, rate, tSec);
  while (origin + (index + n) / rate <= tSec) n++;
  return n;
}

/** Sum over a run of `n` instants `first + i x step` of `endSec` minus the instant, s. */
export function timeToGo(endSec: number, first: number, step: number, n: number): number {
  return n > 0 ? n * (endSec - first) - (step * n * (n - 1)) / 2 : 0;
}

/**
 * Finishes `m` completions at `firstDoneSec + i x stepSec` (i = 0 .. m - 1): the item in service
 * (emitted at `serviceEmitSec`) finishes first, then items popped from `a` and, when `a` runs out,
 * from `b` finish at the next ones; the m-th item popped enters service. Records every latency
 * (as linear segments) and returns the emit time of the item now in service, or NaN when fewer
 * than m items were held (the server is then idle).
 */
export function finishRun(
  ctx: RunContext,
  serviceEmitSec: number,
  m: number,
  firstDoneSec: number,
  stepSec: number,
  a: RunQueue,
  b?: RunQueue,
): number {
  if (m <= 0) return serviceEmitSec;
  ctx.recordLatency(1, firstDoneSec - serviceEmitSec, firstDoneSec - serviceEmitSec);
  finishing.ctx = ctx;
  finishing.m = m;
  finishing.popped = 0;
  finishing.firstDoneSec = firstDoneSec;
  finishing.stepSec = stepSec;
  let last = a.popFront(Math.min(m, a.size), visitFinishing);
  if (finishing.popped < m && b) {
    const fromB = b.popFront(Math.min(m - finishing.popped, b.size), visitFinishing);
    if (!Number.isNaN(fromB)) last = fromB;
  }
  const popped = finishing.popped;
  finishing.ctx = null;
  return popped === m ? last : NaN;
}

// The state of the one finishRun in progress: a module-level visitor, so that no closure is
// created per call (the bulk paths run it once per request cycle).
const finishing = { ctx: null as RunContext | null, m: 0, popped: 0, firstDoneSec: 0, stepSec: 0 };

function visitFinishing(start: number, step: number, count: number): void {
  const f = finishing;
  const n = Math.min(count, f.m - 1 - f.popped);
  if (n > 0) {
    const firstLatency = f.firstDoneSec + (f.popped + 1) * f.stepSec - start;
    const lastLatency = f.firstDoneSec + (f.popped + n) * f.stepSec - (start + (n - 1) * step);
    f.ctx!.recordLatency(n, firstLatency, lastLatency);
  }
  f.popped += count;
}

/** Moves the `n` oldest items of `from` to the tail of `to`, as runs. */
export function moveFront(from: RunQueue, to: RunQueue, n: number): void {
  moving.to = to;
  from.popFront(n, visitMoving);
  moving.to = null;
}

const moving = { to: null as RunQueue | null };

function visitMoving(start: number, step: number, count: number): void {
  moving.to!.push(start, step, count);
}
