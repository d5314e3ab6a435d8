/**
 * A stable D/D/1 stretch in closed form: constant arrivals at `origin + k / lambda` into a
 * constant server of rate `mu` >= lambda, with nothing waiting. Each arrival finds the server
 * idle (or finishing the event it holds) and enters service at once, and its completion,
 * 1 / mu later, comes before the next arrival, so the queue never builds and the state repeats
 * exactly from one arrival to the next. The per-event path handles such a run one arrival and one
 * completion at a time (24 million steps for 120 s at 100,000 events/s); this counts them.
 *
 * The arrivals are placed with the kit's countConstant, the per-event path's own expression, so
 * the counts agree exactly; latencies and the time integral are recorded as linear runs (off from
 * the per-event path's sums in the last bits, as every stretch's are).
 */
import { countConstant } from "../../engine/stretchKit";

/** What a stable stretch did (filled by {@link stableStretch}; one object, reused). */
export interface StableStretch {
  /** Arrivals in the stretch (each entered service at once). */
  arrivals: number;
  /** Completions in the stretch (the event in service at the start included). */
  completions: number;
  /** Latency of the event in service at the start, s (NaN if none finished). */
  heldLatencySec: number;
  /** Arrivals that also finished in the stretch, and their first and last latency, s. */
  finished: number;
  firstLatencySec: number;
  lastLatencySec: number;
  /** Seconds the server was busy in the stretch (the integral of events in the system). */
  busySec: number;
  /** Whether the server is busy at the end, with the last arrival (emitted at `lastArrivalSec`). */
  busyAtEnd: boolean;
  lastArrivalSec: number;
  /** Completion time of the event in service at the end, s (Infinity when idle). */
  nextCompletionSec: number;
}

/** A fresh result object. */
export function newStableStretch(): StableStretch {
  return {
    arrivals: 0,
    completions: 0,
    heldLatencySec: NaN,
    finished: 0,
    firstLatencySec: NaN,
    lastLatencySec: NaN,
    busySec: 0,
    busyAtEnd: false,
    lastArrivalSec: NaN,
    nextCompletionSec: Infinity,
  };
}

/**
 * Whether arrivals `1 / lambda` apart, each served for `1 / mu`, finish before the next arrival
 * for certain up to `horizonSec`, rounding included: the gap between them must dwarf the
 * rounding of times that large (64 units in the last place). A server exactly as fast as the
 * producer ties every completion with the next arrival, and which comes first is decided by
 * rounding; that run stays on the per-event path.
 */
export function stableGapHolds(lambda: number, mu: number, horizonSec: number): boolean {
  const gapSec = 1 / lambda - 1 / mu;
  return gapSec > 64 * Number.EPSILON * Math.max(1, Math.abs(horizonSec));
}

/**
 * The stretch [nowSec, endSec): arrivals `origin + k / lambda` for k >= `index` (the first due at
 * `nextTickSec`), each served for 1 / mu from its arrival; the server busy until
 * `completionSec` with an event emitted at `heldEmitSec`, or idle (`completionSec` Infinity).
 * The caller has checked {@link stableGapHolds} and that `completionSec` <= `nextTickSec`.
 */
export function stableStretch(
  out: StableStretch,
  origin: number,
  index: number,
  nextTickSec: number,
  lambda: number,
  mu: number,
  completionSec: number,
  heldEmitSec: number,
  nowSec: number,
  endSec: number,
): StableStretch {
  const n = countConstant(origin, index, lambda, endSec);
  out.arrivals = n;
  let completions = 0;
  let busySec = 0;
  out.heldLatencySec = NaN;
  if (completionSec < endSec) {
    completions++;
    out.heldLatencySec = completionSec - heldEmitSec;
    busySec += completionSec - nowSec;
  } else if (Number.isFinite(completionSec)) {
    busySec += endSec - nowSec;
  }
  out.finished = 0;
  out.firstLatencySec = NaN;
  out.lastLatencySec = NaN;
  out.busyAtEnd = false;
  out.lastArrivalSec = NaN;
  out.nextCompletionSec = n > 0 ? Infinity : completionSec < endSec ? Infinity : completionSec;
  if (n > 0) {
    // The same expressions as the per-event path: the tick at origin + k / lambda, its
    // completion at that instant + 1 / mu.
    const first = nextTickSec;
    const firstDone = first + 1 / mu;
    const last = origin + (index + n - 1) / lambda;
    const lastDone = last + 1 / mu;
    // Every arrival but the last finishes before the next one, so inside the stretch.
    const finished = lastDone < endSec ? n : n - 1;
    out.finished = finished;
    if (finished > 0) {
      const prevLast = finished === n ? last : origin + (index + n - 2) / lambda;
      out.firstLatencySec = firstDone - first;
      out.lastLatencySec = prevLast + 1 / mu - prevLast;
    }
    completions += finished;
    busySec += finished / mu;
    if (finished < n) busySec += endSec - last;
    out.busyAtEnd = finished < n;
    out.lastArrivalSec = last;
    out.nextCompletionSec = finished < n ? lastDone : Infinity;
  }
  out.completions = completions;
  out.busySec = busySec;
  return out;
}
