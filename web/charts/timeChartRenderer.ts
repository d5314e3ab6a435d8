/**
 * Draws one time chart: data on a canvas, axes and reference lines in SVG, a crosshair and a
 * legend as plain DOM moved or rewritten directly (uPlot's split). `draw()` is called by the
 * page's one render loop and does nothing unless something it shows has changed.
 */
import { select } from "d3-selection";
import { EVENT_KINDS } from "../../src-sim/engine/types";
import type { Scenario } from "../../src-sim/scenario/params";
import { formatClock } from "../format/numbers";
import { valueAt } from "../runtime/moment";
import type { SeriesStore } from "../runtime/seriesStore";
import type { AxisScale } from "../store/uiSlice";
import { layoutChart, splitReferences, visibleSeries, yPixel, type ChartLayout } from "./chartLayout";
import type { ZoomState } from "../runtime/zoomStore";
import type { ChartView } from "./chartLayout";
import type { ReferenceLine, SeriesSpec, TimeChartSpec } from "./chartSpecs";
import { drawBand, drawSeries, type PathContext } from "./drawSeries";
import { placeMoments, momentsSummary, type MomentSource } from "./momentMarks";
import { renderMoments } from "./momentLayer";
import { labelBox, notesSummary, placeNotes, renderNotes, type TakenBox } from "./noteLayer";
import type { ChartNote } from "../story/chapters";
import type { Palette } from "./palette";
import { placeReferenceLabels, type PlacedReferenceLabel } from "./referenceLabels";
import { placeTheoryLines, renderTheory, theoryPlotOf } from "./theoryLayer";
import { theoryDomainMax, theoryLines, type TheoryLine } from "./theoryLines";
import { tickOptions } from "./valueTicks";
import { MARGIN, domainKey, renderAxes, timeScale, valueScale, type YScale } from "./timeAxis";
import type { WiredRenderer } from "./wiredRenderer";

/** What a chart reads from the page. */
export interface ChartSources {
  series: SeriesStore;
  scenario: () => Scenario;
  scale: () => AxisScale;
  palette: () => Palette;
  /** Increases when the palette changes (theme switch). */
  paletteVersion: () => number;
  /** The event log, for the chart's key moments (spec.moments); none drawn when absent. */
  events?: MomentSource & { readonly version: number };
  /**
   * The sample the readout cards show (-1: the last stored); the legend shows it too unless the
   * crosshair points elsewhere (one truth per instant, web/runtime/moment.ts).
   */
  shownIndex?: () => number;
  /** The zoom (absent: always the whole run). */
  zoom?: () => ZoomState;
  /** Whether the theory lines are drawn (web/charts/theoryLines.ts; absent: never). */
  theory?: () => boolean;
  /** The guided tour's notes on this chart (web/story/chapters.ts); none when absent. */
  notes?: () => readonly ChartNote[];
}

/** The view a zoom asks for: its window, with the fine samples if they are of that window. */
export function zoomView(zoom: ZoomState | undefined): ChartView | null {
  if (!zoom?.window) return null;
  const w = zoom.window;
  const fine =
    zoom.fine && zoom.fine.window.fromSec === w.fromSec && zoom.fine.window.toSec === w.toSec ? zoom.fine : null;
  return { fromSec: w.fromSec, toSec: w.toSec, fine };
}

/** What a chart drew last, for tests: times and values of each visible series and its band. */
export interface DrawnSeries {
  zoomed: boolean;
  fine: boolean;
  timeSec: number[];
  series: Record<string, { values: number[]; min?: number[]; max?: number[] }>;
}

/** Reads what a layout draws (the test hook of the e2e tests; see TimeChartRenderer.drawn). */
export function drawnSeries(layout: ChartLayout, view: ChartView | null, dt: number): DrawnSeries {
  const start = view?.fine ? view.fine.startSec : 0;
  const timeSec: number[] = [];
  for (let i = layout.first; i < layout.count; i++) timeSec.push(start + i * dt);
  const series: DrawnSeries["series"] = {};
  layout.visible.forEach((s, k) => {
    const band = layout.bands[k];
    series[s.column] = {
      values: Array.from(layout.columns[k].subarray(layout.first, layout.count)),
      ...(band
        ? {
            min: Array.from(band.lo.subarray(layout.first, layout.count)),
            max: Array.from(band.hi.subarray(layout.first, layout.count)),
          }
        : {}),
    };
  });
  return { zoomed: view !== null, fine: !!view?.fine, timeSec, series };
}

/** The DOM a chart draws into. */
export interface ChartElements {
  canvas: HTMLCanvasElement;
  /** Under the canvas: axes and grid lines, so the data are drawn over the grid. */
  axes: SVGSVGElement;
  /** Over the canvas: reference lines, their labels and the key moments. */
  svg: SVGSVGElement;
  /** The element named by the chart's accessible name (the marks are listed in it). */
  plot?: HTMLElement;
  crosshair: HTMLElement;
  legend: HTMLElement;
}

/** Canvas 2D context subset the renderer uses. */
export type ChartContext = PathContext &
  Pick<
    CanvasRenderingContext2D,
    "clearRect" | "setTransform" | "save" | "restore" | "rect" | "clip" | "fillRect" | "fillText" | "strokeText"
  > & {
    font: string;
    textAlign: CanvasTextAlign;
  };

/** One time chart's renderer. */
export class TimeChartRenderer implements WiredRenderer {
  private width = 0;
  private height = 0;
  private dpr = 1;
  private lastKey = "";
  private lastAxisKey = "";
  private lastRefsKey = "";
  private x: YScale;
  private y: YScale;
  private crosshairSec: number | null = null;
  private legendValues: HTMLElement[] = [];
  private legendItems: HTMLElement[] = [];
  private legendTime: HTMLElement | null = null;
  /** Draws that reached the canvas (tests pin render counts). */
  drawCount = 0;
  /** Axis redraws (should be rare: only on domain or size changes). */
  axisCount = 0;
  /** What the last draw showed (the e2e tests read it through the plot's test hook). */
  lastDrawn: () => DrawnSeries | null = () => null;

  constructor(
    private readonly spec: TimeChartSpec,
    private readonly els: ChartElements,
    private readonly src: ChartSources,
    private readonly ctx: ChartContext | null = els.canvas.getContext("2d"),
  ) {
    this.x = timeScale(1, 1);
    this.y = valueScale("linear", [0, 1], 1);
    this.buildLegend();
    // The e2e tests read what was drawn from the canvas element (data, not pixels).
    (els.canvas as HTMLCanvasElement & { bpDrawn?: () => DrawnSeries | null }).bpDrawn = () => this.lastDrawn();
  }

  /** Sets the chart's CSS width and device pixel ratio; the height is the spec's plus margins. */
  setSize(widthPx: number, dpr: number): void {
    const w = Math.max(0, Math.floor(widthPx));
    const h = this.spec.height + MARGIN.top + MARGIN.bottom;
    if (w === this.width && h === this.height && dpr === this.dpr) return;
    this.width = w;
    this.height = h;
    this.dpr = dpr;
    this.els.canvas.width = Math.round(w * dpr);
    this.els.canvas.height = Math.round(h * dpr);
    for (const svg of [this.els.axes, this.els.svg]) {
      svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
      svg.setAttribute("width", String(w));
      svg.setAttribute("height", String(h));
    }
  }

  /** Simulated time under a horizontal position within the chart, s (null outside the plot). */
  timeAt(offsetXPx: number): number | null {
    if (this.width === 0 || offsetXPx < MARGIN.left || offsetXPx > this.width - MARGIN.right) return null;
    return Math.max(0, this.x.invert(offsetXPx));
  }

  /** Shows the shared crosshair at `timeSec` (null hides it); touches only DOM, not the canvas. */
  showCrosshair(timeSec: number | null): void {
    this.crosshairSec = timeSec;
    const el = this.els.crosshair;
    if (timeSec === null || this.width === 0) {
      el.style.display = "none";
    } else {
      el.style.display = "block";
      el.style.transform = `translateX(${Math.round(this.x(timeSec))}px)`;
      el.style.top = `${MARGIN.top}px`;
      el.style.height = `${Math.max(0, this.height - MARGIN.top - MARGIN.bottom)}px`;
    }
    this.updateLegend();
  }

  /** Redraws if anything shown changed; returns whether it drew. */
  draw(): boolean {
    const { series } = this.src;
    const scenario = this.src.scenario();
    const scale = this.spec.scalable ? this.src.scale() : "linear";
    const visible = visibleSeries(this.spec, scenario);
    const refs = this.spec.references(scenario);
    const theory = this.src.theory?.() ? theoryLines(this.spec.id, scenario) : [];
    const zoom = this.src.zoom?.();
    const view = zoomView(zoom);
    const notes = this.src.notes?.() ?? [];
    const key = [
      zoom?.version ?? 0,
      series.version,
      series.length,
      scale,
      this.width,
      this.height,
      this.dpr,
      this.src.paletteVersion(),
      scenario.duration,
      visible.map((s) => s.column).join(","),
      refs.map((r) => `${r.label}=${r.value}`).join(","),
      this.src.events?.version ?? 0,
      theory.map((l) => l.formula).join(";"),
      notes.map((n) => `${n.atSec}:${n.label}`).join(","),
    ].join("|");
    if (key === this.lastKey) {
      // The shown moment moves at the readouts' pace, not the samples': follow it cheaply.
      this.updateLegend();
      return false;
    }
    this.lastKey = key;
    if (this.width === 0 || this.height === 0) return false;

    const layout = layoutChart(this.spec, series, scenario, scale, this.width, view, theoryDomainMax(theory));
    const dt = view?.fine ? view.fine.sampleIntervalSec : series.sampleIntervalSec;
    this.lastDrawn = () => drawnSeries(layout, view, dt);
    this.x = layout.x;
    this.y = layout.y;
    const axisKey =
      domainKey(scale, [...layout.domain, ...layout.x.domain(), scenario.duration], this.width, this.height) +
      this.src.paletteVersion();
    if (axisKey !== this.lastAxisKey) {
      this.lastAxisKey = axisKey;
      this.axisCount++;
      renderAxes(
        this.els.axes,
        this.x,
        this.y,
        scale,
        this.spec.format,
        this.width,
        this.height,
        tickOptions(this.spec),
      );
      this.lastRefsKey = "";
    }
    const refsKey = axisKey + refs.map((r) => `${r.label}=${r.value}`).join(",");
    if (refsKey !== this.lastRefsKey) {
      this.lastRefsKey = refsKey;
      this.renderReferences(layout);
    }
    this.renderMoments(axisKey);
    this.renderTheory(layout, theory);
    this.renderNotes(notes);
    this.paint(layout);
    this.updateLegendVisibility(visible);
    this.updateLegend();
    if (this.crosshairSec !== null) this.showCrosshair(this.crosshairSec);
    this.drawCount++;
    return true;
  }

  private paint(layout: ChartLayout): void {
    const ctx = this.ctx;
    if (!ctx) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    paintSeries(ctx, layout, this.src.palette());
  }

  private renderReferences(layout: ChartLayout): void {
    const { inView, above } = splitReferences(layout);
    const palette = this.src.palette();
    const x0 = MARGIN.left;
    const x1 = this.width - MARGIN.right;
    const g = select(this.els.svg).select<SVGGElement>("g.refs");
    const rows = g.selectAll<SVGGElement, ReferenceLine>("g.ref").data(inView, (r) => r.label);
    rows.exit().remove();
    const entered = rows.enter().append("g").attr("class", "ref");
    entered.append("line");
    const all = entered.merge(rows);
    all.attr("transform", (r) => `translate(0,${Math.round(this.y(r.value)) + 0.5})`);
    all
      .select("line")
      .attr("x1", x0)
      .attr("x2", x1)
      .attr("stroke", (r) => palette[r.color]);
    // Labels apart from their lines: lines that share a value share a label ("HIGH = LOW 8.0K"),
    // and a label that would cover another moves under its line.
    const placedLabels = placeReferenceLabels(inView, (v) => this.y(v), this.spec.format, MARGIN.top);
    // The tour's notes keep clear of these labels.
    this.referenceBoxes = placedLabels.map((l) => labelBox(l.text, x1 - 4, l.y, "end"));
    const labels = g.selectAll<SVGTextElement, PlacedReferenceLabel>("text.ref-label").data(placedLabels);
    labels.exit().remove();
    labels
      .enter()
      .append("text")
      .attr("class", "ref-label")
      .merge(labels)
      .attr("x", x1 - 4)
      .attr("y", (l) => l.y)
      .attr("text-anchor", "end")
      .attr("fill", (l) => palette[l.ref.color])
      .text((l) => l.text);
    // Off-scale limits still deserve a mention: "OOM 6.0M ↑" at the top left, clear of the
    // in-view labels on the right.
    this.offscaleNoted = above.length > 0;
    const note = select(this.els.svg).select<SVGTextElement>("text.offscale");
    note
      .attr("x", x0 + 6)
      .attr("y", MARGIN.top + 4)
      .attr("text-anchor", "start")
      .attr("fill", above.length ? palette[above[0].color] : "none")
      .text(offscaleText(this.spec, above));
  }

  /** Draws the theory lines on the layout's scales (so they follow the zoom). */
  private renderTheory(layout: ChartLayout, lines: readonly TheoryLine[]): void {
    this.theoryBoxes = [];
    if (!this.els.svg.querySelector("g.theory")) return;
    const drawn = placeTheoryLines(
      lines,
      theoryPlotOf(layout),
      lines.some((l) => l.kind === "period") ? this.lastPauseBefore(layout.x.domain()[0]) : null,
    );
    renderTheory(this.els.svg, drawn, this.src.palette());
    this.theoryBoxes = drawn.map((l) => labelBox(l.line.label, l.labelX, l.labelY, l.anchor));
  }

  /** Where the theory lines' labels are, px (the tour's notes keep clear of them too). */
  private theoryBoxes: TakenBox[] = [];

  /** The zoom's or the run's last pause at or before `timeSec` (the first after it when none), s, or null. */
  private lastPauseBefore(timeSec: number): number | null {
    const fine = this.src.zoom?.().fine;
    const pause = EVENT_KINDS.indexOf("pause");
    let before = -Infinity;
    let after = Infinity;
    for (const events of [fine?.events, this.src.events]) {
      if (!events) continue;
      for (let i = 0; i < events.length; i++) {
        if (events.kind[i] !== pause) continue;
        const t = events.timeSec[i];
        if (t <= timeSec + 1e-9 && t > before) before = t;
        else if (t > timeSec && t < after) after = t;
      }
    }
    return Number.isFinite(before) ? before : Number.isFinite(after) ? after : null;
  }

  private lastMomentsKey = "";
  /** Where the reference lines' labels are, px (the tour's notes keep clear of them). */
  private referenceBoxes: TakenBox[] = [];
  /** Whether the off-scale note is shown (moment labels then go under it). */
  private offscaleNoted = false;

  /** Draws the key moments (spec.moments) when the events or the axes changed. */
  private renderMoments(axisKey: string): void {
    const events = this.src.events;
    const kinds = this.spec.moments ?? [];
    if (!events || kinds.length === 0) return;
    // Under the off-scale note ("limit 6 GB ↑") when there is one, not through it.
    const labelTop = MARGIN.top + (this.offscaleNoted ? 14 : 0);
    const key = `${axisKey}|${events.version}|${labelTop}`;
    if (key === this.lastMomentsKey) return;
    this.lastMomentsKey = key;
    const marks = placeMoments(events, kinds, (t) => this.x(t), MARGIN.left, this.width - MARGIN.right);
    renderMoments(this.els.svg, marks, this.src.palette(), MARGIN.top, this.height - MARGIN.bottom, labelTop);
    this.momentsText = momentsSummary(events, kinds);
    this.updateAriaLabel();
  }

  /** The key moments' part of the accessible name, and the tour notes' part. */
  private momentsText = "";
  private notesText = "";

  /** Names the plot: what it shows, then its marks and notes. */
  private updateAriaLabel(): void {
    const label = [this.spec.ariaLabel, this.momentsText, this.notesText].filter((t) => t !== "").join(". ");
    if (this.els.plot && this.els.plot.getAttribute("aria-label") !== label)
      this.els.plot.setAttribute("aria-label", label);
  }

  /** Draws the tour's notes (cheap: a few marks, redrawn with the data they read). */
  private renderNotes(notes: readonly ChartNote[]): void {
    if (notes.length === 0 && this.notesText === "" && !this.notesDrawn) return;
    // Under the key moments' labels (one row at the top, or two under an off-scale note).
    const firstRowY = MARGIN.top + (this.offscaleNoted ? 14 : 0) + 24;
    const placed = placeNotes(
      notes,
      this.src.series,
      (t) => this.x(t),
      this.spec.format,
      MARGIN.left,
      this.width - MARGIN.right,
      firstRowY,
      [...this.referenceBoxes, ...this.theoryBoxes],
    );
    this.notesDrawn = placed.length > 0;
    renderNotes(this.els.svg, placed, this.src.palette(), MARGIN.top, this.height - MARGIN.bottom);
    this.notesText = notesSummary(placed);
    this.updateAriaLabel();
  }

  private notesDrawn = false;

  private buildLegend(): void {
    const legend = this.els.legend;
    legend.textContent = "";
    this.legendTime = document.createElement("span");
    this.legendTime.className = "legend-time";
    legend.append(this.legendTime);
    for (const s of this.spec.series) {
      const item = document.createElement("span");
      item.className = "legend-item";
      const swatch = document.createElement("i");
      swatch.className = "swatch";
      swatch.style.setProperty("--swatch", `var(--${s.color})`);
      if (s.dash) swatch.classList.add("dashed");
      const label = document.createElement("span");
      label.textContent = s.label;
      const value = document.createElement("b");
      value.textContent = "–";
      item.append(swatch, label, value);
      legend.append(item);
      this.legendItems.push(item);
      this.legendValues.push(value);
    }
  }

  private updateLegendVisibility(visible: SeriesSpec[]): void {
    this.spec.series.forEach((s, i) => {
      this.legendItems[i].hidden = !visible.includes(s);
    });
  }

  private updateLegend(): void {
    const { series } = this.src;
    const t = this.crosshairSec;
    const shown = this.src.shownIndex?.() ?? -1;
    const i = t !== null ? series.indexAt(t) : shown >= 0 && shown < series.length ? shown : series.length - 1;
    if (this.legendTime) {
      const text = t === null || i < 0 ? "" : `at ${formatClock(i * series.sampleIntervalSec)}`;
      if (this.legendTime.textContent !== text) this.legendTime.textContent = text;
    }
    this.els.legend.dataset.sample = String(i);
    this.spec.series.forEach((s, k) => {
      const text = this.spec.format(valueAt(series, s.column, i));
      if (this.legendValues[k].textContent !== text) this.legendValues[k].textContent = text;
    });
  }
}

/** A reference line's label: "OOM 6.0M". */
export function referenceText(spec: TimeChartSpec, r: ReferenceLine): string {
  return `${r.label} ${spec.format(r.value)}`;
}

/** The note for limits above the axis: "OOM 6.0M ↑  limit 6 GB ↑" ("" when none). */
export function offscaleText(spec: TimeChartSpec, above: readonly ReferenceLine[]): string {
  return above.map((r) => `${referenceText(spec, r)} ↑`).join("  ");
}

/**
 * Draws a layout's series into a 2D context (the live canvas, an export canvas, or an SVG path
 * recorder), clipped to the plot. The caller has set the transform and cleared the area.
 */
export function paintSeries(
  ctx: PathContext & Pick<CanvasRenderingContext2D, "save" | "restore" | "rect" | "clip">,
  layout: ChartLayout,
  palette: Palette,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(
    MARGIN.left,
    MARGIN.top - 2,
    layout.width - MARGIN.left - MARGIN.right,
    layout.height - MARGIN.top - MARGIN.bottom + 4,
  );
  ctx.clip();
  const y = yPixel(layout);
  const map = { pxPerSample: layout.pxPerSample, offsetPx: layout.offsetPx, y };
  // Bands first (each level series' min-max over every sample interval), lines over them.
  layout.visible.forEach((s, k) => {
    const band = layout.bands[k];
    if (band) drawBand(ctx, band.lo, band.hi, layout.first, layout.count, map, palette[s.color], BAND_ALPHA);
  });
  layout.visible.forEach((s, k) => {
    drawSeries(ctx, layout.columns[k], layout.first, layout.count, map, {
      color: palette[s.color],
      width: SERIES_LINE_WIDTH,
      dash: s.dash,
      fillAlpha: s.fillAlpha,
      baselinePx: layout.baselinePx,
    });
  });
  ctx.restore();
}

/** Opacity of a level series' min-max band. */
export const BAND_ALPHA = 0.3;

/** Width of a series line, CSS px. */
export const SERIES_LINE_WIDTH = 1.75;
