/**
 * The comparison's charts: each metric as one chart with a line per lane (overlay) or as one
 * small chart per lane on shared axes (small multiples), as the user picks; then the events, a
 * lane of rows per lane. Every chart follows the shared clock, the shared crosshair and the
 * shared zoom (into the samples the page holds: a comparison reads no finer window).
 */
import { useEffect, useRef, useState, type CSSProperties, type PointerEvent } from "react";
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { COMPARE_VIEWS, type CompareView } from "../../src-sim/scenario/lanes";
import { EventLaneRenderer, laneHeight } from "../charts/eventLaneRenderer";
import { KIND_COLOR } from "../charts/eventLane";
import { MARGIN } from "../charts/timeAxis";
import { useChartRenderer } from "../charts/useChartRenderer";
import { useZoomGestures } from "../charts/useZoomGestures";
import { useApp, useAppStore, useRuntime } from "../components/context";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { ZoomBar } from "../components/ZoomBar";
import { EVENT_NAMES } from "../content/eventText";
import { CompareChartRenderer } from "./compareChartRenderer";
import { COMPARE_METRICS, LANE_STYLES, MULTIPLE_HEIGHT_PX, type CompareMetric } from "./compareMetrics";
import { laneNames, laneScenarios } from "./compareStore";
import { useCompare, useCompareRuntime } from "./context";

const VIEW_LABELS: Record<CompareView, string> = { overlay: "Overlay", multiples: "Small multiples" };

/** Redraws the charts when the comparison's lanes or figures change. */
function useCompareInvalidation() {
  const rt = useRuntime();
  const { store } = useCompareRuntime();
  useEffect(() => store.subscribe(() => rt.loop.invalidate()), [rt, store]);
  useEffect(() => rt.zoom.subscribe(() => rt.loop.invalidate()), [rt]);
}

/** One chart: every lane (overlay) or lane `only` (a small multiple). */
function CompareChart({ metric, only }: { metric: CompareMetric; only?: number }) {
  const rt = useRuntime();
  const app = useAppStore();
  const { store, client } = useCompareRuntime();
  const lanesVersion = useCompare((s) => s.lanes.length);
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axesRef = useRef<SVGSVGElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const crossRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const height = only === undefined ? metric.height : MULTIPLE_HEIGHT_PX;
  const { rendererRef, onPointerMove, onPointerLeave } = useChartRenderer(
    plotRef,
    () =>
      new CompareChartRenderer(
        metric,
        {
          canvas: canvasRef.current!,
          axes: axesRef.current!,
          svg: svgRef.current!,
          plot: plotRef.current!,
          crosshair: crossRef.current!,
          legend: legendRef.current!,
        },
        {
          lanes: () => client.lanes,
          lanesVersion: () => client.lanesVersion,
          scenarios: () => laneScenarios(store.getState()),
          names: () => laneNames(store.getState().lanes),
          oomAt: () => store.getState().figures.map((f) => f?.oomAtSec ?? null),
          durationSec: () => app.getState().scenario.duration,
          palette: () => rt.theme.palette,
          paletteVersion: () => rt.theme.version,
          scale: () => app.getState().queueScale,
          zoom: () => rt.zoom.getState(),
          shownIndex: () => {
            const s = app.getState();
            return Math.round(s.timeSec / s.sampleIntervalSec);
          },
        },
        height,
        only,
      ),
    (s, prev) =>
      s.timeSec !== prev.timeSec || s.scenario.duration !== prev.scenario.duration || s.queueScale !== prev.queueScale,
    [metric, only, lanesVersion],
  );
  const zoomDrag = useZoomGestures(plotRef, rendererRef);
  return (
    <figure className={only === undefined ? "chart" : "chart chart-multiple"} data-chart={metric.id} data-lane={only}>
      <figcaption className="chart-head">
        {/* A small multiple's title is its row's (MetricRow); its caption is the lane's legend. */}
        <span className={only === undefined ? "chart-title" : "visually-hidden"}>{metric.title}</span>
        <div className="legend" ref={legendRef} />
        {only === undefined && metric.scalable && <LogScaleButton />}
      </figcaption>
      <div
        className="plot"
        ref={plotRef}
        role="img"
        aria-label={metric.ariaLabel}
        style={{ height: height + MARGIN.top + MARGIN.bottom }}
        onPointerMove={(e) => {
          onPointerMove(e);
          zoomDrag.onPointerMove(e);
        }}
        onPointerLeave={onPointerLeave}
        onPointerDown={zoomDrag.onPointerDown}
        onPointerUp={zoomDrag.onPointerUp}
        onPointerCancel={zoomDrag.onPointerCancel}
      >
        <svg ref={axesRef} className="axes" aria-hidden="true" focusable="false">
          <g className="y-axis" />
          <g className="x-axis" />
        </svg>
        <canvas ref={canvasRef} aria-hidden="true" />
        <svg ref={svgRef} aria-hidden="true" focusable="false" />
        <div className="crosshair" ref={crossRef} aria-hidden="true" />
        <div className="zoom-selection" ref={zoomDrag.selectionRef} aria-hidden="true" />
      </div>
    </figure>
  );
}

/** The queue and memory charts' linear/log switch (the single run's, shared by both). */
function LogScaleButton() {
  const queueScale = useApp((s) => s.queueScale);
  const setQueueScale = useApp((s) => s.setQueueScale);
  return (
    <button
      type="button"
      className="btn btn-small"
      aria-pressed={queueScale === "log"}
      onClick={() => setQueueScale(queueScale === "log" ? "linear" : "log")}
      title="Switch the queue and memory charts between a linear and a logarithmic axis"
    >
      Log scale
    </button>
  );
}

/** A metric as small multiples: its title once, then one chart per lane on shared axes. */
function MetricRow({ metric, count }: { metric: CompareMetric; count: number }) {
  return (
    <div className="multiples-row" data-chart={metric.id}>
      <div className="multiples-head">
        <h3>{metric.title}</h3>
        {metric.scalable && <LogScaleButton />}
      </div>
      <div className="multiples" data-chart={metric.id}>
        {Array.from({ length: count }, (_, i) => (
          <CompareChart key={`${i}-${count}`} metric={metric} only={i} />
        ))}
      </div>
    </div>
  );
}

/** One lane's event rows (the single run's event lane, fed with that lane's events). */
function LaneEvents({ index, name }: { index: number; name: string }) {
  const rt = useRuntime();
  const app = useAppStore();
  const { client } = useCompareRuntime();
  const lanesVersion = useCompare((s) => s.lanes.length);
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
          series: client.lanes[index].series,
          events: client.lanes[index].events,
          durationSec: () => app.getState().scenario.duration,
          palette: () => rt.theme.palette,
          paletteVersion: () => rt.theme.version,
          zoom: () => rt.zoom.getState(),
        },
      ),
    (s, prev) => s.scenario.duration !== prev.scenario.duration,
    [index, lanesVersion],
  );
  const style = LANE_STYLES[index % LANE_STYLES.length];
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    wiring.onPointerMove(e);
    const r = wiring.rendererRef.current;
    if (!r) return;
    const { x, y } = wiring.offset(e);
    const text = r.describeAt(x, y);
    setTip(text ? { text, x, y } : null);
  };
  return (
    <div className="lane-events" data-lane={index}>
      <div className="lane-events-name">
        <i
          className={`swatch lane-swatch lane-swatch-${style.dashName}`}
          style={{ "--swatch": `var(--${style.color})` } as CSSProperties}
          aria-hidden="true"
        />
        {name}
      </div>
      <div
        className="plot"
        ref={plotRef}
        role="img"
        aria-label={`Events of lane ${name}`}
        style={{ height: laneHeight() }}
        onPointerMove={onMove}
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
    </div>
  );
}

/** The events of every lane, with one legend of the marks their strategies can log. */
function CompareEvents() {
  const lanes = useCompare((s) => s.lanes);
  const names = laneNames(lanes);
  const kinds = [...new Set(lanes.flatMap((l) => STRATEGY_TABLE[l.strategy].eventKinds))];
  return (
    <figure className="chart" data-chart="events">
      <figcaption className="chart-head">
        <span className="chart-title">Events</span>
        <div className="legend lane-legend" aria-hidden="true">
          {kinds.map((k) => (
            <span key={k} className="legend-item" data-kind={k}>
              <i className="swatch tick" style={{ "--swatch": `var(--${KIND_COLOR[k]})` } as CSSProperties} />
              {EVENT_NAMES[k]}
            </span>
          ))}
        </div>
      </figcaption>
      {lanes.map((_, i) => (
        <ErrorBoundary key={`${i}-${lanes.length}`} name={`The events of ${names[i]}`}>
          <LaneEvents index={i} name={names[i]} />
        </ErrorBoundary>
      ))}
    </figure>
  );
}

/** Overlay or small multiples. */
function ViewToggle() {
  const view = useCompare((s) => s.view);
  const setView = useCompare((s) => s.setView);
  return (
    <div className="view-toggle" role="radiogroup" aria-label="Chart view">
      {COMPARE_VIEWS.map((v) => (
        <label key={v} className={view === v ? "is-on" : undefined}>
          <input type="radio" name="compare-view" value={v} checked={view === v} onChange={() => setView(v)} />
          {VIEW_LABELS[v]}
        </label>
      ))}
    </div>
  );
}

/** Every comparison chart, then the events. */
export function CompareCharts() {
  useCompareInvalidation();
  const view = useCompare((s) => s.view);
  const count = useCompare((s) => s.lanes.length);
  return (
    <section className="charts compare-charts" aria-labelledby="charts-title">
      <div className="section-head">
        <h2 id="charts-title">Charts</h2>
        <ViewToggle />
      </div>
      <ZoomBar fineSamples={false} />
      {COMPARE_METRICS.map((metric) => (
        <ErrorBoundary key={metric.id} name={`The ${metric.title.toLowerCase()} chart`}>
          {view === "overlay" ? <CompareChart metric={metric} /> : <MetricRow metric={metric} count={count} />}
        </ErrorBoundary>
      ))}
      <ErrorBoundary name="The events">
        <CompareEvents />
      </ErrorBoundary>
    </section>
  );
}
