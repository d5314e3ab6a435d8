/**
 * Draws the event lane: state bands from sample columns (producer paused/blocked, drops under
 * way, consumer down) and ticks for logged events, on a canvas; row labels and the time axis in
 * SVG. Each pixel column of a row gets at most one tick per kind, so even a flapping watermark
 * (tens of thousands of signals) costs one pass over the log.
 */
import { select } from "d3-selection";
import { EVENT_KINDS, type EventKind } from "../../src-sim/engine/types";
import { EVENT_NAMES, describeEvent } from "../content/eventText";
import { formatClock, formatRate } from "../format/numbers";
import type { EventStore } from "../runtime/eventStore";
import type { SeriesStore } from "../runtime/seriesStore";
import { zoomView, type ChartContext } from "./timeChartRenderer";
import type { ChartView } from "./chartLayout";
import type { FineSeries, ZoomState } from "../runtime/zoomStore";
import { KIND_COLOR, LABELLED_KINDS, LANE_ROWS, ROW_OF_KIND, notDrawnNote, summarizeEvents } from "./eventLane";
import type { Palette } from "./palette";
import { MARGIN, timeAxis, timeScale, type YScale } from "./timeAxis";
import type { WiredRenderer } from "./wiredRenderer";

/** Height of one lane row, CSS px. */
export const ROW_HEIGHT = 18;

/** What the lane reads from the page. */
export interface LaneSources {
  series: SeriesStore;
  events: EventStore;
  durationSec: () => number;
  palette: () => Palette;
  paletteVersion: () => number;
  /** The zoom (absent: always the whole run). */
  zoom?: () => ZoomState;
}

/** The DOM the lane draws into. */
export interface LaneElements {
  canvas: HTMLCanvasElement;
  svg: SVGSVGElement;
  crosshair: HTMLElement;
  /** The element with role img whose aria-label summarises the events. */
  plot: HTMLElement;
  /** Where the lane says how many events it does not draw (optional). */
  note?: HTMLElement;
}

/** Total lane height for the rows and the axis, CSS px. */
export function laneHeight(): number {
  return MARGIN.top + LANE_ROWS.length * ROW_HEIGHT + MARGIN.bottom;
}

/** The event lane's renderer. */
export class EventLaneRenderer implements WiredRenderer {
  private width = 0;
  private height = laneHeight();
  private dpr = 1;
  private lastKey = "";
  private lastAxisKey = "";
  private lastLabel = "";
  private lastNote = "";
  private x: YScale = timeScale(1, 1);
  /** Draws that reached the canvas. */
  drawCount = 0;
  /** The events the last draw showed (the e2e tests read them through the canvas's test hook). */
  private drawnEvents: { zoomed: boolean; fine: boolean; events: EventStore } | null = null;

  constructor(
    private readonly els: LaneElements,
    private readonly src: LaneSources,
    private readonly ctx: ChartContext | null = els.canvas.getContext("2d"),
  ) {
    (els.canvas as HTMLCanvasElement & { bpEvents?: () => unknown }).bpEvents = () => {
      const d = this.drawnEvents;
      if (!d) return null;
      const [from, to] = this.x.domain();
      const out: Array<{ timeSec: number; kind: string; value: number }> = [];
      for (let i = 0; i < d.events.length; i++) {
        const t = d.events.timeSec[i];
        if (t >= from && t <= to)
          out.push({ timeSec: t, kind: EVENT_KINDS[d.events.kind[i]], value: d.events.value[i] });
      }
      return { zoomed: d.zoomed, fine: d.fine, fromSec: from, toSec: to, events: out };
    };
  }

  /** Sets the lane's CSS width and the device pixel ratio. */
  setSize(widthPx: number, dpr: number): void {
    const w = Math.max(0, Math.floor(widthPx));
    if (w === this.width && dpr === this.dpr) return;
    this.width = w;
    this.dpr = dpr;
    this.els.canvas.width = Math.round(w * dpr);
    this.els.canvas.height = Math.round(this.height * dpr);
    this.els.svg.setAttribute("viewBox", `0 0 ${w} ${this.height}`);
    this.els.svg.setAttribute("width", String(w));
    this.els.svg.setAttribute("height", String(this.height));
  }

  /** Simulated time under a horizontal position, s (null outside the plot). */
  timeAt(offsetXPx: number): number | null {
    if (this.width === 0 || offsetXPx < MARGIN.left || offsetXPx > this.width - MARGIN.right) return null;
    return Math.max(0, this.x.invert(offsetXPx));
  }

  /** Moves the crosshair (DOM only). */
  showCrosshair(timeSec: number | null): void {
    const el = this.els.crosshair;
    if (timeSec === null || this.width === 0) {
      el.style.display = "none";
      return;
    }
    el.style.display = "block";
    el.style.transform = `translateX(${Math.round(this.x(timeSec))}px)`;
    el.style.top = `${MARGIN.top}px`;
    el.style.height = `${LANE_ROWS.length * ROW_HEIGHT}px`;
  }

  /** Hover details at a point of the lane: the nearest event of the row, or the row's state. */
  describeAt(offsetXPx: number, offsetYPx: number): string | null {
    const t = this.timeAt(offsetXPx);
    const row = Math.floor((offsetYPx - MARGIN.top) / ROW_HEIGHT);
    if (t === null || row < 0 || row >= LANE_ROWS.length) return null;
    const secPerPx = this.src.durationSec() / Math.max(1, this.width - MARGIN.left - MARGIN.right);
    const kinds = new Set(LANE_ROWS[row].kinds);
    const hit = this.src.events.nearest(
      t,
      6 * secPerPx,
      (k) => kinds.has(k),
      2 * this.src.series.sampleIntervalSec + 1,
    );
    if (hit) return describeEvent(hit.kind, hit.timeSec, hit.value);
    return this.stateAt(LANE_ROWS[row].id, t);
  }

  private stateAt(rowId: string, t: number): string | null {
    const { series } = this.src;
    const i = series.indexAt(t);
    if (i < 0) return null;
    const at = formatClock(i * series.sampleIntervalSec);
    if (rowId === "producer") {
      const s = series.column("producerState")[i];
      return s === 1 ? `Producer paused at ${at}` : s === 2 ? `Producer blocked at ${at}` : `Producer running at ${at}`;
    }
    if (rowId === "queue") {
      const r = series.column("droppedRate")[i];
      return r > 0 ? `Dropping ${formatRate(r)} at ${at}` : null;
    }
    const up = series.column("consumerUp")[i];
    return up === 0 ? `Consumer down at ${at}` : `Consumer up at ${at}`;
  }

  /** Redraws if the events, samples, size or theme changed; returns whether it drew. */
  draw(): boolean {
    const { series, events } = this.src;
    const duration = this.src.durationSec();
    const zoom = this.src.zoom?.();
    const view = zoomView(zoom);
    const key = `${series.version}|${events.version}|${this.width}|${this.dpr}|${duration}|${this.src.paletteVersion()}|${zoom?.version ?? 0}`;
    if (key === this.lastKey) return false;
    this.lastKey = key;
    const label = summarizeEvents(events);
    if (label !== this.lastLabel) {
      this.lastLabel = label;
      this.els.plot.setAttribute("aria-label", label);
    }
    const note = notDrawnNote(events);
    if (note !== this.lastNote && this.els.note) {
      this.lastNote = note;
      this.els.note.textContent = note;
      this.els.note.hidden = note === "";
    }
    if (this.width === 0) return false;
    this.x = view ? timeScale(view.toSec, this.width, view.fromSec) : timeScale(duration, this.width);
    const axisKey = `${this.x.domain().join(",")}|${this.width}|${this.src.paletteVersion()}`;
    if (axisKey !== this.lastAxisKey) {
      this.lastAxisKey = axisKey;
      this.renderStatic();
    }
    this.paint(view);
    this.drawCount++;
    return true;
  }

  private renderStatic(): void {
    const svg = select(this.els.svg);
    svg
      .select<SVGGElement>("g.x-axis")
      .attr("transform", `translate(0,${this.height - MARGIN.bottom})`)
      .call(timeAxis(this.x, this.width));
    const labels = svg
      .select<SVGGElement>("g.rows")
      .selectAll<SVGTextElement, (typeof LANE_ROWS)[number]>("text")
      .data(LANE_ROWS);
    labels
      .enter()
      .append("text")
      .merge(labels)
      .attr("x", MARGIN.left - 6)
      .attr("y", (_, i) => MARGIN.top + i * ROW_HEIGHT + ROW_HEIGHT / 2 + 4)
      .attr("text-anchor", "end")
      .text((r) => r.label);
  }

  private paint(view: ChartView | null): void {
    const ctx = this.ctx;
    if (!ctx) return;
    // Zoomed: the window's fine samples and its events once they arrived, else the run's.
    const fine = view?.fine as FineSeries | null | undefined;
    const series = fine ?? this.src.series;
    const events = fine ? fine.events : this.src.events;
    this.drawnEvents = { zoomed: view !== null, fine: !!fine, events };
    const palette = this.src.palette();
    const left = MARGIN.left;
    const plotW = this.width - MARGIN.left - MARGIN.right;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const rowTop = (r: number) => MARGIN.top + r * ROW_HEIGHT;

    // Row backgrounds: faint stripes so the rows read as a table.
    ctx.globalAlpha = 0.5;
    ctx.fillStyle = palette["c-grid"];
    for (let r = 0; r < LANE_ROWS.length; r += 2) ctx.fillRect(left, rowTop(r), plotW, ROW_HEIGHT);
    ctx.globalAlpha = 1;

    // State bands from samples, merged into runs of equal state.
    const [x0Sec, x1Sec] = this.x.domain();
    const pxPerSample = x1Sec > x0Sec ? (series.sampleIntervalSec / (x1Sec - x0Sec)) * plotW : 0;
    const origin = this.x(fine ? fine.startSec : 0);
    const n = series.length;
    const band = (values: Float64Array, row: number, colorOf: (v: number) => string | null, inset: number) => {
      let runStart = 0;
      for (let i = 1; i <= n; i++) {
        if (i < n && values[i] === values[runStart]) continue;
        const color = colorOf(values[runStart]);
        if (color) {
          ctx.fillStyle = color;
          ctx.globalAlpha = 0.55;
          const x0 = origin + runStart * pxPerSample;
          const x1 = origin + Math.min(i, n - 1) * pxPerSample;
          ctx.fillRect(x0, rowTop(row) + inset, Math.max(1, x1 - x0), ROW_HEIGHT - 2 * inset);
          ctx.globalAlpha = 1;
        }
        runStart = i;
      }
    };
    if (n > 0) {
      band(
        series.column("producerState"),
        0,
        (v) => (v === 1 ? palette["c-paused"] : v === 2 ? palette["c-blocked"] : null),
        5,
      );
      band(series.column("droppedRate"), 1, (v) => (v > 0 ? palette["c-dropped"] : null), 5);
      band(series.column("consumerUp"), 2, (v) => (v === 0 ? palette["c-oom"] : null), 5);
    }

    // Event ticks: one per kind per pixel column per row.
    const seen = new Map<number, Uint8Array>();
    const m = events.length;
    const times = events.timeSec;
    const kinds = events.kind;
    const c2d = ctx;
    const labelled: Array<{ x: number; row: number; kind: EventKind; color: string }> = [];
    for (let i = 0; i < m; i++) {
      const kind = EVENT_KINDS[kinds[i]];
      const row = ROW_OF_KIND.get(kind);
      if (row === undefined) continue;
      const x = Math.round(this.x(times[i]));
      let mask = seen.get(kinds[i]);
      if (!mask) {
        mask = new Uint8Array(this.width + 1);
        seen.set(kinds[i], mask);
      }
      if (x < 0 || x > this.width || mask[x]) continue;
      mask[x] = 1;
      const color = palette[KIND_COLOR[kind]];
      c2d.fillStyle = color;
      const big = LABELLED_KINDS.has(kind);
      c2d.fillRect(x - (big ? 1 : 0.5), rowTop(row) + (big ? 1 : 3), big ? 3 : 1.5, ROW_HEIGHT - (big ? 2 : 6));
      if (big) labelled.push({ x, row, kind, color });
    }
    // Name the crashes in place, once per ~60 px so a crash loop stays legible.
    c2d.font = "600 10px system-ui, sans-serif";
    let lastX = -Infinity;
    for (const l of labelled) {
      if (l.x - lastX < 60) continue;
      lastX = l.x;
      c2d.textAlign = l.x > this.width - 60 ? "right" : "left";
      const tx = l.x + (c2d.textAlign === "right" ? -5 : 5);
      const ty = rowTop(l.row) + ROW_HEIGHT / 2 + 3.5;
      const text = l.kind === "oom" ? "OOM" : EVENT_NAMES[l.kind];
      // A halo in the card's colour keeps the label legible over the "down" band.
      c2d.strokeStyle = palette.surface;
      c2d.lineWidth = 3;
      c2d.strokeText(text, tx, ty);
      c2d.fillStyle = palette["c-text"];
      c2d.fillText(text, tx, ty);
    }
  }
}
