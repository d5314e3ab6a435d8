/**
 * What the mechanism views share: the window the charts show (their zoom, or the whole run), the
 * width of the box they draw in, straight-line scales and SVG paths for a level trace and its
 * min-max band. Colours come from CSS classes (web/styles.css), so both themes apply.
 */
import { useCallback, useRef, useState } from "react";
import { useStore } from "zustand";
import { useApp, useRuntime } from "../../components/context";
import type { LevelTrace, ViewWindow } from "./viewWindow";

/** Space around a view's plot for its value and time labels, px. */
export const PLOT_MARGIN = { left: 46, right: 10, top: 12, bottom: 18 };

/**
 * The window every chart shows: the zoom's fine samples and events once they arrived, else the
 * run's samples over the zoom's window, or the whole run. Re-read whenever the zoom or the moment
 * shown changes (the moment moves as samples arrive).
 */
export function useViewWindow(): ViewWindow | null {
  const rt = useRuntime();
  const duration = useApp((s) => s.scenario.duration);
  const moment = useApp((s) => s.moment);
  const zoomWindow = useStore(rt.zoom, (s) => s.window);
  const fine = useStore(rt.zoom, (s) => s.fine);
  if (!moment) return null;
  const run = rt.series;
  const series = {
    length: run.length,
    sampleIntervalSec: run.sampleIntervalSec,
    startSec: 0,
    column: run.column.bind(run),
  };
  if (zoomWindow && fine && fine.window.fromSec === zoomWindow.fromSec && fine.window.toSec === zoomWindow.toSec) {
    return { fromSec: zoomWindow.fromSec, toSec: zoomWindow.toSec, series: fine, events: fine.events, run: series };
  }
  return {
    fromSec: zoomWindow?.fromSec ?? 0,
    toSec: zoomWindow?.toSec ?? duration,
    series,
    events: rt.events,
  };
}

/**
 * The content width of an element (give it one without padding), px, at least `minPx`, kept up to
 * date as it resizes: a callback ref, so an element that appears later is measured too.
 */
export function useWidth(minPx = 240): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(600);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const measure = () => setWidth(Math.max(minPx, Math.floor(el.clientWidth)));
      measure();
      if (typeof ResizeObserver !== "function") return;
      observer.current = new ResizeObserver(measure);
      observer.current.observe(el);
    },
    [minPx],
  );
  return [ref, width];
}

/** A straight-line map from [d0, d1] to [r0, r1] (a flat domain maps to r0). */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const k = d1 !== d0 ? (r1 - r0) / (d1 - d0) : 0;
  return (v) => r0 + (v - d0) * k;
}

/** An SVG path through a trace's values (`pick`), NaN values skipped. */
export function tracePath(
  t: LevelTrace,
  x: (sec: number) => number,
  y: (v: number) => number,
  pick: "value" | "min" | "max" = "value",
): string {
  let d = "";
  let pen = false;
  const ys = t[pick];
  for (let i = 0; i < t.timeSec.length; i++) {
    if (!Number.isFinite(ys[i])) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${x(t.timeSec[i]).toFixed(1)},${y(ys[i]).toFixed(1)}`;
    pen = true;
  }
  return d;
}

/** The closed area between a trace's least and greatest values. */
export function bandPath(t: LevelTrace, x: (sec: number) => number, y: (v: number) => number): string {
  // Only the points with a value (a zoom's fine samples past the run so far have none).
  const idx = t.timeSec.map((_, i) => i).filter((i) => Number.isFinite(t.min[i]) && Number.isFinite(t.max[i]));
  if (idx.length === 0) return "";
  let d = "";
  idx.forEach((i, k) => (d += `${k ? "L" : "M"}${x(t.timeSec[i]).toFixed(1)},${y(t.max[i]).toFixed(1)}`));
  for (let k = idx.length - 1; k >= 0; k--) d += `L${x(t.timeSec[idx[k]]).toFixed(1)},${y(t.min[idx[k]]).toFixed(1)}`;
  return `${d}Z`;
}

/** Ticks at event times across a strip [y0, y1] (one path, however many events). */
export function ticksPath(times: readonly number[], x: (sec: number) => number, y0: number, y1: number): string {
  return times.map((t) => `M${Math.round(x(t)) + 0.5},${y0}V${y1}`).join("");
}

/** A view's list of figures: the same facts as its accessible name, for everyone to read. */
export function FactList({ rows }: { rows: Array<{ label: string; value: string }> }) {
  return (
    <dl className="mech-facts">
      {rows.map((r) => (
        <div className="mech-fact" key={r.label}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
