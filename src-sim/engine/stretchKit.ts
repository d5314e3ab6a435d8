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
 * The random-window convention. A random (Poisson) process's events in a window [now, end) are
 * its own exponential gaps, drawn one by one from the process's stream (RunStreams in rng.ts)
 * from its scheduled next event on, with the per-event path's own arithmetic (next = event +
 * gap): the count, the first and the last event are exactly those of the per-event path, and the
 * draw that falls at or beyond `end` is carried as the process's next event. So a stretch draws
 * the same gaps in the same order as handling the window one event at a time, and runs that
 * differ only in where they take stretches (or in their strategy) see the same arrivals and
 * service times. The cost is one cheap draw (a ziggurat step) per event, not per stretch. The
 * events are placed evenly between the first and the last (the stretch's one approximation:
 * counts and the two ends are exact, positions inside the window, and so latencies inside it,
 * are smoothed). A stretch a draw sends back to the per-event path (a bound crossed) restores
 * the streams first ({@link saveStream}), so the per-event path draws the same gaps again. Every
 * model's random stretches use `drawRun`; test/stretchKit.test.ts checks each model's bulk path
 * against its per-event path.
 */
import { nextExponential, type RngState } from "./rng";
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

/**
 * A run of `count` evenly spaced instants `first + i x step` (i = 0 .. count - 1), s, and the
 * process's next event after the window, `next`.
 */
export interface Run {
  count: number;
  first: number;
  /** Spacing, s; positive even when count < 2 (then it is the window's length). */
  step: number;
  next: number;
}

/**
 * Draws the events of one process in [nowSec, endSec) into `out` (and returns it): a constant
 * process's points `origin + k / rate` (k >= index, the next at `nextSec`); a Poisson process's
 * events by the kit's one convention (file comment), from `rng`, its own stream, the next due at
 * `nextSec`. `out.next` is the process's next event after the window. A random draw stops once
 * it has found more than `maxCount` events (a bound the caller will refuse: the rest would be
 * wasted draws); the caller restores the stream when it refuses a stretch.
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
  maxCount = Infinity,
): Run {
  if (constant) {
    const count = countConstant(origin, index, rate, endSec);
    out.count = count;
    out.first = nextSec;
    out.step = 1 / rate;
    out.next = origin + (index + count) / rate;
    return out;
  }
  let t = nextSec;
  let last = nextSec;
  let n = 0;
  // The per-event path's expression: the event after one at t is at t + gap.
  while (t < endSec && n <= maxCount) {
    n++;
    last = t;
    t = t + nextExponential(rng, rate);
  }
  out.count = n;
  out.first = nextSec;
  out.step = n > 1 ? (last - nextSec) / (n - 1) : endSec - nowSec;
  if (!(out.step > 0)) out.step = endSec - nowSec;
  out.next = t;
  return out;
}

/** Generator state saved before a random stretch's draws (four words, reused). */
export type SavedStream = Uint32Array;

/** A fresh buffer for {@link saveStream}. */
export function newSavedStream(): SavedStream {
  return new Uint32Array(4);
}

/** Saves `rng` into `into` (before a stretch's draws). */
export function saveStream(into: SavedStream, rng: RngState): void {
  into.set(rng);
}

/** Puts `rng` back to the state saved in `from` (a refused stretch: the draws are undone). */
export function restoreStream(rng: RngState, from: SavedStream): void {
  rng.set(from);
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
