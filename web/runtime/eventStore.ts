/**
 * The event log on the page, in columns (times, kinds, values), outside React. The engine logs
 * in order of discovery, which is nearly but not exactly time order (a drop burst's end is
 * logged at the sample after it), so look-ups by time search a little around the hit.
 */
import { EVENT_KINDS, type EventKind } from "../../src-sim/engine/types";
import type { EventColumns } from "../../src-sim/worker/protocol";

/** One event, decoded. */
export interface LoggedEvent {
  index: number;
  timeSec: number;
  kind: EventKind;
  value: number;
}

/** The run's events so far. */
export class EventStore {
  /** Event times, s (first `length` entries valid). */
  timeSec = new Float64Array(256);
  /** Index into EVENT_KINDS of each event. */
  kind = new Uint8Array(256);
  /** Kind-dependent value of each event. */
  value = new Float64Array(256);
  private rows = 0;
  private ver = 0;
  /** Index of the first event of each kind, or -1; kept up to date on apply. */
  private firsts = new Int32Array(EVENT_KINDS.length).fill(-1);
  /** Events of each kind stored. */
  private counts = new Int32Array(EVENT_KINDS.length);

  /** Events stored. */
  get length(): number {
    return this.rows;
  }

  /** Increases whenever the stored events change. */
  get version(): number {
    return this.ver;
  }

  /** Keeps events [0, start), then appends `events`. */
  apply(start: number, events: EventColumns): void {
    const keep = Math.min(this.rows, Math.max(0, start));
    if (keep === this.rows && events.count === 0) return;
    const needed = keep + events.count;
    for (let i = keep; i < this.rows; i++) this.counts[this.kind[i]]--;
    if (needed > this.timeSec.length) {
      const size = Math.max(needed, this.timeSec.length * 2);
      this.timeSec = grow(this.timeSec, new Float64Array(size), keep);
      this.kind = grow(this.kind, new Uint8Array(size), keep);
      this.value = grow(this.value, new Float64Array(size), keep);
    }
    this.timeSec.set(events.timeSec.subarray(0, events.count), keep);
    this.kind.set(events.kind.subarray(0, events.count), keep);
    this.value.set(events.value.subarray(0, events.count), keep);
    for (let k = 0; k < this.firsts.length; k++) if (this.firsts[k] >= keep) this.firsts[k] = -1;
    for (let i = keep; i < needed; i++) {
      const k = this.kind[i];
      this.counts[k]++;
      if (this.firsts[k] < 0) this.firsts[k] = i;
    }
    this.rows = needed;
    this.ver++;
  }

  /** Forgets every event. */
  clear(): void {
    this.rows = 0;
    this.firsts.fill(-1);
    this.counts.fill(0);
    this.ver++;
  }

  /** The event at index `i`. */
  get(i: number): LoggedEvent {
    return { index: i, timeSec: this.timeSec[i], kind: EVENT_KINDS[this.kind[i]], value: this.value[i] };
  }

  /** Index of the first event of a kind, or -1. */
  firstOf(kind: EventKind): number {
    return this.firsts[EVENT_KINDS.indexOf(kind)];
  }

  /** Number of stored events of a kind. */
  count(kind: EventKind): number {
    return this.counts[EVENT_KINDS.indexOf(kind)];
  }

  /**
   * The event nearest to `timeSec` within `toleranceSec` whose kind passes `accept`, or null.
   * `slackSec` covers the log's small departures from time order.
   */
  nearest(
    timeSec: number,
    toleranceSec: number,
    accept: (kind: EventKind) => boolean,
    slackSec = 1,
  ): LoggedEvent | null {
    const lo = lowerBound(this.timeSec, this.rows, timeSec - toleranceSec - slackSec);
    let best = -1;
    let bestDist = toleranceSec;
    for (let i = lo; i < this.rows; i++) {
      const t = this.timeSec[i];
      if (t > timeSec + toleranceSec + slackSec) break;
      const d = Math.abs(t - timeSec);
      if (d <= bestDist && accept(EVENT_KINDS[this.kind[i]])) {
        best = i;
        bestDist = d;
      }
    }
    return best >= 0 ? this.get(best) : null;
  }
}

function grow<T extends Float64Array | Uint8Array>(from: T, to: T, keep: number): T {
  to.set(from.subarray(0, keep) as never);
  return to;
}

/** First index in sorted-ish `times[0..n)` whose value is >= `t` (binary search). */
export function lowerBound(times: ArrayLike<number>, n: number, t: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
