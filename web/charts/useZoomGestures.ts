/**
 * Zoom gestures on a time chart: drag across the plot to zoom every chart to that window;
 * Ctrl + wheel (a trackpad pinch sends it) zooms in and out around the pointer. The keyboard
 * and the buttons are in ZoomBar; the state is the page runtime's zoom store.
 */
import { useEffect, useRef, type PointerEvent, type RefObject } from "react";
import { useAppStore, useRuntime } from "../components/context";
import { MIN_ZOOM_SEC, clampWindow, scaleWindow } from "../runtime/zoomStore";
import { MARGIN } from "./timeAxis";

/** A drag shorter than this is a click, not a zoom, CSS px. */
export const MIN_DRAG_PX = 6;

/** What the gesture needs of a renderer: the time under a horizontal position. */
interface TimeAt {
  timeAt(offsetXPx: number): number | null;
}

/** Samples to ask for: about one per pixel of the plot. */
export function plotSamples(plot: HTMLElement | null): number {
  const w = plot ? plot.clientWidth - MARGIN.left - MARGIN.right : 1000;
  return Math.max(200, Math.min(4000, Math.round(w)));
}

/** Pointer handlers and the selection overlay of one chart's zoom gestures. */
export function useZoomGestures(plotRef: RefObject<HTMLDivElement | null>, rendererRef: RefObject<TimeAt | null>) {
  const rt = useRuntime();
  const store = useAppStore();
  const selectionRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ id: number; x0: number; x1: number } | null>(null);

  const x = (e: PointerEvent<HTMLDivElement>) => e.clientX - e.currentTarget.getBoundingClientRect().left;
  const show = () => {
    const el = selectionRef.current;
    const d = drag.current;
    if (!el) return;
    if (!d || Math.abs(d.x1 - d.x0) < MIN_DRAG_PX) {
      el.style.display = "none";
      return;
    }
    el.style.display = "block";
    el.style.left = `${Math.min(d.x0, d.x1)}px`;
    el.style.width = `${Math.abs(d.x1 - d.x0)}px`;
  };

  useEffect(() => {
    const plot = plotRef.current;
    if (!plot) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      const r = rendererRef.current;
      const t = r?.timeAt(e.clientX - plot.getBoundingClientRect().left);
      if (t === null || t === undefined) return;
      e.preventDefault();
      const duration = store.getState().scenario.duration;
      const w = rt.zoom.getState().window ?? { fromSec: 0, toSec: duration };
      const factor = Math.exp(Math.max(-1, Math.min(1, e.deltaY / 200)));
      rt.requestZoom(scaleWindow(w, factor, t, duration), plotSamples(plot));
    };
    plot.addEventListener("wheel", onWheel, { passive: false });
    return () => plot.removeEventListener("wheel", onWheel);
  }, [plotRef, rendererRef, rt, store]);

  return {
    selectionRef,
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      const t = rendererRef.current?.timeAt(x(e));
      if (e.button !== 0 || t === null || t === undefined) return;
      drag.current = { id: e.pointerId, x0: x(e), x1: x(e) };
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      const d = drag.current;
      if (!d || d.id !== e.pointerId) return;
      d.x1 = x(e);
      show();
    },
    onPointerUp: (e: PointerEvent<HTMLDivElement>) => {
      const d = drag.current;
      drag.current = null;
      show();
      if (!d || d.id !== e.pointerId || Math.abs(d.x1 - d.x0) < MIN_DRAG_PX) return;
      const r = rendererRef.current;
      const plot = e.currentTarget;
      const right = plot.clientWidth - MARGIN.right;
      const a = r?.timeAt(Math.max(MARGIN.left, Math.min(right, d.x0)));
      const b = r?.timeAt(Math.max(MARGIN.left, Math.min(right, d.x1)));
      if (a === null || a === undefined || b === null || b === undefined || Math.abs(b - a) < MIN_ZOOM_SEC / 10) return;
      rt.requestZoom(clampWindow(a, b, store.getState().scenario.duration), plotSamples(plot));
    },
    onPointerCancel: () => {
      drag.current = null;
      show();
    },
  };
}
