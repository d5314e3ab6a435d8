/**
 * Where everything of a time chart goes for a given width: which series show, the reference
 * lines, the value domain and both scales. Pure: the live renderer (canvas + SVG) and the
 * exporters (standalone SVG, PNG) lay a chart out through this one function, so an exported
 * chart has the axes and limits the page showed.
 */
import type { SampleColumn } from "../../src-sim/engine/types";
import type { Scenario } from "../../src-sim/scenario/params";
import type { AxisScale } from "../store/uiSlice";
import type { ReferenceLine, SeriesSpec, TimeChartSpec } from "./chartSpecs";
import { MARGIN, timeScale, valueScale, type YScale } from "./timeAxis";
import { linearDomain, logDomain, maxOf } from "./yDomain";

/** What a layout reads of the samples (SeriesStore has it). */
export interface SeriesView {
  readonly length: number;
  readonly sampleIntervalSec: number;
  column(name: SampleColumn): Float64Array;
}

/** A chart laid out at one size. */
export interface ChartLayout {
  /** Chart size, CSS px (the plot sits inside it, within MARGIN). */
  width: number;
  height: number;
  scale: AxisScale;
  /** Series shown under the scenario in force, and their columns. */
  visible: SeriesSpec[];
  columns: Float64Array[];
  /** Samples to draw. */
  count: number;
  references: ReferenceLine[];
  /** Value domain of the y axis. */
  domain: [number, number];
  x: YScale;
  y: YScale;
  /** Horizontal distance between two samples, px. */
  pxPerSample: number;
  /** y of the plot's bottom edge, px (where filled areas close). */
  baselinePx: number;
}

/** The series a chart shows under a scenario (some appear only with a producer buffer, say). */
export function visibleSeries(spec: TimeChartSpec, scenario: Scenario): SeriesSpec[] {
  return spec.series.filter((s) => !s.when || s.when(scenario));
}

/** Total height of a chart with its margins, CSS px. */
export function chartHeight(spec: TimeChartSpec): number {
  return spec.height + MARGIN.top + MARGIN.bottom;
}

/** Lays out `spec` at `widthPx` for the samples so far. `scale` applies only to scalable charts. */
export function layoutChart(
  spec: TimeChartSpec,
  series: SeriesView,
  scenario: Scenario,
  scale: AxisScale,
  widthPx: number,
): ChartLayout {
  const kind: AxisScale = spec.scalable ? scale : "linear";
  const width = Math.max(0, Math.floor(widthPx));
  const height = chartHeight(spec);
  const visible = visibleSeries(spec, scenario);
  const references = spec.references(scenario);
  const count = series.length;
  const columns = visible.map((s) => series.column(s.column));
  let max = maxOf(columns, 0, count);
  for (const r of references) if (r.alwaysInView) max = Math.max(max, r.value);
  const domain = kind === "log" ? logDomain(max) : linearDomain(max, spec.minTop ?? 1);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const duration = scenario.duration;
  return {
    width,
    height,
    scale: kind,
    visible,
    columns,
    count,
    references,
    domain,
    x: timeScale(duration, width),
    y: valueScale(kind, domain, height),
    pxPerSample: duration > 0 ? (series.sampleIntervalSec / duration) * plotWidth : 0,
    baselinePx: height - MARGIN.bottom,
  };
}

/**
 * The y mapper series are drawn with: on a log axis values below 1 (an empty queue) sit on the
 * bottom edge instead of falling off it.
 */
export function yPixel(layout: ChartLayout): (value: number) => number {
  const y = layout.y;
  return layout.scale === "log" ? (v) => y(v < 1 ? 1 : v) : (v) => y(v);
}

/** Reference lines inside the domain (drawn), and those above it (noted at the top). */
export function splitReferences(layout: ChartLayout): { inView: ReferenceLine[]; above: ReferenceLine[] } {
  const [lo, hi] = layout.domain;
  return {
    inView: layout.references.filter((r) => r.value >= lo && r.value <= hi),
    above: layout.references.filter((r) => r.value > hi),
  };
}
