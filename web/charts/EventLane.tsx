/**
 * The event lane: rows of state bands and event ticks along the same time axis as the charts,
 * with hover details. Its accessible name summarises what happened (the renderer keeps it
 * current), so the events are not only visual.
 */
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { useAppStore, useRuntime } from "../components/context";
import { EventLaneRenderer, laneHeight } from "./eventLaneRenderer";

/** The event lane chart. */
export function EventLane() {
  const rt = useRuntime();
  const store = useAppStore();
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const crossRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<EventLaneRenderer | null>(null);
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);

  useEffect(() => {
    const plot = plotRef.current!;
    const renderer = new EventLaneRenderer(
      { canvas: canvasRef.current!, svg: svgRef.current!, crosshair: crossRef.current!, plot },
      {
        series: rt.series,
        events: rt.events,
        durationSec: () => store.getState().scenario.duration,
        palette: () => rt.theme.palette,
        paletteVersion: () => rt.theme.version,
      },
    );
    rendererRef.current = renderer;
    const resize = () => {
      renderer.setSize(plot.clientWidth, window.devicePixelRatio || 1);
      rt.loop.invalidate();
    };
    resize();
    const observer = typeof ResizeObserver === "function" ? new ResizeObserver(resize) : null;
    observer?.observe(plot);
    const offLoop = rt.loop.add(() => renderer.draw());
    const offStore = store.subscribe((s, prev) => {
      if (s.scenario.duration !== prev.scenario.duration) rt.loop.invalidate();
    });
    const offTheme = rt.theme.subscribe(() => rt.loop.invalidate());
    const offCross = rt.crosshair.subscribe((s) => renderer.showCrosshair(s.timeSec));
    return () => {
      observer?.disconnect();
      offLoop();
      offStore();
      offTheme();
      offCross();
      rendererRef.current = null;
    };
  }, [rt, store]);

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = rendererRef.current;
    if (!r) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    const y = e.clientY - rect.top;
    rt.crosshair.setState({ timeSec: r.timeAt(x) });
    const text = r.describeAt(x, y);
    setTip(text ? { text, x, y } : null);
  };

  return (
    <figure className="chart" data-chart="events">
      <figcaption className="chart-head">
        <span className="chart-title">Events</span>
        <div className="legend lane-legend" aria-hidden="true">
          <span className="legend-item"><i className="swatch" style={{ "--swatch": "var(--c-paused)" } as CSSProperties} />paused</span>
          <span className="legend-item"><i className="swatch" style={{ "--swatch": "var(--c-blocked)" } as CSSProperties} />blocked</span>
          <span className="legend-item"><i className="swatch" style={{ "--swatch": "var(--c-dropped)" } as CSSProperties} />dropping</span>
          <span className="legend-item"><i className="swatch" style={{ "--swatch": "var(--c-oom)" } as CSSProperties} />down</span>
        </div>
      </figcaption>
      <div
        className="plot"
        ref={plotRef}
        role="img"
        aria-label="Event lane"
        style={{ height: laneHeight() }}
        onPointerMove={onPointerMove}
        onPointerLeave={() => {
          rt.crosshair.setState({ timeSec: null });
          setTip(null);
        }}
      >
        <canvas ref={canvasRef} aria-hidden="true" />
        <svg ref={svgRef} aria-hidden="true" focusable="false">
          <g className="rows" />
          <g className="x-axis" />
        </svg>
        <div className="crosshair" ref={crossRef} aria-hidden="true" />
        {tip && (
          <div className="tooltip" aria-hidden="true" style={{ left: tip.x, top: tip.y }}>
            {tip.text}
          </div>
        )}
      </div>
    </figure>
  );
}
