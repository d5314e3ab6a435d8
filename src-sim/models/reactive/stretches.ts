/**
 * Bulk stretches of the Reactive Streams model: where the state is steady, whole runs of events
 * (a request cycle, many request cycles, a stretch while nobody is subscribed) are handled in
 * closed form, so the work is per request or per stretch, not per item.
 *
 * - `withoutSubscriber`: a hot source's items are lost while nobody is subscribed.
 * - `passThrough` (constant, producer slower than consumer): each item is served before the next
 *   arrives and demand never runs out.
 * - `backlog` (hot, a buffering overflow strategy, the server busy): the overflow buffer and the
 *   subscriber's queue act as one FIFO, the subscriber holding min(N, prefetch - consumed since
 *   the last request); no threshold (memory, capacity) is reached. Random processes too: each
 *   process's own gaps drawn from its stream, as in the queue model (the stretch kit's convention).
 * - `coldCycles` (cold, constant, producer faster): from a request instant on, every cycle is the
 *   same: a burst of r items at the producer rate, a pause, a request every r completions.
 * - `cycle` (constant): one stretch up to the next request, any publisher and overflow strategy,
 *   while the server stays busy.
 *
 * For constant processes the counts are computed with the per-event path's own expressions, so
 * the result is the same event for event; a stretch that could not be exact (a near-tie of a tick
 * and a completion, a threshold in reach) is left to the per-event path. Latencies inside a
 * stretch are recorded as linear segments between their exact ends.
 */
import {
  countConstant,
  countThrough,
  drawRun as drawKitRun,
  finishRun,
  MIN_BULK_EVENTS,
  MIN_RANDOM_ROOM,
  moveFront,
  newSavedStream,
  restoreStream,
  saveStream,
  timeToGo,
  type Run,
} from "../../engine/stretchKit";
import type { RngState } from "../../engine/rng";
import type { RunContext } from "../../engine/runContext";
import type { ReactiveModel } from "./model";
import { isUnbounded } from "./demand";

/**
 * Two instants closer than this (s) that are not equal may be floats of one true instant: the
 * per-event order of such a pair is not predictable from arithmetic, so the stretch is refused.
 */
const TIE_SEC = 1e-9;

/**
 * Tries to handle a stretch from now to at most `limitSec` in bulk; false changed nothing. Read
 * `finely` (a fine sampler reads every step: RunContext.stepsWatched), it leaves request cycles to the
 * per-event path: a fine instant inside a stretch reads the straight line between its ends, and
 * within a cycle demand and the subscriber's queue move as a sawtooth. Those stretches count the
 * per-event path's own events, so skipping them changes no count.
 */
export function tryStretch(m: ReactiveModel, limitSec: number, finely = false): boolean {
  if (!m.subscribed) return withoutSubscriber(m, limitSec);
  if (m.owe > 0 || isUnbounded(m.demand)) return false;
  const s = m.sc;
  const constant = s.arrivals === "constant" && s.service === "constant" && !finely;
  if (constant && s.publisher === "cold" && coldCycles(m, limitSec)) return true;
  if (!m.busy) return constant && passThrough(m, limitSec);
  if (s.publisher === "hot" && s.overflow !== "drop" && s.overflow !== "latest" && backlog(m, limitSec)) return true;
  if (constant && cycle(m, limitSec)) return true;
  return s.publisher === "hot" && m.demand === 0 && skipDrops(m, limitSec);
}

/** Counts `n` drops whose first is at `firstSec` and last at `lastSec` (a drop burst opens at the first). */
function dropSpan(ctx: RunContext, n: number, firstSec: number, lastSec: number): void {
  if (n <= 0) return;
  if (!ctx.dropping) {
    ctx.drop(1, firstSec);
    if (n > 1) ctx.drop(n - 1, lastSec);
  } else {
    ctx.drop(n, lastSec);
  }
}

/**
 * Widens the sample interval's envelope to what a stretch of whole request cycles swept inside:
 * demand from `demandLo` to `demandHi`, items held from `heldLo` to `heldHi` (`busy` of them in
 * service), all in the subscriber's queue (the overflow buffer stays empty).
 */
function noteSwing(
  m: ReactiveModel,
  demandLo: number,
  demandHi: number,
  heldLo: number,
  heldHi: number,
  busy: number,
): void {
  const env = m.ctx.envelope;
  const s = m.sc;
  env.noteRange("rsDemand", Math.max(0, demandLo), demandHi);
  env.noteRange("queued", Math.max(0, heldLo - busy), Math.max(0, heldHi - busy));
  env.noteRange("inService", heldLo > 0 ? busy : 0, heldHi > 0 ? 1 : 0);
  env.noteRange("memoryBytes", s.baseline + heldLo * s.eventBytes, s.baseline + heldHi * s.eventBytes);
}

/** Raises the run's peaks to `held` items in the consumer's process (`busy` of them in service). */
function notePeak(m: ReactiveModel, held: number, busy: number): void {
  m.ctx.notePeak(held - busy, m.sc.baseline + held * m.sc.eventBytes);
}

/**
 * Logs and counts `count` requests of `n` items at `base + (first + k x every) / rate + offset`
 * (k = 0 .. count - 1): the per-event path's own expression for those completions, so the log's
 * per-window limit keeps the same entries. With an observer, also reports `deliveries` onNext
 * interleaved with them in an order the per-event path could produce: deliveries up to each
 * request's demand, then the request (`demandBefore`: outstanding demand before the first).
 */
function logRequests(
  m: ReactiveModel,
  count: number,
  n: number,
  base: number,
  first: number,
  every: number,
  rate: number,
  offset: number,
  deliveries: number,
  demandBefore: number,
): void {
  const log = m.ctx.log;
  for (let k = 0; k < count; k++) log.add(base + (first + k * every) / rate + offset, "request", n);
  m.requests += count;
  m.requested += count * n;
  if (!m.observer) return;
  let left = deliveries;
  let demand = demandBefore;
  for (let k = 0; k < count; k++) {
    const now = Math.min(left, demand);
    if (now > 0) m.signal("next", now);
    left -= now;
    demand -= now;
    m.observer({
      kind: "request",
      timeSec: base + (first + k * every) / rate + offset,
      n,
      subscription: m.subscription,
    });
    demand += n;
  }
  if (left > 0) m.signal("next", left);
}

// -------------------------------------------------------------------- nobody subscribed

/** A hot source with nobody subscribed: its items are lost, counted in one step. */
function withoutSubscriber(m: ReactiveModel, limitSec: number): boolean {
  const s = m.sc;
  if (s.publisher !== "hot" || !Number.isFinite(m.nextTickSec)) return false;
  // A subscriber still draining after onError completes items one at a time in between.
  const endSec = m.busy && m.nextCompletionSec < limitSec ? m.nextCompletionSec : limitSec;
  const constant = s.arrivals === "constant";
  let n: number;
  if (constant) {
    if (!(m.nextTickSec < endSec)) return false;
    n = countConstant(m.arrOrigin, m.arrIndex, s.producer, endSec);
    if (n < MIN_BULK_EVENTS) return false;
    m.arrIndex += n;
    m.nextTickSec = m.arrOrigin + m.arrIndex / s.producer;
  } else {
    // The kit's random-window convention: the ticks' own gaps, the next one carried.
    if (s.producer * (endSec - m.now) < MIN_BULK_EVENTS) return false;
    n = drawKitRun(run, m.arrivalRng, false, 0, 0, m.nextTickSec, s.producer, m.now, endSec).count;
    m.nextTickSec = run.next;
  }
  m.ctx.bulkSteps++;
  m.ctx.produced += n;
  m.ctx.lost += n;
  m.moveClock(endSec);
  return true;
}

// -------------------------------------------------------------------- discarding

/**
 * A hot source with no demand whose items are all discarded (onBackpressureDrop, or a full
 * drop-latest buffer): nothing changes until the next completion, so the ticks before it are
 * counted at once (for Poisson arrivals their own gaps, drawn from the arrivals stream).
 */
function skipDrops(m: ReactiveModel, limitSec: number): boolean {
  const s = m.sc;
  if (!(s.overflow === "drop" || (s.overflow === "drop-latest" && m.buffer.size >= s.capacity))) return false;
  // A tick at the completion's instant comes after it (and may find demand).
  const endSec = m.nextCompletionSec < limitSec ? m.nextCompletionSec : limitSec;
  let firstTick = m.nextTickSec;
  let n: number;
  let lastTick: number;
  if (s.arrivals === "constant") {
    if (!(firstTick < endSec)) return false;
    n = countConstant(m.arrOrigin, m.arrIndex, s.producer, endSec);
    if (n < 2) return false;
    m.arrIndex += n;
    m.nextTickSec = m.arrOrigin + m.arrIndex / s.producer;
    lastTick = m.arrOrigin + (m.arrIndex - 1) / s.producer;
  } else {
    // The kit's random-window convention (a window without ticks is one step too).
    if (!(endSec > m.now) || s.producer * (endSec - m.now) < 2) return false;
    drawKitRun(run, m.arrivalRng, false, 0, 0, firstTick, s.producer, m.now, endSec);
    n = run.count;
    firstTick = run.first;
    lastTick = run.first + (n - 1) * run.step;
    m.nextTickSec = run.next;
  }
  m.ctx.bulkSteps++;
  m.ctx.produced += n;
  dropSpan(m.ctx, n, firstTick, lastTick);
  m.moveClock(endSec);
  return true;
}

// -------------------------------------------------------------------- pass-through

/**
 * Constant processes, the producer slower than the consumer, an idle server and nothing queued:
 * every item is served as it arrives and finished before the next one. Demand never runs out
 * (demand + consumed since the last request stays at prefetch, and the latter stays below r), so
 * cold and hot publishers behave alike and every r-th completion is a request.
 */
function passThrough(m: ReactiveModel, limitSec: number): boolean {
  const s = m.sc;
  const lambda = s.producer;
  const mu = s.consumer;
  if (m.queue.size > 0 || m.buffer.size > 0 || !Number.isFinite(m.nextTickSec)) return false;
  if (!(1 / lambda - 1 / mu > TIE_SEC)) return false;
  const r = m.replenish;
  const c0 = m.consumedSinceRequest;
  if (m.demand + c0 < m.prefetch || s.baseline + s.eventBytes > s.memory) return false;
  const n = countConstant(m.arrOrigin, m.arrIndex, lambda, limitSec);
  if (n < MIN_BULK_EVENTS) return false;
  const lastIndex = m.arrIndex + n - 1;
  const lastTick = m.arrOrigin + lastIndex / lambda;
  const inService = !(lastTick + 1 / mu < limitSec);
  const done = inService ? n - 1 : n;
  const requests = Math.floor((c0 + done) / r);
  const demand0 = m.demand;
  // Request k falls when item (r - c0) + (k - 1) r - 1 finishes, 1 / mu after its tick.
  logRequests(m, requests, r, m.arrOrigin, m.arrIndex + r - c0 - 1, r, lambda, 1 / mu, n, demand0);

  const ctx = m.ctx;
  ctx.bulkSteps++;
  ctx.produced += n;
  ctx.consumed += done;
  m.delivered += n;
  m.demand = demand0 - n + requests * r;
  m.consumedSinceRequest = c0 + done - requests * r;
  ctx.recordLatency(done, 1 / mu, 1 / mu);
  ctx.inSystemIntegral += done / mu + (inService ? limitSec - lastTick : 0);
  if (s.publisher === "cold" && demand0 + c0 === r) {
    // Demand after delivering item j is (demand0 + c0) - ((c0 + j) mod r) - 1: with prefetch = r
    // it is zero for j = demand0 - 1 + k r, from that delivery to its completion (which requests).
    const zeroAt = demand0 - 1;
    if (zeroAt < done) ctx.pausedSeconds += (Math.floor((done - 1 - zeroAt) / r) + 1) / mu;
    if (inService && lastIndex - m.arrIndex >= zeroAt && (lastIndex - m.arrIndex - zeroAt) % r === 0)
      ctx.pausedSeconds += limitSec - lastTick;
  }
  notePeak(m, 1, 1);
  // Demand after each delivery is (demand0 + c0) - ((c0 + j) mod r) - 1, back up at each request;
  // at most one item is held at a time.
  noteSwing(m, demand0 + c0 - r, demand0 + c0, 0, 1, 0);
  if (done > 0) {
    const lastDoneTick = m.arrOrigin + (inService ? lastIndex - 1 : lastIndex) / lambda;
    m.busyOrigin = lastDoneTick;
    m.busyIndex = 1;
    m.lastCompletionSec = lastDoneTick + 1 / mu;
  }
  if (inService) {
    m.busy = true;
    m.serviceEmitSec = lastTick;
    m.busyOrigin = lastTick;
    m.busyIndex = 1;
    m.nextCompletionSec = lastTick + 1 / mu;
  }
  m.arrIndex += n;
  m.nextTickSec = m.arrOrigin + m.arrIndex / lambda;
  m.now = limitSec;
  return true;
}

// -------------------------------------------------------------------- hot backlog

/**
 * A hot publisher with a buffering overflow strategy and a busy server, away from every
 * threshold: the buffer and the subscriber's queue are one FIFO of N items of which the
 * subscriber holds min(N, prefetch - consumed since the last request) (demand is instantly
 * met from the buffer). Stops short of the memory limit and, for bounded buffers, of a full
 * buffer, so no overflow action and no OOM can fall inside.
 */
function backlog(m: ReactiveModel, limitSec: number): boolean {
  const s = m.sc;
  const lambda = s.producer;
  const mu = s.consumer;
  const p = m.prefetch;
  const r = m.replenish;
  const c0 = m.consumedSinceRequest;
  const q0 = m.queue.size;
  const b0 = m.buffer.size;
  const n0 = q0 + 1 + b0;
  if (q0 + 1 + m.demand + c0 !== p || (b0 > 0 && m.demand > 0)) return false;
  // The buffer never exceeds N - (p - r + 1), so N <= K + p - r + 1 keeps it within K.
  let upN = m.maxHeld();
  if (s.overflow !== "buffer") upN = Math.min(upN, s.capacity + p - r + 1);
  const downN = 1;
  const constArrivals = s.arrivals === "constant";
  const constService = s.service === "constant";
  const constant = constArrivals && constService;
  let horizon = limitSec - m.now;
  if (constant) {
    // Counts in any window of length h are within one of rate x h: N stays within n0 + net h +- 2.
    const net = lambda - mu;
    const roomUp = upN - n0 - 2;
    const roomDown = n0 - 2 - downN;
    if (roomUp < 0 || roomDown < 0) return false;
    if (net > 0) horizon = Math.min(horizon, roomUp / net);
    if (net < 0) horizon = Math.min(horizon, roomDown / -net);
  } else {
    const roomUp = upN - n0;
    const roomDown = n0 - downN;
    if (roomUp < MIN_RANDOM_ROOM || roomDown < MIN_RANDOM_ROOM) return false;
    horizon = Math.min(horizon, roomUp / (2 * lambda), roomDown / (2 * mu));
  }
  if (!(horizon > 0) || (lambda + mu) * horizon < MIN_BULK_EVENTS) return false;
  const endSec = m.now + horizon;

  // Ticks and completions in [now, end): counted (constant), or drawn and spread evenly (random).
  // Random draws are undone if the stretch is refused (the per-event path draws them again).
  saveStream(SAVED_ARRIVALS, m.arrivalRng);
  saveStream(SAVED_SERVICE, m.serviceRng);
  drawRun(m.arrivalRng, m, constArrivals, m.arrOrigin, m.arrIndex, m.nextTickSec, lambda, endSec, upN - n0);
  const n = run.count;
  const firstTick = run.first;
  const tickStep = run.step;
  const nextTick = run.next;
  drawRun(m.serviceRng, m, constService, m.busyOrigin, m.busyIndex, m.nextCompletionSec, mu, endSec, n0 - downN);
  const done = run.count;
  const firstDone = run.first;
  const doneStep = run.step;
  const nextDone = run.next;
  // A random draw beyond the room: handle this stretch one event at a time instead.
  if (!constant && (n0 + n > upN || n0 - done < downN)) {
    restoreStream(m.arrivalRng, SAVED_ARRIVALS);
    restoreStream(m.serviceRng, SAVED_SERVICE);
    return false;
  }

  const ctx = m.ctx;
  ctx.bulkSteps++;
  const n1 = n0 + n - done;
  // The peak comes right after an arrival: the first one when the count shrinks, the last one
  // when it grows (arrivals minus completions is monotone between them up to one event).
  if (n > 0) {
    const lastTick = firstTick + (n - 1) * tickStep;
    const doneByFirst = constService
      ? countThrough(m.busyOrigin, m.busyIndex, mu, firstTick)
      : spreadThrough(firstTick, firstDone, doneStep, done);
    const doneByLast = constService
      ? countThrough(m.busyOrigin, m.busyIndex, mu, lastTick)
      : spreadThrough(lastTick, firstDone, doneStep, done);
    notePeak(m, Math.max(n0 + 1 - doneByFirst, n0 + n - doneByLast, n1), 1);
  } else {
    notePeak(m, n1, 1);
  }
  ctx.produced += n;
  m.buffer.push(firstTick, tickStep, n);
  const demand0 = m.demand;
  if (done > 0) {
    m.serviceEmitSec = finishRun(ctx, m.serviceEmitSec, done, firstDone, doneStep, m.queue, m.buffer);
    ctx.consumed += done;
    m.lastCompletionSec = firstDone + (done - 1) * doneStep;
    if (constService) m.lastCompletionSec = m.busyOrigin + (m.busyIndex + done - 1) / mu;
  }
  const requests = Math.floor((c0 + done) / r);
  const c1 = c0 + done - requests * r;
  const share = Math.min(n1, p - c1);
  const moved = share - (m.queue.size + 1);
  if (moved > 0) moveFront(m.buffer, m.queue, moved);
  const deliveries = share + done - (q0 + 1);
  if (constService) logRequests(m, requests, r, m.busyOrigin, m.busyIndex + r - c0 - 1, r, mu, 0, deliveries, demand0);
  else logRequests(m, requests, r, firstDone, r - c0 - 1, r, 1 / doneStep, 0, deliveries, demand0);
  m.delivered += deliveries;
  m.demand = p - c1 - share;
  m.consumedSinceRequest = c1;

  // Held = n0 + ticks so far - completions so far (at the positions used above).
  ctx.inSystemIntegral +=
    n0 * horizon + timeToGo(endSec, firstTick, tickStep, n) - timeToGo(endSec, firstDone, doneStep, done);
  m.now = endSec;
  if (constArrivals) m.arrIndex += n;
  m.nextTickSec = nextTick;
  if (constService) m.busyIndex += done;
  m.nextCompletionSec = nextDone;
  return true;
}

/** The run `drawRun` found (a module-level result, so that no object is allocated per stretch). */
const run: Run = { count: 0, first: 0, step: 0, next: 0 };
/** The streams' states before a stretch's draws, put back if the stretch is refused. */
const SAVED_ARRIVALS = newSavedStream();
const SAVED_SERVICE = newSavedStream();

/**
 * Events of one process in [now, endSec) from its stream `rng`, by the stretch kit's rules
 * (constant, or the random-window convention; a random draw stops past `maxCount`).
 */
function drawRun(
  rng: RngState,
  m: ReactiveModel,
  constant: boolean,
  origin: number,
  index: number,
  next: number,
  rate: number,
  endSec: number,
  maxCount: number,
): void {
  drawKitRun(run, rng, constant, origin, index, next, rate, m.now, endSec, maxCount);
}

/** Completions spread evenly (`first + i x step`, i < `count`) at or before `tSec`. */
function spreadThrough(tSec: number, first: number, step: number, count: number): number {
  return Math.max(0, Math.min(count, Math.floor((tSec - first) / step) + 1));
}

// -------------------------------------------------------------------- cold cycles

/**
 * A cold publisher faster than its (constant) consumer, at the instant a request released it:
 * the subscriber holds L = prefetch - r items, demand is r and the source emits now. From here
 * every cycle is the same: r items at the producer rate (item j at t_k + j / lambda), then a
 * pause until the r-th completion (the next request, t_{k+1}); item j of every burst waits
 * behind L + j items, so it finishes at t_k + (L + j + 1) / mu. K whole cycles are handled at
 * once, ending at the K-th request in the same state.
 */
function coldCycles(m: ReactiveModel, limitSec: number): boolean {
  const s = m.sc;
  const lambda = s.producer;
  const mu = s.consumer;
  const p = m.prefetch;
  const r = m.replenish;
  const now = m.now;
  if (m.consumedSinceRequest !== 0 || m.demand !== r || m.arrIndex !== 0 || m.arrOrigin !== now) return false;
  if (m.nextTickSec !== now || m.lastCompletionSec !== now || m.buffer.size > 0) return false;
  const line = p - r;
  if (m.queue.size + (m.busy ? 1 : 0) !== line) return false;
  // Each burst item must arrive strictly before its turn, and each burst end before the request.
  if (!(1 / mu - 1 / lambda > TIE_SEC) || s.baseline + p * s.eventBytes > s.memory) return false;
  const origin = m.busyOrigin;
  // Index of the first completion after now: an idle server continues its busy period's origin.
  const bi = m.busy ? m.busyIndex : m.busyIndex + 1;
  // Request k (k >= 1) falls at origin + (bi + k r - 1) / mu.
  let K = Math.max(0, Math.floor(((limitSec - origin) * mu - bi + 1) / r));
  while (K > 0 && !(origin + (bi + K * r - 1) / mu < limitSec)) K--;
  while (origin + (bi + (K + 1) * r - 1) / mu < limitSec) K++;
  if (K < 2) return false;

  const ctx = m.ctx;
  ctx.bulkSteps++;
  const done = K * r;
  const fromLine = Math.min(done, line);
  // The line first: the item in service and the queue, finishing at the first completions.
  let serviceEmit = m.serviceEmitSec;
  if (fromLine > 0) serviceEmit = finishRun(ctx, m.serviceEmitSec, fromLine, origin + bi / mu, 1 / mu, m.queue);
  // Then burst items, in order; item j of any burst has the latency (L + j + 1) / mu - j / lambda.
  const fromBursts = done - fromLine;
  const wholeBursts = Math.floor(fromBursts / r);
  const rest = fromBursts - wholeBursts * r;
  const lat0 = (line + 1) / mu;
  if (wholeBursts > 0) ctx.recordLatency(wholeBursts * r, lat0, (line + r) / mu - (r - 1) / lambda);
  if (rest > 0) ctx.recordLatency(rest, lat0, (line + rest) / mu - (rest - 1) / lambda);
  // What the subscriber holds at the K-th request: what is left of the line, then burst items
  // fromBursts .. K r - 1 (global index g = k r + j); the first of them is in service.
  let g = fromBursts;
  if (done < line) {
    m.serviceEmitSec = serviceEmit;
  } else if (line > 0) {
    const k = Math.floor(g / r);
    m.serviceEmitSec = burstStart(now, origin, bi, r, mu, k) + (g - k * r) / lambda;
    g++;
  }
  while (g < done) {
    const k = Math.floor(g / r);
    const j = g - k * r;
    const count = Math.min(r - j, done - g);
    m.queue.push(burstStart(now, origin, bi, r, mu, k) + j / lambda, 1 / lambda, count);
    g += count;
  }
  const tK = origin + (bi + K * r - 1) / mu;
  if (line > 0) {
    m.busy = true;
    m.busyIndex = bi + done;
    m.nextCompletionSec = origin + m.busyIndex / mu;
  } else {
    m.busy = false;
    m.busyIndex = bi + done - 1;
    m.nextCompletionSec = Infinity;
  }
  m.lastCompletionSec = tK;

  logRequests(m, K, r, origin, bi + r - 1, r, mu, 0, done, r);
  ctx.produced += done;
  ctx.consumed += done;
  m.delivered += done;
  // The K-th request released the source again: demand r, and it emits at once.
  m.demand = r;
  m.consumedSinceRequest = 0;
  m.arrOrigin = tK;
  m.arrIndex = 0;
  m.nextTickSec = tK;
  m.withheld = false;
  // Held = p - demand - consumed since the request; demand runs down over each burst and the
  // count up between requests: both integrate to r (r - 1) / 2 over their rates per cycle.
  ctx.inSystemIntegral += p * (tK - now) - (K * r * (r - 1) * (1 / mu + 1 / lambda)) / 2;
  ctx.pausedSeconds += tK - now - (K * (r - 1)) / lambda;
  const peakHeld = p - Math.floor(((r - 1) * mu) / lambda);
  notePeak(m, peakHeld, 1);
  // Inside: demand runs from r to 0 over each burst; what is held, from p - r at each request
  // up to the peak a burst builds (the envelope of the sawtooth the stretch skipped).
  noteSwing(m, 0, r, line, peakHeld, line > 0 ? 1 : 0);
  m.now = tK;
  return true;
}

/** Start of burst k of a cold cycle stretch: now for the first, the k-th request after. */
function burstStart(now: number, origin: number, bi: number, r: number, mu: number, k: number): number {
  return k === 0 ? now : origin + (bi + k * r - 1) / mu;
}

// -------------------------------------------------------------------- one cycle

/**
 * Constant processes and a busy server: the stretch up to the next request (the completion that
 * brings the consumed count to r) or the limit. Ticks first meet the outstanding demand (onNext
 * to the subscriber's queue); after that a cold source is held back, and a hot one's items go to
 * the overflow strategy. Refused when the server would idle before the request, when an overflow
 * error would fall inside, or when the memory limit is in reach.
 */
function cycle(m: ReactiveModel, limitSec: number): boolean {
  const s = m.sc;
  const lambda = s.producer;
  const mu = s.consumer;
  const r = m.replenish;
  const c0 = m.consumedSinceRequest;
  const toRequest = r - c0;
  const requestSec = m.busyOrigin + (m.busyIndex + toRequest - 1) / mu;
  const requestInside = requestSec < limitSec;
  const endSec = requestInside ? requestSec : limitSec;
  const ticking = Number.isFinite(m.nextTickSec);
  // Cheap rejection first: this runs before every per-event step.
  if (toRequest + (ticking ? (endSec - m.nextTickSec) * lambda + 1 : 0) < MIN_BULK_EVENTS) return false;
  const hot = s.publisher === "hot";
  const d0 = m.demand;
  const q0 = m.queue.size;
  const b0 = m.buffer.size;
  if (d0 > 0 && b0 > 0) return false;
  const done = requestInside ? toRequest : countConstant(m.busyOrigin, m.busyIndex, mu, limitSec);
  // Ticks strictly before the end: one at the request instant comes after the request.
  const n = ticking ? countConstant(m.arrOrigin, m.arrIndex, lambda, endSec) : 0;
  if (done + n < MIN_BULK_EVENTS) return false;
  const delivered = Math.min(n, d0);
  const over = hot ? n - delivered : 0;
  const heldBack = !hot && n > delivered;

  // Overflow routing of the `over` ticks that find no demand.
  const K = s.capacity;
  let pushed = 0;
  let evicted = 0;
  let refused = 0;
  let firstDropOffset = delivered;
  if (over > 0) {
    switch (s.overflow) {
      case "buffer":
        pushed = over;
        break;
      case "drop-oldest":
        pushed = over;
        evicted = Math.max(0, b0 + over - K);
        firstDropOffset = delivered + Math.max(0, K - b0);
        break;
      case "drop-latest":
        pushed = Math.max(0, Math.min(over, K - b0));
        refused = over - pushed;
        firstDropOffset = delivered + pushed;
        break;
      case "error":
        // The overflowing tick fails the stream: one event at a time.
        if (b0 + over > K) return false;
        pushed = over;
        break;
      case "drop":
        refused = over;
        break;
      case "latest":
        pushed = 1;
        evicted = b0;
        refused = over - 1;
        firstDropOffset = delivered + (b0 > 0 ? 0 : 1);
        break;
    }
  }
  // The buffer's first `grow` overflow ticks stay; later ones replace others or go.
  const b1 = b0 + pushed - evicted;
  const grow = Math.max(0, b1 - b0);

  // The server must find an item at every completion but the request's (a request may refill it).
  const needed = requestInside ? done - 1 : done;
  if (needed > q0) {
    const J = needed - q0;
    if (J > delivered || !arrivesInTime(m, q0, J, lambda, mu)) return false;
  }
  const mostHeld = q0 + 1 + delivered + Math.max(b0, b1);
  if (s.baseline + mostHeld * s.eventBytes > s.memory) return false;

  const ctx = m.ctx;
  ctx.bulkSteps++;
  const i0 = m.arrIndex;
  const firstTick = m.arrOrigin + i0 / lambda;
  if (delivered > 0) {
    m.queue.push(firstTick, 1 / lambda, delivered);
    m.delivered += delivered;
    m.demand = d0 - delivered;
    m.signal("next", delivered);
  }
  if (over > 0) {
    const firstOver = m.arrOrigin + (i0 + delivered) / lambda;
    const lastOver = m.arrOrigin + (i0 + n - 1) / lambda;
    if (s.overflow === "latest") {
      m.buffer.clear();
      m.buffer.push(lastOver, 0, 1);
    } else if (pushed > 0) {
      m.buffer.push(firstOver, 1 / lambda, pushed);
      if (evicted > 0) m.buffer.popFront(evicted);
    }
    dropSpan(ctx, evicted + refused, m.arrOrigin + (i0 + firstDropOffset) / lambda, lastOver);
  }
  ctx.produced += hot ? n : delivered;

  // Time-weighted figures: held = start + entries - completions; a cold source with no demand
  // is paused.
  const doneStep = 1 / mu;
  const firstDone = m.busyOrigin + m.busyIndex / mu;
  ctx.inSystemIntegral +=
    (q0 + 1 + b0) * (endSec - m.now) +
    timeToGo(endSec, firstTick, 1 / lambda, delivered) +
    timeToGo(endSec, m.arrOrigin + (i0 + delivered) / lambda, 1 / lambda, grow) -
    timeToGo(endSec, firstDone, doneStep, done);
  if (!hot) {
    if (d0 <= 0) ctx.pausedSeconds += endSec - m.now;
    else if (delivered === d0) ctx.pausedSeconds += endSec - (m.arrOrigin + (i0 + d0 - 1) / lambda);
  }
  // The peak comes right after an entry: the first or the last (see `backlog`).
  const entries = delivered + grow;
  if (entries > 0) {
    const doneByFirst = countThrough(m.busyOrigin, m.busyIndex, mu, firstTick);
    const doneByLast = countThrough(m.busyOrigin, m.busyIndex, mu, m.arrOrigin + (i0 + entries - 1) / lambda);
    notePeak(m, Math.max(q0 + 2 + b0 - doneByFirst, q0 + 1 + b0 + entries - doneByLast), 1);
  }

  if (heldBack) {
    m.arrIndex = i0 + delivered;
    m.withheld = true;
    m.nextTickSec = Infinity;
  } else if (ticking) {
    m.arrIndex = i0 + n;
    m.nextTickSec = m.arrOrigin + m.arrIndex / lambda;
  }

  if (done > 0) {
    const inService = finishRun(ctx, m.serviceEmitSec, done, firstDone, doneStep, m.queue);
    ctx.consumed += done;
    m.lastCompletionSec = m.busyOrigin + (m.busyIndex + done - 1) / mu;
    if (Number.isNaN(inService)) {
      m.busy = false;
      m.nextCompletionSec = Infinity;
      m.busyIndex += done - 1;
    } else {
      m.serviceEmitSec = inService;
      m.busyIndex += done;
      m.nextCompletionSec = m.busyOrigin + m.busyIndex / mu;
    }
  }
  m.now = endSec;
  m.consumedSinceRequest = c0 + done;
  if (requestInside) m.replenishNow();
  return true;
}

/**
 * Whether deliveries 0 .. J - 1 (ticks from the next one on) each reach the server by the
 * completion that frees it for them (completion q0 + j from now): a tie counts as in time (the
 * item continues the busy period). Both sides are linear in j, so the ends decide, unless a
 * near-tie makes the per-event order unpredictable. Ticks and completions on the same origin at
 * the same rate are compared by index (their floats are then equal exactly when the indices are).
 */
function arrivesInTime(m: ReactiveModel, q0: number, J: number, lambda: number, mu: number): boolean {
  if (m.busyOrigin === m.arrOrigin && lambda === mu) return m.busyIndex + q0 >= m.arrIndex;
  const f0 = slack(m, q0, 0, lambda, mu);
  const f1 = slack(m, q0, J - 1, lambda, mu);
  if (f0 < 0 || f1 < 0) return false;
  if ((f0 > 0 && f0 < TIE_SEC) || (f1 > 0 && f1 < TIE_SEC)) return false;
  return !(J > 2 && Math.abs(1 / mu - 1 / lambda) < TIE_SEC && (f0 < TIE_SEC || f1 < TIE_SEC));
}

/** Completion q0 + j from now minus tick j from now, s. */
function slack(m: ReactiveModel, q0: number, j: number, lambda: number, mu: number): number {
  return m.busyOrigin + (m.busyIndex + q0 + j) / mu - (m.arrOrigin + (m.arrIndex + j) / lambda);
}
