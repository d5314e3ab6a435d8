/**
 * The event lane: rows of state bands and event ticks along the same time axis as the charts,
 * with hover details, and a legend of every mark the strategy in force can produce whose
 * explanations open from the keyboard. Its accessible name summarises what happened (the
 * renderer keeps it current), so the events are not only visual.
 */
import { useRef, useState, type CSSProperties, type PointerEvent } from "react";
import type { EventKind } from "../../src-sim/engine/types";
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { useApp, useAppStore, useRuntime } from "../components/context";
import { EVENT_EXPLANATIONS, EVENT_NAMES } from "../content/eventText";
import { KIND_COLOR } from "./eventLane";
import { EventLaneRenderer, laneHeight } from "./eventLaneRenderer";
import { useChartRenderer } from "./useChartRenderer";

/** The state bands' legend. */
const LEGEND: ReadonlyArray<[string, string]> = [
  ["paused", "--c-paused"],
  ["blocked", "--c-blocked"],
  ["dropping", "--c-dropped"],
  ["down", "--c-oom"],
];

/**
 * The marks the strategy in force can produce (the strategy table's `eventKinds`), each with its
 * colour and, in a disclosure under the lane, what it means: the explanations are reachable from
 * the keyboard, not only by hovering a mark.
 */
function MarkLegend({ kinds }: { kinds: readonly EventKind[] }) {
  return (
    <details className="lane-help">
      <summary>What the marks mean</summary>
      <dl>
        {kinds.map((k) => (
          <div key={k} className="lane-help-row" data-kind={k}>
            <dt>
              <i className="swatch tick" style={{ "--swatch": `var(--${KIND_COLOR[k]})` } as CSSProperties} />
              {EVENT_NAMES[k]}
            </dt>
            <dd>{EVENT_EXPLANATIONS[k]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

/** The event lane chart. */
export function EventLane() {
  const rt = useRuntime();
  const kinds = useApp((s) => STRATEGY_TABLE[s.scenario.strategy].eventKinds);
  const store = useAppStore();
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const crossRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLSpanElement>(null);
  const [tip, setTip] = useState<{ text: string; x: number; y: number } | null>(null);
  const wiring = useChartRenderer(
    plotRef,
    () =>
      new EventLaneRenderer(
        {
          canvas: canvasRef.current!,
          svg: svgRef.current!,
          crosshair: crossRef.current!,
          plot: plotRef.current!,
          note: noteRef.current!,
        },
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
          {kinds.map((k) => (
            <span key={k} className="legend-item" data-kind={k}>
              <i className="swatch tick" style={{ "--swatch": `var(--${KIND_COLOR[k]})` } as CSSProperties} />
              {EVENT_NAMES[k]}
            </span>
          ))}
        </div>
        {/* Filled by the renderer; the plot's accessible name says the same, so hidden from AT here. */}
        <span className="lane-note" ref={noteRef} aria-hidden="true" hidden />
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
      <MarkLegend kinds={kinds} />
    </figure>
  );
}
