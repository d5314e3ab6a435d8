/**
 * Draws one comparison chart: every lane's line on one canvas over shared axes (overlay), or one
 * lane's line on axes shared with the other lanes' charts (a small multiple: the vertical domain
 * holds every lane, so heights compare across the multiples). Axes and marks are SVG, the
 * crosshair and legend plain DOM, as the single run's charts (timeChartRenderer.ts); `draw()`
 * does nothing unless something shown changed.
 */
import { select } from "d3-selection";
import type { Scenario } from "../../src-sim/scenario/params";
import { drawSeries } from "../charts/drawSeries";
import type { Palette } from "../charts/palette";
import { MARGIN, domainKey, renderAxes, timeScale, valueScale, type YScale } from "../charts/timeAxis";
import { SERIES_LINE_WIDTH } from "../charts/timeChartRenderer";
import type { WiredRenderer } from "../charts/wiredRenderer";
import { linearDomain, logDomain, maxOf } from "../charts/yDomain";
import type { ZoomState } from "../runtime/zoomStore";
import type { AxisScale } from "../store/uiSlice";
import { formatClock } from "../format/numbers";
import type { LaneData } from "./laneClient";
import { LANE_STYLES, type CompareMetric } from "./compareMetrics";

/** What a comparison chart reads from the page. */
export interface CompareChartSources {
  lanes: () => readonly LaneData[];
  /** Increases when the list of lanes is replaced. */
  lanesVersion: () => number;
  /** Each lane's scenario (for the shared limit). */
  scenarios: () => readonly Scenario[];
  /** Each lane's name ("A · Unbounded"). */
  names: () => readonly string[];
  /** Each lane's time of its first out-of-memory crash, s, or null. */
  oomAt: () => ReadonlyArray<number | null>;
  durationSec: () => number;
  palette: () => Palette;
  paletteVersion: () => number;
  /** The sample the page shows (-1: the last stored), for the legend when the crosshair is away. */
  shownIndex: () => number;
  /** The value axis of scalable metrics (linear when absent). */
  scale?: () => AxisScale;
  /** The zoom's window (absent or null: the whole run); drawn from the samples the page holds. */
  zoom?: () => ZoomState;
}

/** The DOM a comparison chart draws into. */
export interface CompareChartElements {
  canvas: HTMLCanvasElement;
  axes: SVGSVGElement;
  svg: SVGSVGElement;
  plot: HTMLElement;
  crosshair: HTMLElement;
  legend: HTMLElement;
}

/** What the chart drew last, for tests: each drawn lane's last time and value. */
export interface DrawnLanes {
  lanes: Array<{ lane: number; samples: number; last: number }>;
  /** The value axis's domain. */
  domain: [number, number];
  /** The time axis's domain, s (the zoom's window, or the whole run). */
  timeDomain: number[];
}

/** One comparison chart's renderer. */
export class CompareChartRenderer implements WiredRenderer {
  private width = 0;
  private height: number;
  private dpr = 1;
  private lastKey = "";
  private lastAxisKey = "";
  private x: YScale = timeScale(1, 1);
  private y: YScale = valueScale("linear", [0, 1], 1);
  private crosshairSec: number | null = null;
  private legendBuiltFor = "";
  private legendValues: HTMLElement[] = [];
  private legendTime: HTMLElement | null = null;
  private drawn: DrawnLanes | null = null;
  /** Draws that reached the canvas (tests). */
  drawCount = 0;

  /** `only`: the lane a small multiple draws; absent: every lane (overlay). */
  constructor(
    private readonly metric: CompareMetric,
    private readonly els: CompareChartElements,
    private readonly src: CompareChartSources,
    private readonly plotHeight: number,
    private readonly only?: number,
    private readonly ctx: CanvasRenderingContext2D | null = els.canvas.getContext("2d"),
  ) {
    this.height = plotHeight + MARGIN.top + MARGIN.bottom;
    (els.canvas as HTMLCanvasElement & { bpDrawn?: () => DrawnLanes | null }).bpDrawn = () => this.drawn;
  }

  setSize(widthPx: number, dpr: number): void {
    const w = Math.max(0, Math.floor(widthPx));
    if (w === this.width && dpr === this.dpr) return;
    this.width = w;
    this.dpr = dpr;
    this.els.canvas.width = Math.round(w * dpr);
    this.els.canvas.height = Math.round(this.height * dpr);
    for (const svg of [this.els.axes, this.els.svg]) {
      svg.setAttribute("viewBox", `0 0 ${w} ${this.height}`);
      svg.setAttribute("width", String(w));
      svg.setAttribute("height", String(this.height));
    }
  }

  timeAt(offsetXPx: number): number | null {
    if (this.width === 0 || offsetXPx < MARGIN.left || offsetXPx > this.width - MARGIN.right) return null;
    return Math.max(0, this.x.invert(offsetXPx));
  }

  showCrosshair(timeSec: number | null): void {
    this.crosshairSec = timeSec;
    const el = this.els.crosshair;
    if (timeSec === null || this.width === 0) el.style.display = "none";
    else {
      el.style.display = "block";
      el.style.transform = `translateX(${Math.round(this.x(timeSec))}px)`;
      el.style.top = `${MARGIN.top}px`;
      el.style.height = `${this.plotHeight}px`;
    }
    this.updateLegend();
  }

  /** The lanes this chart draws. */
  private drawnLanes(count: number): number[] {
    if (this.only !== undefined) return this.only < count ? [this.only] : [];
    return Array.from({ length: count }, (_, i) => i);
  }

  draw(): boolean {
    const lanes = this.src.lanes();
    const names = this.src.names();
    const oomAt = this.src.oomAt();
    const duration = this.src.durationSec();
    const limit = this.metric.limit?.(this.src.scenarios()) ?? null;
    const scale: AxisScale = this.metric.scalable ? (this.src.scale?.() ?? "linear") : "linear";
    const zoom = this.src.zoom?.();
    const win = zoom?.window ?? null;
    const key = [
      zoom?.version ?? 0,
      scale,
      this.src.lanesVersion(),
      ...lanes.map((l) => `${l.series.version}:${l.series.length}`),
      names.join(","),
      oomAt.join(","),
      duration,
      limit ? `${limit.value}${limit.inView}` : "",
      this.width,
      this.dpr,
      this.src.paletteVersion(),
    ].join("|");
    const legendKey = `${this.src.lanesVersion()}|${names.join(",")}`;
    if (legendKey !== this.legendBuiltFor) this.buildLegend(names, legendKey);
    if (key === this.lastKey) {
      this.updateLegend();
      return false;
    }
    this.lastKey = key;
    if (this.width === 0) return false;
    const palette = this.src.palette();
    // Every lane sets the vertical domain, drawn or not: small multiples share their axes.
    const cols = lanes.map((l) => l.series.column(this.metric.column));
    const dt = lanes[0]?.series.sampleIntervalSec ?? 0.1;
    const range = this.sampleRange(win, dt, Math.max(0, ...cols.map((c) => c.length)));
    let max = maxOf(cols, range[0], range[1]);
    if (limit?.inView) max = Math.max(max, limit.value);
    const domain =
      scale === "log" ? logDomain(max) : linearDomain(max, this.metric.column.startsWith("latency") ? 1e-3 : 1);
    this.x = win ? timeScale(win.toSec, this.width, win.fromSec) : timeScale(duration, this.width);
    this.y = valueScale(scale, domain, this.height);
    const axisKey =
      domainKey(scale, [...domain, ...this.x.domain(), duration], this.width, this.height) + this.src.paletteVersion();
    if (axisKey !== this.lastAxisKey) {
      this.lastAxisKey = axisKey;
      renderAxes(this.els.axes, this.x, this.y, scale, this.metric.format, this.width, this.height, {
        format: this.metric.format,
      });
    }
    const shown = this.drawnLanes(lanes.length);
    this.paint(lanes, shown, palette, range);
    this.renderMarks(lanes, shown, names, oomAt, limit, palette, range);
    this.drawn = {
      lanes: shown.map((i) => {
        const col = lanes[i].series.column(this.metric.column);
        return { lane: i, samples: col.length, last: col.length > 0 ? col[col.length - 1] : NaN };
      }),
      domain,
      timeDomain: this.x.domain(),
    };
    this.updateLegend();
    if (this.crosshairSec !== null) this.showCrosshair(this.crosshairSec);
    this.drawCount++;
    return true;
  }

  /** The sample indices [from, to) a window covers (with one sample either side), or all. */
  private sampleRange(win: { fromSec: number; toSec: number } | null, dt: number, length: number): [number, number] {
    if (!win) return [0, length];
    const from = Math.max(0, Math.floor(win.fromSec / dt) - 1);
    return [Math.min(from, length), Math.min(length, Math.ceil(win.toSec / dt) + 2)];
  }

  private paint(lanes: readonly LaneData[], shown: number[], palette: Palette, range: [number, number]): void {
    const ctx = this.ctx;
    if (!ctx) return;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(MARGIN.left, MARGIN.top - 2, this.width - MARGIN.left - MARGIN.right, this.plotHeight + 4);
    ctx.clip();
    const y = (v: number) => this.y(v);
    for (const i of shown) {
      const series = lanes[i].series;
      const style = LANE_STYLES[i % LANE_STYLES.length];
      const dt = series.sampleIntervalSec;
      const map = { pxPerSample: this.x(dt) - this.x(0), offsetPx: this.x(0), y };
      drawSeries(ctx, series.column(this.metric.column), range[0], Math.min(series.length, range[1]), map, {
        color: palette[style.color],
        width: SERIES_LINE_WIDTH + 0.25,
        dash: style.dash,
      });
    }
    ctx.restore();
  }

  /** The shared limit, each drawn lane's letter at its line's end, and the lanes' crashes. */
  private renderMarks(
    lanes: readonly LaneData[],
    shown: number[],
    names: readonly string[],
    oomAt: ReadonlyArray<number | null>,
    limit: { value: number; label: string; inView: boolean } | null,
    palette: Palette,
    range: [number, number],
  ): void {
    const svg = select(this.els.svg);
    svg.selectAll("*").remove();
    const x0 = MARGIN.left;
    const x1 = this.width - MARGIN.right;
    const top = MARGIN.top;
    const bottom = this.height - MARGIN.bottom;
    if (limit && limit.value <= (this.y.domain()[1] as number)) {
      const yl = Math.round(this.y(limit.value)) + 0.5;
      svg
        .append("line")
        .attr("class", "ref")
        .attr("x1", x0)
        .attr("x2", x1)
        .attr("y1", yl)
        .attr("y2", yl)
        .attr("stroke", palette["c-oom"]);
      svg
        .append("text")
        .attr("class", "ref-label")
        .attr("x", x1 - 4)
        .attr("y", yl - 4)
        .attr("text-anchor", "end")
        .attr("fill", palette["c-oom"])
        .text(`${limit.label} ${this.metric.format(limit.value)}`);
    }
    // A letter at the end of each line: the lanes read apart without the legend, and without colour.
    const placed: number[] = [];
    for (const i of shown) {
      const series = lanes[i].series;
      const col = series.column(this.metric.column);
      let k = Math.min(col.length, range[1]) - 1;
      while (k >= range[0] && !Number.isFinite(col[k])) k--;
      if (k < range[0]) continue;
      const xEnd = this.x(k * series.sampleIntervalSec);
      let yEnd = Math.min(bottom - 3, Math.max(top + 9, this.y(col[k]) - 4));
      // Letters that would overlap move down a line (up, at the bottom edge); a few tries at most.
      for (let tries = 0; tries < 8 && placed.some((p) => Math.abs(p - yEnd) < 11); tries++)
        yEnd = yEnd + 11 > bottom - 3 ? yEnd - 22 : yEnd + 11;
      placed.push(yEnd);
      const style = LANE_STYLES[i % LANE_STYLES.length];
      svg
        .append("text")
        .attr("class", "lane-end-label")
        .attr("x", Math.max(x0 + 10, Math.min(x1 - 2, xEnd - 4)))
        .attr("y", yEnd)
        .attr("text-anchor", "end")
        .attr("fill", palette[style.color])
        .text((names[i] ?? "").split(" ")[0]);
    }
    if (!this.metric.marksOom) {
      this.setLabel(names, oomAt, []);
      return;
    }
    const marked: number[] = [];
    for (const i of shown) {
      const at = oomAt[i];
      if (at === null || at === undefined) continue;
      marked.push(i);
      const [from, to] = this.x.domain();
      if (at < from || at > to) continue;
      const xm = Math.round(this.x(at)) + 0.5;
      const style = LANE_STYLES[i % LANE_STYLES.length];
      svg
        .append("line")
        .attr("class", "moment-line")
        .attr("x1", xm)
        .attr("x2", xm)
        .attr("y1", top)
        .attr("y2", bottom)
        .attr("stroke", palette["c-oom"])
        .attr("stroke-dasharray", "4 3");
      svg
        .append("text")
        .attr("class", "moment-label")
        .attr("x", xm - 4)
        .attr("y", top + 10 + 12 * marked.length - 12)
        .attr("text-anchor", "end")
        .attr("fill", palette[style.color])
        .text(`${(names[i] ?? "").split(" ")[0]}: OOM at ${formatClock(at)}`);
    }
    this.setLabel(names, oomAt, marked);
  }

  private setLabel(names: readonly string[], oomAt: ReadonlyArray<number | null>, marked: number[]): void {
    const lanes = this.drawnLanes(names.length).map((i) => `${names[i]} (${LANE_STYLES[i % 4].dashName} line)`);
    const crashes = marked.map((i) => `${names[i]} ran out of memory at ${formatClock(oomAt[i] ?? 0)}`);
    const label = `${this.metric.ariaLabel}: ${lanes.join(", ")}.${crashes.length ? ` ${crashes.join(". ")}.` : ""}`;
    if (this.els.plot.getAttribute("aria-label") !== label) this.els.plot.setAttribute("aria-label", label);
  }

  private buildLegend(names: readonly string[], key: string): void {
    this.legendBuiltFor = key;
    const legend = this.els.legend;
    legend.textContent = "";
    this.legendValues = [];
    this.legendTime = document.createElement("span");
    this.legendTime.className = "legend-time";
    legend.append(this.legendTime);
    for (const i of this.drawnLanes(names.length)) {
      const style = LANE_STYLES[i % LANE_STYLES.length];
      const item = document.createElement("span");
      item.className = "legend-item";
      const swatch = document.createElement("i");
      swatch.className = `swatch lane-swatch lane-swatch-${style.dashName}`;
      swatch.style.setProperty("--swatch", `var(--${style.color})`);
      const label = document.createElement("span");
      label.textContent = names[i];
      const value = document.createElement("b");
      value.textContent = "–";
      item.append(swatch, label, value);
      legend.append(item);
      this.legendValues.push(value);
    }
  }

  private updateLegend(): void {
    const lanes = this.src.lanes();
    const t = this.crosshairSec;
    const shown = this.src.shownIndex();
    const ref = lanes[0]?.series;
    if (this.legendTime) {
      const text = t === null || !ref ? "" : `at ${formatClock(ref.indexAt(t) * ref.sampleIntervalSec)}`;
      if (this.legendTime.textContent !== text) this.legendTime.textContent = text;
    }
    this.drawnLanes(lanes.length).forEach((laneIndex, k) => {
      const series = lanes[laneIndex].series;
      const i = t !== null ? series.indexAt(t) : shown >= 0 && shown < series.length ? shown : series.length - 1;
      const v = i >= 0 ? series.column(this.metric.column)[i] : NaN;
      const text = Number.isFinite(v) ? this.metric.format(v) : "–";
      const el = this.legendValues[k];
      if (el && el.textContent !== text) el.textContent = text;
    });
  }
}
