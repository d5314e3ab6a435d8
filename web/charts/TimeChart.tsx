/**
 * A time chart's DOM (canvas for data, SVG for axes and limits, a crosshair line and a legend).
 * The renderer draws from the render loop; store changes and theme switches only mark it for the
 * next frame; pointer moves set the shared crosshair (see useChartRenderer).
 */
import { useEffect, useRef } from "react";
import { useApp, useAppStore, useRuntime } from "../components/context";
import type { TimeChartSpec } from "./chartSpecs";
import { MARGIN } from "./timeAxis";
import { TheoryKeys } from "./TheoryKeys";
import { TimeChartRenderer } from "./timeChartRenderer";
import { useChartRenderer } from "./useChartRenderer";
import { useZoomGestures } from "./useZoomGestures";
import { chapterByNumber, chartNotes } from "../story/chapters";
import { useStoryStore } from "../story/context";

/** One time chart. */
export function TimeChart({ spec }: { spec: TimeChartSpec }) {
  const rt = useRuntime();
  const store = useAppStore();
  const plotRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const axesRef = useRef<SVGSVGElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const crossRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const queueScale = useApp((s) => s.queueScale);
  const setQueueScale = useApp((s) => s.setQueueScale);
  const story = useStoryStore();
  const { rendererRef, onPointerMove, onPointerLeave } = useChartRenderer(
    plotRef,
    () =>
      new TimeChartRenderer(
        spec,
        {
          canvas: canvasRef.current!,
          axes: axesRef.current!,
          svg: svgRef.current!,
          plot: plotRef.current!,
          crosshair: crossRef.current!,
          legend: legendRef.current!,
        },
        {
          series: rt.series,
          scenario: () => store.getState().scenario,
          scale: () => store.getState().queueScale,
          palette: () => rt.theme.palette,
          paletteVersion: () => rt.theme.version,
          events: rt.events,
          shownIndex: () => store.getState().moment?.index ?? -1,
          zoom: () => rt.zoom.getState(),
          theory: () => store.getState().theoryLines,
          notes: () => chartNotes(chapterByNumber(story?.getState().chapter ?? 0), spec.id),
        },
      ),
    (s, prev) =>
      s.scenario !== prev.scenario ||
      s.queueScale !== prev.queueScale ||
      s.moment !== prev.moment ||
      s.theoryLines !== prev.theoryLines,
    [spec, story],
  );
  // A new chapter brings its own notes.
  useEffect(
    () =>
      story?.subscribe((s, prev) => {
        if (s.chapter !== prev.chapter) rt.loop.invalidate();
      }),
    [story, rt],
  );
  const zoomDrag = useZoomGestures(plotRef, rendererRef);

  return (
    <figure className="chart" data-chart={spec.id}>
      <figcaption className="chart-head">
        <span className="chart-title">{spec.title}</span>
        <div className="legend" ref={legendRef} />
        <TheoryKeys spec={spec} />
        {spec.scalable && (
          <button
            type="button"
            className="btn btn-small"
            aria-pressed={queueScale === "log"}
            onClick={() => setQueueScale(queueScale === "log" ? "linear" : "log")}
            title="Switch between a linear and a logarithmic axis"
          >
            Log scale
          </button>
        )}
      </figcaption>
      <div
        className="plot"
        ref={plotRef}
        role="img"
        aria-label={spec.ariaLabel}
        style={{ height: spec.height + MARGIN.top + MARGIN.bottom }}
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
        <svg ref={svgRef} aria-hidden="true" focusable="false">
          <g className="refs" />
          <g className="theory" />
          <g className="moments" />
          <g className="notes" />
          <text className="offscale" />
        </svg>
        <div className="crosshair" ref={crossRef} aria-hidden="true" />
        <div className="zoom-selection" ref={zoomDrag.selectionRef} aria-hidden="true" />
      </div>
    </figure>
  );
}
