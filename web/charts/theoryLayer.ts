/**
 * Draws a chart's theory lines (web/charts/theoryLines.ts) into its overlay SVG, on the chart's
 * own scales so they follow the zoom: dashed lines with a short label at their end, each as
 * `<g class="theory-line" data-id>` so tools and tests can read what is drawn. The formulas are
 * on the chart's keys (TheoryKeys.tsx), reachable from the keyboard.
 */
import { select } from "d3-selection";
import { yPixel, type ChartLayout } from "./chartLayout";
import type { Palette } from "./palette";
import { MARGIN } from "./timeAxis";
import { theoryValueAt, type TheoryLine } from "./theoryLines";

/** Period ticks closer than this are not drawn (the key still gives the period), px. */
export const MIN_PERIOD_GAP_PX = 6;

/** The plot's box and scales, px. */
export interface TheoryPlot {
  x: (sec: number) => number;
  y: (value: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** Time span shown, s. */
  fromSec: number;
  toSec: number;
}

/** One line as drawn: its path and where its label goes. */
export interface DrawnTheoryLine {
  line: TheoryLine;
  d: string;
  labelX: number;
  labelY: number;
  anchor: "start" | "end";
}

/** The plot of a chart's layout (the live chart's and an export's alike): its box, scales and span. */
export function theoryPlotOf(layout: ChartLayout): TheoryPlot {
  const [fromSec, toSec] = layout.x.domain();
  return {
    x: (t) => layout.x(t),
    y: yPixel(layout),
    left: MARGIN.left,
    right: layout.width - MARGIN.right,
    top: MARGIN.top,
    bottom: layout.height - MARGIN.bottom,
    fromSec,
    toSec,
  };
}

const clampY = (p: TheoryPlot, y: number) => Math.min(p.bottom - 4, Math.max(p.top + 12, y));

/**
 * Where each line goes on a plot (lines wholly outside it are left out). Pure. `periodAnchorSec`,
 * when given, is a time the period's ticks go through (the run's last pause before the window):
 * the fluid cycle differs from whole events by microseconds a cycle, which add up over a long run.
 */
export function placeTheoryLines(
  lines: readonly TheoryLine[],
  p: TheoryPlot,
  periodAnchorSec: number | null = null,
): DrawnTheoryLine[] {
  const out: DrawnTheoryLine[] = [];
  for (const line of lines) {
    if (line.kind === "level") {
      const y = Math.round(p.y(line.value)) + 0.5;
      if (!(y >= p.top && y <= p.bottom)) continue;
      // The label at the right end, where a live run has not drawn yet.
      out.push({ line, d: `M${p.left},${y}H${p.right}`, labelX: p.right - 4, labelY: clampY(p, y - 4), anchor: "end" });
    } else if (line.kind === "slope") {
      const t0 = Math.max(p.fromSec, line.fromSec);
      const t1 = Math.min(p.toSec, line.untilSec);
      if (!(t1 > t0)) continue;
      const y0 = p.y(theoryValueAt(line, t0));
      const y1 = p.y(theoryValueAt(line, t1));
      const x0 = p.x(t0);
      const x1 = p.x(t1);
      out.push({
        line,
        d: `M${x0.toFixed(1)},${y0.toFixed(1)}L${x1.toFixed(1)},${y1.toFixed(1)}`,
        labelX: Math.min(x1, p.right) - 4,
        // Above the line's end: a rising line runs below the label's left part.
        labelY: clampY(p, y1 - 6),
        anchor: "end",
      });
    } else if (line.kind === "moment") {
      if (line.timeSec < p.fromSec || line.timeSec > p.toSec) continue;
      const x = Math.round(p.x(line.timeSec)) + 0.5;
      const nearRight = x > (p.left + p.right) / 2;
      out.push({
        line,
        d: `M${x},${p.top}V${p.bottom}`,
        labelX: nearRight ? x - 4 : x + 4,
        labelY: p.bottom - 6,
        anchor: nearRight ? "end" : "start",
      });
    } else {
      const gapPx = p.x(p.fromSec + line.periodSec) - p.x(p.fromSec);
      if (!(gapPx >= MIN_PERIOD_GAP_PX)) continue;
      const start = periodAnchorSec ?? line.startSec;
      const k0 = Math.max(0, Math.ceil((p.fromSec - start) / line.periodSec - 1e-9));
      let d = "";
      for (let k = k0; ; k++) {
        const t = start + k * line.periodSec;
        if (t > p.toSec) break;
        const x = Math.round(p.x(t)) + 0.5;
        d += `M${x},${p.top}V${p.top + 10}`;
      }
      if (d) out.push({ line, d, labelX: p.right - 4, labelY: p.top + 22, anchor: "end" });
    }
  }
  return out;
}

/** Replaces the lines in `<g class="theory">` of `svg` with `drawn`. */
export function renderTheory(svg: SVGSVGElement, drawn: readonly DrawnTheoryLine[], palette: Palette): void {
  const g = select(svg).select<SVGGElement>("g.theory");
  const rows = g.selectAll<SVGGElement, DrawnTheoryLine>("g.theory-line").data(drawn, (l) => l.line.id);
  rows.exit().remove();
  const entered = rows.enter().append("g").attr("class", "theory-line");
  entered.append("path");
  entered.append("text");
  const all = entered.merge(rows);
  all.attr("data-id", (l) => l.line.id).attr("data-kind", (l) => l.line.kind);
  all
    .select("path")
    .attr("d", (l) => l.d)
    .attr("stroke", (l) => palette[l.line.color]);
  all
    .select("text")
    .attr("x", (l) => l.labelX)
    .attr("y", (l) => l.labelY)
    .attr("text-anchor", (l) => l.anchor)
    .attr("fill", (l) => palette[l.line.color])
    .text((l) => l.line.label);
}
