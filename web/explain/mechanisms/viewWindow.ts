/**
 * What a mechanism view reads: the samples and events of the window the charts show (their zoom,
 * with the zoom's fine samples once they arrived; the whole run otherwise), and a few helpers to
 * walk them. Pure: views and unit tests build it from the page's stores or from a simulation.
 */
import { EVENT_KINDS, type EventKind, type SampleColumn } from "../../../src-sim/engine/types";
import type { MomentSource } from "../../charts/momentMarks";

/** Samples whose sample i is at `startSec + i x sampleIntervalSec` (the run's start at 0). */
export interface WindowSeries {
  readonly length: number;
  readonly sampleIntervalSec: number;
  readonly startSec: number;
  column(name: SampleColumn): Float64Array;
}

/** The window a view draws: its time span, its samples and its events. */
export interface ViewWindow {
  fromSec: number;
  toSec: number;
  series: WindowSeries;
  events: MomentSource;
  /**
   * The run's own samples, for the signal counters a zoom's fine samples do not carry (the engine
   * counts pauses and resumes per run sample); absent: `series`.
   */
  run?: WindowSeries;
}

/** A column's value at the sample at or before `timeSec`: from `series`, else the run's samples (NaN if neither). */
export function valueNear(w: ViewWindow, name: SampleColumn, timeSec: number): number {
  for (const series of [w.series, w.run]) {
    if (!series) continue;
    const i = sampleAtOrBefore(series, timeSec);
    if (i >= 0 && Number.isFinite(series.column(name)[i])) return series.column(name)[i];
  }
  return NaN;
}

/**
 * How many things a cumulative counter counted over the window: from `series`; where it lacks the
 * counter (a zoom's fine samples), the `logged` events in the window, or the run's own counter
 * over the same window when that is more (the log keeps a sample of a frequent kind).
 */
export function counted(w: ViewWindow, name: SampleColumn, logged: number): number {
  const grew = (series: WindowSeries): number | null => {
    const { first, end } = sampleRange(series, w.fromSec, w.toSec);
    const col = series.column(name);
    return end > first && Number.isFinite(col[first]) ? growthIn(col, first, end) : null;
  };
  const own = grew(w.series);
  if (own !== null) return own;
  return Math.max(logged, (w.run && grew(w.run)) ?? 0);
}

/** Sample indices [first, end) of `series` inside [fromSec, toSec]. */
export function sampleRange(series: WindowSeries, fromSec: number, toSec: number): { first: number; end: number } {
  const dt = series.sampleIntervalSec;
  const first = Math.max(0, Math.ceil((fromSec - series.startSec) / dt - 1e-9));
  const end = Math.min(series.length, Math.floor((toSec - series.startSec) / dt + 1e-9) + 1);
  return { first, end: Math.max(first, end) };
}

/**
 * How much a cumulative column grew over samples [first, end): from the first sample to the last
 * one with a value (a zoom's fine samples past the run so far are NaN).
 */
export function growthIn(col: Float64Array, first: number, end: number): number {
  let last = end - 1;
  while (last > first && !Number.isFinite(col[last])) last--;
  return last > first && Number.isFinite(col[first]) ? col[last] - col[first] : 0;
}

/** Time of sample `i`, s. */
export function sampleTime(series: WindowSeries, i: number): number {
  return series.startSec + i * series.sampleIntervalSec;
}

/** Index of the sample at or before `timeSec` (clamped to the samples; -1 when none). */
export function sampleAtOrBefore(series: WindowSeries, timeSec: number): number {
  if (series.length === 0) return -1;
  const i = Math.floor((timeSec - series.startSec) / series.sampleIntervalSec + 1e-9);
  return Math.min(series.length - 1, Math.max(0, i));
}

/** One logged event. */
export interface WindowEvent {
  timeSec: number;
  value: number;
}

/** The events of `kind` inside [fromSec, toSec], in time order. */
export function eventsIn(events: MomentSource, kind: EventKind, fromSec: number, toSec: number): WindowEvent[] {
  const k = EVENT_KINDS.indexOf(kind);
  const out: WindowEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    if (events.kind[i] !== k) continue;
    const t = events.timeSec[i];
    if (t >= fromSec && t <= toSec) out.push({ timeSec: t, value: events.value[i] });
  }
  // The log is nearly, not exactly, in time order (web/runtime/eventStore.ts).
  return out.sort((a, b) => a.timeSec - b.timeSec);
}

/** A level column drawn over a window: per bucket its first time, last value, least and greatest. */
export interface LevelTrace {
  timeSec: number[];
  value: number[];
  min: number[];
  max: number[];
}

/**
 * A level column over [first, end), bucketed to at most `maxPoints` points: each keeps the bucket's
 * last value and the least and greatest of its envelope columns (`min`, `max`; the value itself
 * where the column has none), so a cycle faster than a bucket still shows as a band.
 */
export function levelTrace(
  series: WindowSeries,
  first: number,
  end: number,
  value: (i: number) => number,
  min: (i: number) => number = value,
  max: (i: number) => number = value,
  maxPoints = 480,
): LevelTrace {
  const out: LevelTrace = { timeSec: [], value: [], min: [], max: [] };
  const n = end - first;
  if (n <= 0) return out;
  const per = Math.max(1, Math.ceil(n / maxPoints));
  for (let b = first; b < end; b += per) {
    const stop = Math.min(end, b + per);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = b; i < stop; i++) {
      // NaN (a fine sample past the run so far) is no value: skipped.
      if (min(i) < lo) lo = min(i);
      if (max(i) > hi) hi = max(i);
    }
    out.timeSec.push(sampleTime(series, stop - 1));
    out.value.push(value(stop - 1));
    out.min.push(hi >= lo ? lo : NaN);
    out.max.push(hi >= lo ? hi : NaN);
  }
  return out;
}

/** The longest run of evenly spaced times: gaps over three times the median one split it (a thinned log). */
export function evenRun(times: readonly number[]): number[] {
  if (times.length < 3) return [...times];
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let i = 0; i <= gaps.length; i++) {
    if (i === gaps.length || gaps[i] > 3 * median) {
      if (i - start > best[1] - best[0]) best = [start, i];
      start = i + 1;
    }
  }
  return times.slice(best[0], best[1] + 1);
}
