/**
 * The pieces of the pipeline's feed-forward stretch (model.ts, `flowStretch`): how one stage turns
 * a span's evenly spaced arrivals into its output in closed form, planned before anything
 * changes so that a span some stage cannot take is refused whole.
 */
import type { RunContext } from "../../engine/runContext";
import type { RunQueue } from "../../engine/runQueue";
import { countConstant } from "../../engine/stretchKit";
import type { Stage } from "./stage";

/** The stage is down: everything offered to it is lost. */
export const KIND_DOWN = 0;
/** Busy with a backlog that neither empties nor reaches a bound: completions at its own rate. */
export const KIND_SATURATED = 1;
/** Idle at each arrival: each event leaves one service time after it came. */
export const KIND_KEEPS_UP = 2;
/** No arrivals; the event in service (if any) finishes, then the stage is idle. */
export const KIND_IDLE_DONE = 3;
/** No arrivals and nothing in service: nothing happens. */
export const KIND_IDLE = 4;
/**
 * A full `drop-newest` queue fed faster than it drains: each completion frees one place, which the
 * next arrival takes; every other arrival is dropped.
 */
export const KIND_FULL_DROP = 5;
/** A stage behind a Kafka topic that is down: the arrivals are appended to the topic, nothing else. */
export const KIND_TOPIC_APPEND = 6;
/**
 * A stage behind a Kafka topic with a backlog: the arrivals are appended; the stage completes at
 * its own rate and polls `polls` full batches of max.poll.records, each when its queue empties.
 */
export const KIND_TOPIC_SATURATED = 7;
/**
 * A stage behind a Kafka topic that keeps up: each arrival is appended, finds the stage idle, is
 * polled at once (one record a poll) and leaves one service time later.
 */
export const KIND_TOPIC_KEEPS_UP = 8;

/** What a stage does over a stretch's span. */
export interface StagePlan {
  kind: number;
  /** The arrivals: `inCount` instants `inFirst + j x inStep`. */
  inFirst: number;
  inStep: number;
  inCount: number;
  /** The departures (the next stage's arrivals): `outCount` instants `outFirst + j x outStep`. */
  outFirst: number;
  outStep: number;
  outCount: number;
  /** Keeping up: the event in service at the start leaves first. */
  finishesFirst: boolean;
  /** A full dropping queue: the arrivals (by index) that take the places freed first and last. */
  acceptFirst: number;
  acceptLast: number;
  /** A stage behind a Kafka topic with a backlog: the full polls it makes. */
  polls: number;
}

/** A blank plan. */
export function newPlan(): StagePlan {
  return {
    kind: KIND_IDLE,
    inFirst: 0,
    inStep: 1,
    inCount: 0,
    outFirst: 0,
    outStep: 1,
    outCount: 0,
    finishesFirst: false,
    acceptFirst: 0,
    acceptLast: 0,
    polls: 0,
  };
}

/** Relative slack under which two instants count as the same (ties decided by rounding). */
const TIE = 1e-9;

/**
 * Plans stage `st` over [nowSec, endSec) for `c` arrivals at `f + j x h`; false when the stage fits
 * no closed form there (a level would reach a bound, the queue would empty, arrivals would queue
 * behind a stage that was keeping up).
 */
export function planStage(st: Stage, plan: StagePlan, f: number, h: number, c: number, endSec: number): boolean {
  if (st.kafka !== null) return planTopic(st, plan, f, h, c, endSec);
  return planQueue(st, plan, f, h, c, endSec);
}

/**
 * Plans a stage behind a Kafka topic (SEMANTICS.md, Kafka hops): the arrivals are appended to the
 * topic whatever the stage does. The stage is down (appends only), keeps up (idle at each append,
 * so it polls each record at once), or works through a backlog (busy; every poll, made when its
 * queue empties at a completion, finds at least max.poll.records to take). False otherwise: a
 * rejoin, a position to reset, a replay of records delivered again, a held event, or a poll
 * that would not fit in the stage's memory.
 */
function planTopic(st: Stage, plan: StagePlan, f: number, h: number, c: number, endSec: number): boolean {
  const s = st.sc;
  const hop = st.kafka!;
  const d = 1 / s.consumer;
  if (hop.joinAtSec !== Infinity || hop.position < hop.logStart || hop.position < hop.processedEnd) return false;
  if (st.holding) return false;
  startPlan(plan, f, h, c, endSec);
  if (!st.up) {
    plan.kind = KIND_TOPIC_APPEND;
    return true;
  }
  const unread = hop.logEnd - hop.position;
  if (unread === 0 && st.waiting.size === 0) {
    // Nothing to poll: without arrivals the stage finishes what it serves, as a queue stage does.
    if (c === 0) return planQueue(st, plan, f, h, c, endSec);
    return planKeepsUp(st, plan, f, h, c, d, endSec, KIND_TOPIC_KEEPS_UP);
  }
  if (!st.busy) return false;
  const m = countConstant(st.busyOrigin, st.busyIndex, s.consumer, endSec);
  const w0 = st.waiting.size;
  const M = s.maxPollRecords;
  // Polls at completions 1 + w0, 1 + w0 + M, ...: the queue empties at each, and is refilled at once.
  const polls = m >= 1 + w0 ? Math.floor((m - 1 - w0) / M) + 1 : 0;
  if (polls > 0) {
    if (M > st.maxInStage) return false;
    // Each poll finds a full batch appended strictly before it (linear in the poll's index, so the
    // first and the last poll bound the rest; one record of margin for rounding).
    for (const i of [1, polls]) {
      const at = st.busyOrigin + (st.busyIndex + w0 + (i - 1) * M) / s.consumer;
      if (unread + arrivedBefore(at, f, h, c) - (i - 1) * M < M + 1) return false;
    }
  }
  plan.kind = KIND_TOPIC_SATURATED;
  plan.polls = polls;
  plan.outFirst = st.nextDoneSec;
  plan.outStep = d;
  plan.outCount = m;
  return true;
}

/** A plan's arrivals (`c`, `h` apart from `f`), and nothing out yet: where every plan starts. */
function startPlan(plan: StagePlan, f: number, h: number, c: number, endSec: number): void {
  plan.inFirst = f;
  plan.inStep = h;
  plan.inCount = c;
  plan.finishesFirst = false;
  plan.outStep = h;
  plan.outFirst = endSec;
  plan.outCount = 0;
  plan.polls = 0;
}

/** Plans a stage behind a queue (see {@link planStage}). */
function planQueue(st: Stage, plan: StagePlan, f: number, h: number, c: number, endSec: number): boolean {
  const s = st.sc;
  const d = 1 / s.consumer;
  startPlan(plan, f, h, c, endSec);
  if (!st.up) {
    plan.kind = KIND_DOWN;
    return true;
  }
  if (st.busy && s.strategy === "drop-newest" && st.waiting.size === s.capacity && c > 0) {
    // Full and fed faster than it drains: arrivals must cover every gap between completions.
    if (!(h < d * (1 - TIE)) || s.capacity + 1 > st.maxInStage) return false;
    const m = countConstant(st.busyOrigin, st.busyIndex, s.consumer, endSec);
    if (m < 1) return false;
    const d1 = st.nextDoneSec;
    const dm = st.busyOrigin + (st.busyIndex + m - 1) / s.consumer;
    const last = f + (c - 1) * h;
    if (!(f <= d1) || !(last >= dm)) return false;
    plan.kind = KIND_FULL_DROP;
    plan.acceptFirst = Math.min(c - 1, Math.max(0, Math.ceil((d1 - f) / h)));
    plan.acceptLast = Math.min(c - 1, Math.max(plan.acceptFirst, Math.ceil((dm - f) / h)));
    plan.outFirst = d1;
    plan.outStep = d;
    plan.outCount = m;
    return true;
  }
  if (st.busy && st.waiting.size >= 1) {
    const m = countConstant(st.busyOrigin, st.busyIndex, s.consumer, endSec);
    const w0 = st.waiting.size;
    if (m > 0) {
      const d1 = st.nextDoneSec;
      const dm = st.busyOrigin + (st.busyIndex + m - 1) / s.consumer;
      // The queue must hold an event at every completion (its extremes are at the ends, +-1).
      if (w0 + arrivedBefore(d1, f, h, c) < 2 || w0 + arrivedBefore(dm, f, h, c) - (m - 1) < 2) return false;
    }
    const wEnd = w0 + c - m;
    const wMax = (w0 > wEnd ? w0 : wEnd) + 2;
    if (s.strategy !== "unbounded" && wMax >= s.capacity) return false;
    if (s.strategy === "watermark" && wMax >= s.high) return false;
    if (wMax + 1 > st.maxInStage) return false;
    plan.kind = KIND_SATURATED;
    plan.outFirst = st.nextDoneSec;
    plan.outStep = d;
    plan.outCount = m;
    return true;
  }
  if (c === 0) {
    if (st.busy && st.nextDoneSec < endSec) {
      plan.kind = KIND_IDLE_DONE;
      plan.outFirst = st.nextDoneSec;
      plan.outCount = 1;
    } else {
      plan.kind = KIND_IDLE;
    }
    return true;
  }
  // Keeping up: every arrival finds the server free (an arrival tied with a completion comes after it).
  return planKeepsUp(st, plan, f, h, c, d, endSec, KIND_KEEPS_UP);
}

/**
 * A stage keeping up with `c` arrivals `h` apart from `f` (service time `d`): each finds the
 * server free, so each leaves `d` after it came (`kind`: a queue's or a topic reader's plan).
 * False where that cannot be exact: arrivals closer than a service time, no room for one event,
 * or an event in service that is not the previous one of the same even stream.
 */
function planKeepsUp(
  st: Stage,
  plan: StagePlan,
  f: number,
  h: number,
  c: number,
  d: number,
  endSec: number,
  kind: number,
): boolean {
  if (h < d * (1 - TIE) || st.maxInStage < 1) return false;
  if (st.busy) {
    // Only the previous event of the same even stream may be in service: it leaves h before the next.
    const expected = f - h + d;
    if (Math.abs(st.nextDoneSec - expected) > TIE * Math.max(1, Math.abs(f))) return false;
    plan.finishesFirst = true;
  }
  const last = f + (c - 1) * h;
  const passing = last + d < endSec ? c : c - 1;
  plan.kind = kind;
  plan.outFirst = plan.finishesFirst ? st.nextDoneSec : f + d;
  plan.outCount = passing + (plan.finishesFirst ? 1 : 0);
  return true;
}

/** Moves every event of `from` to the tail of `to`, as runs (no closure per call). */
export function appendAll(from: RunQueue, to: RunQueue): void {
  appending.to = to;
  from.popFront(from.size, visitAppending);
  appending.to = null;
}

const appending = { to: null as RunQueue | null };

function visitAppending(start: number, step: number, count: number): void {
  appending.to!.push(start, step, count);
}

/**
 * Records the latencies of the events of `out` (emit times, oldest first) finishing at
 * `first + j x step`, as linear segments, and empties `out`.
 */
export function recordLatencies(ctx: RunContext, out: RunQueue, first: number, step: number): void {
  recording.ctx = ctx;
  recording.offset = 0;
  recording.first = first;
  recording.step = step;
  out.popFront(out.size, visitRecording);
  recording.ctx = null;
}

const recording = { ctx: null as RunContext | null, offset: 0, first: 0, step: 0 };

function visitRecording(start: number, emitStep: number, count: number): void {
  const r = recording;
  const firstLatency = r.first + r.offset * r.step - start;
  const lastLatency = r.first + (r.offset + count - 1) * r.step - (start + (count - 1) * emitStep);
  r.ctx!.recordLatency(count, firstLatency, lastLatency);
  r.offset += count;
}

/**
 * Arrivals of `c` instants `f + j x h` strictly before `t`, less one for rounding (a lower bound
 * used to keep a queue from emptying inside a stretch).
 */
export function arrivedBefore(t: number, f: number, h: number, c: number): number {
  return c === 0 || t <= f ? 0 : Math.max(0, Math.min(c, Math.ceil((t - f) / h)) - 1);
}
