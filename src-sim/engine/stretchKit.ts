/**
 * The kit every model uses for closed-form stretches: where nothing inside a stretch can
 * interact, a model handles its arrivals and completions as runs of evenly spaced instants
 * instead of one event at a time. The kit holds the pieces every model needs, so the rules are
 * written once (uPlot's path builders share one signature in the same spirit):
 *
 * - counting a constant process's points inside a window exactly as the per-event path places
 *   them (`countConstant`, `countThrough`);
 * - drawing a window's run of one process (`drawRun`), with THE one convention for random
 *   processes (below);
 * - sizing a stretch's horizon so a level stays inside its bounds (`constantHorizon`,
 *   `randomHorizon`);
 * - finishing a run of completions against FIFO queues with their latencies (`finishRun`),
 *   moving runs between queues (`moveFront`), integrating time-to-go (`timeToGo`);
 * - peak tracking lives on the run context (`RunContext.notePeak`).
 *
 * The Poisson-window convention. A random (Poisson) process's events in a window [now, end) are
 * drawn as a count N ~ Poisson(rate x (end - now)) placed evenly at now + (i + 1/2) x h / N
 * (h = end - now, i = 0 .. N - 1), and the process's next event after the window is drawn
 * afresh as end + Exp(rate). This is exact in distribution because the process is memoryless:
 * the count of a Poisson process in a window does not depend on its past, so a point already
 * drawn beyond `now` may be discarded - provided the decision to take the stretch did not look
 * at it (a model must not condition a random stretch on its scheduled next event). The even
 * spacing is the stretch's one approximation: counts and totals are exact in distribution,
 * positions inside the window (and so latencies inside it) are smoothed. Every model's random
 * stretches use `drawRun`, and test/stretchKit.test.ts checks each model's bulk path against its
 * per-event path.
 */
import { nextPoisson, type RngState } from "./rng";
import type { RunContext } from "./runContext";
import type { RunQueue } from "./runQueue";

/**
 * Number of points `origin + k / rate` (k >= index) strictly before `endSec`, evaluated with the
 * same expression the per-event path uses, so bulk and per-event counts agree exactly.
 */
export function countConstant(origin: number, index: number, rate: number, endSec: number): number {
  let k = Math.max(index, Math.floor((endSec - origin) * rate));
  while (k > index && origin + (k - 1) / rate >= endSec) k--;
  while (origin + k / rate < endSec) k++;
  return k - index;
}

/** Points `origin + k / rate` (k >= index) at or before `tSec` (a completion tied with a tick comes first). */
export function countThrough(origin: number, index: number, rate: number, tSec: number): number {
  let n = countConstant(origin, index, rate, tSec);
  while (origin + (index + n) / rate <= tSec) n++;
  return n;
}

/** A run of `count` evenly spaced instants `first + i x step` (i = 0 .. count - 1), s. */
export interface Run {
  count: number;
  first: number;
  step: number;
}

/**
 * Draws the events of one process in [nowSec, endSec) into `out` (and returns it): a constant
 * process's points `origin + k / rate` (k >= index, the next at `nextSec`); a Poisson process's
 * run by the kit's one convention (file comment). The caller schedules the process's next event
 * after the window: `origin + (index + count) / rate`, or `endSec + Exp(rate)`. `horizonSec` is
 * the window's length as the caller sized it (endSec - nowSec unless the caller computed endSec
 * as nowSec + horizonSec, whose difference may round differently).
 */
export function drawRun(
  out: Run,
  rng: RngState,
  constant: boolean,
  origin: number,
  index: number,
  nextSec: number,
  rate: number,
  nowSec: number,
  endSec: number,
  horizonSec = endSec - nowSec,
): Run {
  if (constant) {
    out.count = countConstant(origin, index, rate, endSec);
    out.first = nextSec;
    out.step = 1 / rate;
  } else {
    const horizon = horizonSec;
    out.count = nextPoisson(rng, rate * horizon);
    out.step = horizon / Math.max(1, out.count);
    out.first = nowSec + out.step / 2;
  }
  return out;
}

/**
 * Room a random stretch needs on each side of a level: the horizon is sized to use half of it on
 * average (`randomHorizon`), so a drawn count overshooting it (which sends the stretch back to
 * the per-event path) is a one-in-millions case.
 */
export const MIN_RANDOM_ROOM = 64;

/** A stretch shorter than this many events is not worth the bulk bookkeeping. */
export const MIN_BULK_EVENTS = 16;

/**
 * Longest horizon (s) over which a level at `level`, moving at `netRatePerSec` with constant
 * processes, stays strictly inside (`down`, `up`): counts in any window of length h are within
 * one of rate x h, so the level stays within level + net x h +- 2. NaN when there is no room.
 */
export function constantHorizon(level: number, netRatePerSec: number, up: number, down: number): number {
  const roomUp = up - level - 2;
  const roomDown = level - 2 - down;
  if (roomUp < 0 || roomDown < 0) return NaN;
  if (netRatePerSec > 0) return roomUp / netRatePerSec;
  if (netRatePerSec < 0) return roomDown / -netRatePerSec;
  return Infinity;
}

/**
 * Longest horizon (s) for a random stretch in which events at `ratePerSec` may use `room` places
 * (half of it on average); NaN when the room is below {@link MIN_RANDOM_ROOM}.
 */
export function randomHorizon(room: number, ratePerSec: number): number {
  if (room < MIN_RANDOM_ROOM) return NaN;
  return ratePerSec > 0 ? room / (2 * ratePerSec) : Infinity;
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

/**
 * The part of {@link finishRun} after the item in service: pops `m` items from `queue` of which
 * the first m - 1 finish at `firstDoneSec + i x stepSec` (i = 1 .. m - 1), records their
 * latencies, and returns the emit time of the m-th (which enters service). For closed forms that
 * record the first completion themselves.
 */
export function popFinishing(
  ctx: RunContext,
  m: number,
  firstDoneSec: number,
  stepSec: number,
  queue: RunQueue,
): number {
  finishing.ctx = ctx;
  finishing.m = m;
  finishing.popped = 0;
  finishing.firstDoneSec = firstDoneSec;
  finishing.stepSec = stepSec;
  const last = queue.popFront(m, visitFinishing);
  finishing.ctx = null;
  return last;
}

// The state of the one finishRun in progress: a module-level visitor, so that no closure is
// created per call (the bulk paths run it once per stretch).
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
