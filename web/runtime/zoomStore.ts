/**
 * The zoom: the window of simulated time every chart shows, or null for the whole run, and the
 * window's fine samples and events once the worker has answered (see src-sim/worker/zoom.ts).
 * Like the crosshair it lives outside React in a small store; charts read it when they draw.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { SampleColumn } from "../../src-sim/engine/types";
import type { LadderTrace } from "../../src-sim/models/tcp/ladder";
import type { EventColumns } from "../../src-sim/worker/protocol";
import { EventStore } from "./eventStore";

/** A window of simulated time, s. */
export interface ZoomWindow {
  fromSec: number;
  toSec: number;
}

/** Narrowest window the zoom goes to, s (a few milliseconds). */
export const MIN_ZOOM_SEC = 0.002;

/** The fine samples of a window: a series view whose sample i is at `startSec + i x interval`. */
export class FineSeries {
  constructor(
    readonly window: ZoomWindow,
    readonly startSec: number,
    readonly sampleIntervalSec: number,
    readonly length: number,
    private readonly columns: Record<SampleColumn, Float64Array>,
    /** The events inside the window. */
    readonly events: EventStore,
    /** Under TCP, the window's segments and ACKs (the first few hundred; null for other models). */
    readonly ladder: LadderTrace | null = null,
  ) {}

  /** One column's values. */
  column(name: SampleColumn): Float64Array {
    return this.columns[name];
  }

  /** Index of the fine sample at or nearest `timeSec` (-1 when empty). */
  indexAt(timeSec: number): number {
    if (this.length === 0) return -1;
    const i = Math.round((timeSec - this.startSec) / this.sampleIntervalSec);
    return Math.min(this.length - 1, Math.max(0, i));
  }
}

/** Builds the fine series of a worker's answer. */
export function fineSeriesOf(
  window: ZoomWindow,
  startSec: number,
  intervalSec: number,
  count: number,
  columns: Record<SampleColumn, Float64Array>,
  events: EventColumns,
  ladder: LadderTrace | null = null,
): FineSeries {
  const store = new EventStore();
  store.apply(0, events);
  return new FineSeries(window, startSec, intervalSec, count, columns, store, ladder);
}

/** Zoom state. */
export interface ZoomState {
  /** The window shown, or null for the whole run. */
  window: ZoomWindow | null;
  /** The window's fine samples, once they arrived (null until then: charts show the run's). */
  fine: FineSeries | null;
  /** Increases on every change (charts compare it). */
  version: number;
}

/** The zoom store type. */
export type ZoomStore = StoreApi<ZoomState>;

/** Creates a zoom store (one per page). */
export function createZoomStore(): ZoomStore {
  return createStore<ZoomState>()(() => ({ window: null, fine: null, version: 0 }));
}

/**
 * A window kept inside [0, duration] and at least {@link MIN_ZOOM_SEC} wide; null when it would
 * cover the whole run (or the input is not a window).
 */
export function clampWindow(fromSec: number, toSec: number, durationSec: number): ZoomWindow | null {
  if (!Number.isFinite(fromSec) || !Number.isFinite(toSec) || !(durationSec > 0)) return null;
  let a = Math.min(fromSec, toSec);
  let b = Math.max(fromSec, toSec);
  if (b - a < MIN_ZOOM_SEC) {
    const mid = (a + b) / 2;
    a = mid - MIN_ZOOM_SEC / 2;
    b = mid + MIN_ZOOM_SEC / 2;
  }
  if (a < 0) [a, b] = [0, b - a];
  if (b > durationSec) [a, b] = [Math.max(0, a - (b - durationSec)), durationSec];
  if (a <= 0 && b >= durationSec) return null;
  return { fromSec: a, toSec: b };
}

/** The window `factor` times as wide around `centerSec` (factor < 1 zooms in). */
export function scaleWindow(w: ZoomWindow, factor: number, centerSec: number, durationSec: number): ZoomWindow | null {
  const c = Math.min(w.toSec, Math.max(w.fromSec, centerSec));
  return clampWindow(c - (c - w.fromSec) * factor, c + (w.toSec - c) * factor, durationSec);
}

/** The window moved by `fraction` of its width (negative: earlier). */
export function panWindow(w: ZoomWindow, fraction: number, durationSec: number): ZoomWindow | null {
  const span = w.toSec - w.fromSec;
  let from = w.fromSec + span * fraction;
  from = Math.max(0, Math.min(durationSec - span, from));
  return clampWindow(from, from + span, durationSec);
}

/** Rounds a window's ends for a link: to the microsecond, without trailing zeros. */
function linkNumber(sec: number, digits: number): string {
  return String(Number(sec.toFixed(digits)));
}

/**
 * The `zoom=` view key's value for a window: "FROM:TO" in seconds, each end rounded to within a
 * thousandth of the window's span (a fraction of a pixel on any chart), so a dragged window's
 * link carries no microsecond digits: 29.512:30.488, not 29.512346:30.487654.
 */
export function zoomValue(w: ZoomWindow): string {
  const span = w.toSec - w.fromSec;
  // Rounding moves an end by half a step at most: a step of 2 x span / 1000 keeps it within span / 1000.
  const digits = span > 0 ? Math.min(6, Math.max(0, Math.ceil(-Math.log10((2 * span) / 1000)))) : 6;
  return `${linkNumber(w.fromSec, digits)}:${linkNumber(w.toSec, digits)}`;
}

/** Reads a `zoom=FROM:TO` value; null when it is not two numbers. */
export function parseZoomValue(value: string | undefined): ZoomWindow | null {
  if (value === undefined) return null;
  const m = /^\s*([0-9.eE+-]+)\s*:\s*([0-9.eE+-]+)\s*$/.exec(value);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a < 0 || b <= a) return null;
  return { fromSec: a, toSec: b };
}

/** The `zoom=` key of the window shown ({} when not zoomed), for links. */
export function zoomViewKeys(state: ZoomState): Record<string, string> {
  return state.window ? { zoom: zoomValue(state.window) } : {};
}

/** The zoom as view keys that change while the page is open (for the address bar). */
export function zoomLinkView(zoom: ZoomStore): {
  get(): Record<string, string>;
  subscribe(fn: () => void): () => void;
} {
  return {
    get: () => zoomViewKeys(zoom.getState()),
    subscribe: (fn) =>
      zoom.subscribe((s, prev) => {
        if (s.window !== prev.window) fn();
      }),
  };
}
