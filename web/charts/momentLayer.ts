/**
 * Draws a chart's key moments (web/charts/momentMarks.ts) into its overlay SVG: a line across the
 * plot per mark and its label at the top, each as `<g class="moment" data-kind data-time>` so
 * tools and tests can read what is marked where.
 */
import { select } from "d3-selection";
import type { PlacedMoment } from "./momentMarks";
import { MOMENT_COLOR } from "./momentMarks";
import type { Palette } from "./palette";

/**
 * Replaces the marks in `<g class="moments">` of `svg` with `marks`: lines spanning [topPx,
 * bottomPx], labels hung from `labelTopPx` (default: the top).
 */
export function renderMoments(
  svg: SVGSVGElement,
  marks: readonly PlacedMoment[],
  palette: Palette,
  topPx: number,
  bottomPx: number,
  labelTopPx = topPx,
): void {
  const g = select(svg).select<SVGGElement>("g.moments");
  const rows = g.selectAll<SVGGElement, PlacedMoment>("g.moment").data(marks);
  rows.exit().remove();
  const entered = rows.enter().append("g").attr("class", "moment");
  entered.append("line");
  entered.append("text");
  const all = entered.merge(rows);
  all
    .attr("data-kind", (m) => m.kind)
    .attr("data-time", (m) => String(m.timeSec))
    .attr("transform", (m) => `translate(${m.x},0)`);
  all
    .select("line")
    .attr("y1", topPx)
    .attr("y2", bottomPx)
    .attr("stroke", (m) => palette[MOMENT_COLOR[m.kind] ?? "c-text"]);
  all
    .select("text")
    .attr("x", (m) => (m.anchor === "start" ? 4 : -4))
    .attr("y", labelTopPx + 10)
    .attr("text-anchor", (m) => m.anchor)
    .attr("fill", (m) => palette[MOMENT_COLOR[m.kind] ?? "c-text"])
    .text((m) => m.label ?? "");
}
