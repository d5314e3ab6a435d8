/**
 * The zoom's controls and state, above the charts: when zoomed, the window shown ("Zoomed to
 * 12.30 s – 12.80 s"), buttons to zoom in, out, move earlier or later, and back to the whole
 * run; otherwise a button that zooms to one second at the moment shown. Keys: Escape for the
 * whole run, + and - to zoom in and out (around the window's middle, or the moment shown).
 */
import { useEffect } from "react";
import { useStore } from "zustand";
import { plotSamples } from "../charts/useZoomGestures";
import { clampWindow, panWindow, scaleWindow, type ZoomWindow } from "../runtime/zoomStore";
import { keyBelongsToTarget } from "./useKeyboardShortcuts";
import { useAppStore, useRuntime } from "./context";

/** Width of the window the "Zoom to 1 s" button opens, s. */
export const FIRST_ZOOM_SEC = 1;

/** "12.30 s – 12.80 s (500 ms)": a window with as many decimals as its width needs. */
export function windowText(w: ZoomWindow): string {
  const span = w.toSec - w.fromSec;
  const decimals = Math.max(2, Math.min(6, 1 - Math.floor(Math.log10(span))));
  const width = span >= 1 ? `${Number(span.toPrecision(3))} s` : `${Number((span * 1000).toPrecision(3))} ms`;
  return `${w.fromSec.toFixed(decimals)} s – ${w.toSec.toFixed(decimals)} s (${width})`;
}

/**
 * The zoom bar. `fineSamples` false (a comparison) zooms into the samples the page holds, so no
 * "simulating…" waits for a finer reading.
 */
export function ZoomBar({ fineSamples = true }: { fineSamples?: boolean }) {
  const rt = useRuntime();
  const store = useAppStore();
  const window_ = useStore(rt.zoom, (s) => s.window);
  const loaded = useStore(rt.zoom, (s) => s.fine !== null) || !fineSamples;

  const samples = () => plotSamples(document.querySelector<HTMLElement>(".chart .plot"));
  const duration = () => store.getState().scenario.duration;
  const around = () => {
    const w = rt.zoom.getState().window;
    return w ? (w.fromSec + w.toSec) / 2 : store.getState().timeSec;
  };
  const go = (w: ZoomWindow | null) => rt.requestZoom(w, samples());
  const zoomBy = (factor: number) => {
    const w = rt.zoom.getState().window;
    if (w) go(scaleWindow(w, factor, around(), duration()));
    else if (factor < 1) zoomFirst();
  };
  const zoomFirst = () => {
    const t = store.getState().timeSec;
    go(clampWindow(t - FIRST_ZOOM_SEC / 2, t + FIRST_ZOOM_SEC / 2, duration()));
  };
  const pan = (fraction: number) => {
    const w = rt.zoom.getState().window;
    if (w) go(panWindow(w, fraction, duration()));
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (keyBelongsToTarget(e.target, e.key)) return;
      if (e.key === "Escape" && rt.zoom.getState().window) go(null);
      else if (e.key === "+" || e.key === "=") zoomBy(0.5);
      else if (e.key === "-" || e.key === "_") zoomBy(2);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (!window_) {
    return (
      <div className="zoom-bar" data-zoomed="false">
        <span className="zoom-hint">Drag across a chart to zoom into time (Ctrl + wheel or + and − keys too).</span>
        <button type="button" className="btn btn-small" onClick={zoomFirst} aria-keyshortcuts="+">
          Zoom to 1 s here
        </button>
      </div>
    );
  }
  return (
    <div className="zoom-bar" data-zoomed="true">
      <span className="zoom-state" role="status">
        Zoomed to {windowText(window_)}
        {loaded ? "" : " – simulating…"}
      </span>
      <span className="zoom-buttons">
        <button type="button" className="btn btn-small" onClick={() => pan(-0.5)} aria-label="Earlier">
          ←
        </button>
        <button type="button" className="btn btn-small" onClick={() => pan(0.5)} aria-label="Later">
          →
        </button>
        <button type="button" className="btn btn-small" onClick={() => zoomBy(0.5)} aria-keyshortcuts="+">
          Zoom in
        </button>
        <button type="button" className="btn btn-small" onClick={() => zoomBy(2)} aria-keyshortcuts="-">
          Zoom out
        </button>
        <button type="button" className="btn btn-small zoom-reset" onClick={() => go(null)} aria-keyshortcuts="Escape">
          Whole run
        </button>
      </span>
    </div>
  );
}
