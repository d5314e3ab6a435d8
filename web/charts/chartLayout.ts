/**
 * Where everything of a time chart goes for a given width: which series show, the reference
 * lines, the value domain and both scales. Pure: the live renderer (canvas + SVG) and the
 * exporters (standalone SVG, PNG) lay a chart out through this one function, so an exported
 * chart has the axes and limits the page showed.
 */
import type { SampleColumn } from "../../src-sim/engine/types";
import { envelopeOf, isLevelColumn } from "../../src-sim/scenario/columns";
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

/** A zoomed view: the window shown, and its fine samples once they arrived (else the run's are used). */
export interface ChartView {
  fromSec: number;
  toSec: number;
  fine: (SeriesView & { readonly startSec: number }) | null;
}

/** The min-max band drawn under a level series (its envelope columns), or null for none. */
export type Band = { lo: Float64Array; hi: Float64Array } | null;

/** A chart laid out at one size. */
export interface ChartLayout {
  /** Chart size, CSS px (the plot sits inside it, within MARGIN). */
  width: number;
  height: number;
  scale: AxisScale;
  /** Series shown under the scenario in force, and their columns. */
  visible: SeriesSpec[];
  columns: Float64Array[];
  /** Samples to draw: [first, count). */
  first: number;
  count: number;
  /** Each visible series' band (level columns), drawn under its line. */
  bands: Band[];
  /** x of sample 0, px (sample i is at offsetPx + i x pxPerSample). */
  offsetPx: number;
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

/** The band of a series: its column's envelope when it is a level column. */
function bandOf(series: SeriesView, column: SampleColumn): Band {
  if (!isLevelColumn(column)) return null;
  const { min, max } = envelopeOf(column);
  return { lo: series.column(min), hi: series.column(max) };
}

/**
 * Lays out `spec` at `widthPx` for the samples so far. `scale` applies only to scalable charts.
 * With a `view` the time axis covers its window, and the window's fine samples are drawn when
 * they have arrived. `extraMaxValue` is a value the axis must also hold (a theory line's level).
 */
export function layoutChart(
  spec: TimeChartSpec,
  runSeries: SeriesView,
  scenario: Scenario,
  scale: AxisScale,
  widthPx: number,
  view: ChartView | null = null,
  extraMaxValue = 0,
): ChartLayout {
  const kind: AxisScale = spec.scalable ? scale : "linear";
  const width = Math.max(0, Math.floor(widthPx));
  const height = chartHeight(spec);
  const visible = visibleSeries(spec, scenario);
  const references = spec.references(scenario);
  const series = view?.fine ?? runSeries;
  const startSec = view?.fine ? view.fine.startSec : 0;
  const fromSec = view ? view.fromSec : 0;
  const toSec = view ? view.toSec : scenario.duration;
  const span = toSec - fromSec;
  const dt = series.sampleIntervalSec;
  const count = view ? Math.min(series.length, Math.ceil((toSec - startSec) / dt + 1e-9) + 1) : series.length;
  const first = view ? Math.max(0, Math.min(count, Math.floor((fromSec - startSec) / dt + 1e-9))) : 0;
  const columns = visible.map((s) => series.column(s.column));
  const bands = visible.map((s) => bandOf(series, s.column));
  let max = maxOf(columns, first, count);
  for (const b of bands) if (b) max = Math.max(max, maxOf([b.hi], first, count));
  for (const r of references) if (r.alwaysInView) max = Math.max(max, r.value);
  if (extraMaxValue > 0) max = Math.max(max, extraMaxValue);
  const domain = kind === "log" ? logDomain(max) : linearDomain(max, spec.minTop ?? 1);
  const plotWidth = width - MARGIN.left - MARGIN.right;
  return {
    width,
    height,
    scale: kind,
    visible,
    columns,
    first,
    count,
    bands,
    offsetPx: span > 0 ? MARGIN.left + ((startSec - fromSec) / span) * plotWidth : MARGIN.left,
    references,
    domain,
    x: timeScale(toSec, width, fromSec),
    y: valueScale(kind, domain, height),
    pxPerSample: span > 0 ? (dt / span) * plotWidth : 0,
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
