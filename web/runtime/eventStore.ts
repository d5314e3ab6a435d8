/**
 * The event log on the page, in columns (times, kinds, values), outside React. The engine logs
 * in order of discovery, which is nearly but not exactly time order (a drop burst's end is
 * logged at the sample after it), so look-ups by time search a little around the hit.
 *
 * Bounded like the engine's log, by the same rule (src-sim/engine/eventLog.ts): per kind the
 * first KEEP_PER_KIND entries and the latest ones. The worker sends each frame's new entries
 * and the exact count of every kind so far, so the lane can say how many it does not draw.
 */
import { RetainedEvents } from "../../src-sim/engine/eventLog";
import { EVENT_KINDS, type EventKind } from "../../src-sim/engine/types";
import type { EventColumns } from "../../src-sim/worker/protocol";

/** One event, decoded. */
export interface LoggedEvent {
  index: number;
  timeSec: number;
  kind: EventKind;
  value: number;
}

/** The run's events so far (the latest and first of each kind; see the file comment). */
export class EventStore {
  private store = new RetainedEvents();
  private received = 0;
  private ver = 0;
  /** Index of the first event of each kind, or -1; recomputed when the store changes. */
  private firsts = new Int32Array(EVENT_KINDS.length).fill(-1);
  /** Events of each kind in the run so far, as the worker counted them (NaN: not told). */
  private totals = new Float64Array(EVENT_KINDS.length).fill(NaN);

  /** Event times, s (first `length` entries valid). */
  get timeSec(): Float64Array {
    return this.store.timeSec;
  }

  /** Index into EVENT_KINDS of each event. */
  get kind(): Uint8Array {
    return this.store.kind;
  }

  /** Kind-dependent value of each event. */
  get value(): Float64Array {
    return this.store.value;
  }

  /** Events stored. */
  get length(): number {
    return this.store.length;
  }

  /** Increases whenever the stored events change. */
  get version(): number {
    return this.ver;
  }

  /**
   * Takes a frame's events: `start` 0 means "these replace everything" (a new run, or a seek
   * back), anything else "these follow what you have". `totals` are the run's counts per kind
   * (indexed like EVENT_KINDS), when the worker sends them.
   */
  apply(start: number, events: EventColumns, totals?: ArrayLike<number>): void {
    if (totals) for (let k = 0; k < this.totals.length; k++) this.totals[k] = totals[k] ?? NaN;
    if (start > 0 && events.count === 0) {
      if (totals) this.ver++;
      return;
    }
    if (start <= 0) {
      this.store.clear();
      this.received = 0;
    }
    for (let i = 0; i < events.count; i++) {
      this.store.push(this.received++, events.timeSec[i], events.kind[i], events.value[i]);
    }
    this.firsts.fill(-1);
    for (let i = this.store.length - 1; i >= 0; i--) this.firsts[this.store.kind[i]] = i;
    this.ver++;
  }

  /** Forgets every event. */
  clear(): void {
    this.store.clear();
    this.received = 0;
    this.firsts.fill(-1);
    this.totals.fill(NaN);
    this.ver++;
  }

  /** The event at index `i`. */
  get(i: number): LoggedEvent {
    const s = this.store;
    return { index: i, timeSec: s.timeSec[i], kind: EVENT_KINDS[s.kind[i]], value: s.value[i] };
  }

  /** Index of the first event of a kind, or -1. */
  firstOf(kind: EventKind): number {
    return this.firsts[EVENT_KINDS.indexOf(kind)];
  }

  /** Number of events of a kind in the run so far (exact, whether stored here or not). */
  count(kind: EventKind): number {
    const k = EVENT_KINDS.indexOf(kind);
    const total = this.totals[k];
    return Number.isNaN(total) ? this.store.heldOf(k) + this.store.removedOf(k) : total;
  }

  /** Number of events of a kind in the run so far that are not stored here (so not drawn). */
  notStored(kind: EventKind): number {
    return Math.max(0, this.count(kind) - this.store.heldOf(EVENT_KINDS.indexOf(kind)));
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
    const n = this.store.length;
    const times = this.store.timeSec;
    const lo = lowerBound(times, n, timeSec - toleranceSec - slackSec);
    let best = -1;
    let bestDist = toleranceSec;
    for (let i = lo; i < n; i++) {
      const t = times[i];
      if (t > timeSec + toleranceSec + slackSec) break;
      const d = Math.abs(t - timeSec);
      if (d <= bestDist && accept(EVENT_KINDS[this.store.kind[i]])) {
        best = i;
        bestDist = d;
      }
    }
    return best >= 0 ? this.get(best) : null;
  }
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
