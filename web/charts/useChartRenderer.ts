/**
 * The wiring every chart shares: create its renderer once the DOM exists, size it to its plot
 * (ResizeObserver), register its draw with the render loop, ask for a frame when the store or the
 * theme changes something it shows, and follow the shared crosshair. Returns the renderer (for
 * pointer handlers) and an onPointerMove/onPointerLeave pair that sets the crosshair.
 */
import { useEffect, useRef, type PointerEvent, type RefObject } from "react";
import { useAppStore, useRuntime } from "../components/context";
import { useReportError } from "../components/ErrorBoundary";
import type { AppState } from "../store/appStore";
import type { WiredRenderer } from "./wiredRenderer";

/** Wires a renderer to the page; `shows` says which store changes it must redraw for. */
export function useChartRenderer<R extends WiredRenderer>(
  plotRef: RefObject<HTMLDivElement | null>,
  create: () => R,
  shows: (state: AppState, prev: AppState) => boolean,
  deps: readonly unknown[],
) {
  const rt = useRuntime();
  const store = useAppStore();
  const rendererRef = useRef<R | null>(null);
  const report = useReportError();

  useEffect(() => {
    // Drawing runs in the shared animation-frame loop, outside React: a renderer that throws
    // there is handed to this chart's error boundary instead of stopping every chart's drawing.
    let failed = false;
    const guard =
      <A extends unknown[], T>(fn: (...args: A) => T, fallback: T) =>
      (...args: A): T => {
        if (failed) return fallback;
        try {
          return fn(...args);
        } catch (error) {
          failed = true;
          report(error);
          return fallback;
        }
      };
    const plot = plotRef.current!;
    const renderer = create();
    rendererRef.current = renderer;
    const resize = guard(() => {
      renderer.setSize(plot.clientWidth, window.devicePixelRatio || 1);
      rt.loop.invalidate();
    }, undefined);
    resize();
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(resize) : null;
    observer?.observe(plot);
    const offs = [
      rt.loop.add(guard(() => renderer.draw(), false)),
      store.subscribe((s, prev) => {
        if (shows(s, prev)) rt.loop.invalidate();
      }),
      rt.theme.subscribe(() => rt.loop.invalidate()),
      rt.crosshair.subscribe(guard((s: { timeSec: number | null }) => renderer.showCrosshair(s.timeSec), undefined)),
    ];
    return () => {
      observer?.disconnect();
      offs.forEach((off) => off());
      rendererRef.current = null;
    };
    // `create` and `shows` are read once per mount; `deps` (the caller's) says when to rebuild.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the dependencies are the caller's, by design
  }, [rt, store, report, ...deps]);

  /** Offset of a pointer event within the plot, CSS px. */
  const offset = (e: PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  return {
    rendererRef,
    offset,
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      const r = rendererRef.current;
      if (r) rt.crosshair.setState({ timeSec: r.timeAt(offset(e).x) });
    },
    onPointerLeave: () => rt.crosshair.setState({ timeSec: null }),
  };
}
