/**
 * The event lane: rows of state bands and event ticks along the same time axis as the charts,
 * with hover details. Its accessible name summarises what happened (the renderer keeps it
 * current), so the events are not only visual.
 */
import { useRef, useState, type CSSProperties, type PointerEvent } from "react";
import { useAppStore, useRuntime } from "../components/context";
import { EventLaneRenderer, laneHeight } from "./eventLaneRenderer";
import { useChartRenderer } from "./useChartRenderer";

const LEGEND: ReadonlyArray<[string, string]> = [
  ["paused", "--c-paused"],
  ["blocked", "--c-blocked"],
  ["dropping", "--c-dropped"],
  ["down", "--c-oom"],
];

/** The event lane chart. */
export function EventLane() {
  const rt = useRuntime();
  const store = useAppStore();
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const crossRef = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);
  const wiring = useChartRenderer(
    plotRef,
    () =>
      new EventLaneRenderer(
        { canvas: canvasRef.current!, svg: svgRef.current!, crosshair: crossRef.current!, plot: plotRef.current! },
        {
          series: rt.series,
          events: rt.events,
          durationSec: () => store.getState().scenario.duration,
          palette: () => rt.theme.palette,
          zoom: () => rt.zoom.getState(),
          paletteVersion: () => rt.theme.version,
        },
      ),
    (s, prev) => s.scenario.duration !== prev.scenario.duration,
    [],
  );

  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    wiring.onPointerMove(e);
    const r = wiring.rendererRef.current;
    if (!r) return;
    const { x, y } = wiring.offset(e);
    const text = r.describeAt(x, y);
    setTip(text ? { text, x, y } : null);
  };

  return (
    <figure className="chart" data-chart="events">
      <figcaption className="chart-head">
        <span className="chart-title">Events</span>
        <div className="legend lane-legend" aria-hidden="true">
          {LEGEND.map(([label, color]) => (
            <span key={label} className="legend-item">
              <i className="swatch" style={{ "--swatch": `var(${color})` } as CSSProperties} />
              {label}
            </span>
          ))}
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
          wiring.onPointerLeave();
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
