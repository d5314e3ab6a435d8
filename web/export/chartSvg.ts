/**
 * A time chart as a standalone SVG document, readable on its own: a title, the legend with the
 * values at the exported moment, both axes with labels and grid, the reference lines (capacity,
 * watermarks, OOM ...), the data as paths, and a caption that links back to the scenario.
 *
 * Pure string building from a {@link ChartLayout}; the same layout drives the live chart, and the
 * data paths come from the live chart's own drawing code through {@link SvgPathContext}. The PNG
 * export draws the data on a canvas and lays this SVG (without data and background) over it.
 */
import { splitReferences, type ChartLayout } from "../charts/chartLayout";
import type { TimeChartSpec } from "../charts/chartSpecs";
import type { Palette } from "../charts/palette";
import { MARGIN, xTicks, yTickValues } from "../charts/timeAxis";
import { placeReferenceLabels } from "../charts/referenceLabels";
import { tickOptions } from "../charts/valueTicks";
import { offscaleText, paintSeries } from "../charts/timeChartRenderer";
import { placeTheoryLines, theoryPlotOf } from "../charts/theoryLayer";
import type { TheoryLine } from "../charts/theoryLines";
import { SvgPathContext, xml } from "./svgPathContext";

/** Height of the caption band below the plot, px. */
export const FOOTER_PX = 26;
/** Room right of the plot for the last time label, which the live chart lets overflow, px. */
const RIGHT_PAD_PX = 16;
/** Height of one legend line, px. */
const LEGEND_LINE_PX = 18;
/** Fonts of exported charts: the page's stack, ending in fonts every system has. */
const FONT = `system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif`;

/** What the caption says and where it links. */
export interface ChartSvgMeta {
  /** The scenario's link at the exported moment. */
  url: string;
  /** One line under the chart, e.g. "Backpressure Playground · Watermarks · at 60.0 s". */
  caption: string;
}

/**
 * Which layers to write, bottom to top (all by default). The PNG export draws the background and
 * the data on its canvas itself and lays the axes under the data and the annotations over it.
 */
export interface ChartSvgParts {
  background?: boolean;
  /** Grid lines and axis labels. */
  axes?: boolean;
  data?: boolean;
  /** Reference lines, title, legend and caption. */
  annotations?: boolean;
}

/** Rough width of text at `sizePx` (no DOM to measure with): for laying out legend items. */
function textWidth(text: string, sizePx: number): number {
  return text.length * sizePx * 0.58;
}

/** `text` cut with an ellipsis to fit about `widthPx` at `sizePx`. */
function fit(text: string, widthPx: number, sizePx: number): string {
  const max = Math.max(1, Math.floor(widthPx / (sizePx * 0.58)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface LegendItem {
  x: number;
  line: number;
  label: string;
  value: string;
  color: string;
  dash?: number[];
}

/** Legend items with the values at the last sample, wrapped onto as many lines as they need. */
function legendItems(spec: TimeChartSpec, layout: ChartLayout, palette: Palette): LegendItem[] {
  const items: LegendItem[] = [];
  const i = layout.count - 1;
  let x = 16;
  let line = 0;
  layout.visible.forEach((s, k) => {
    const value = spec.format(i >= 0 ? layout.columns[k][i] : NaN);
    const w = 18 + textWidth(`${s.label} ${value}`, 12) + 16;
    if (x > 16 && x + w > layout.width - 8) {
      x = 16;
      line++;
    }
    items.push({ x, line, label: s.label, value, color: palette[s.color], dash: s.dash });
    x += w;
  });
  return items;
}

/** Where the parts of an exported chart go, px. */
export interface ExportGeometry {
  width: number;
  height: number;
  /** Height of the title and legend band above the plot. */
  headerPx: number;
}

/** The size of an exported chart and of its header band. */
export function exportGeometry(spec: TimeChartSpec, layout: ChartLayout, palette: Palette): ExportGeometry {
  const items = legendItems(spec, layout, palette);
  const lines = items.length ? items[items.length - 1].line + 1 : 0;
  const headerPx = 32 + lines * LEGEND_LINE_PX;
  return { width: layout.width + RIGHT_PAD_PX, height: headerPx + layout.height + FOOTER_PX, headerPx };
}

function legend(spec: TimeChartSpec, layout: ChartLayout, palette: Palette): string {
  const text = xml(palette["c-text"]);
  return legendItems(spec, layout, palette)
    .map((it) => {
      const y = 44 + it.line * LEGEND_LINE_PX;
      const dash = it.dash ? ` stroke-dasharray="${it.dash.join(" ")}"` : "";
      return (
        `<line x1="${it.x}" x2="${it.x + 12}" y1="${y - 4}" y2="${y - 4}" stroke="${xml(it.color)}" stroke-width="3"${dash}/>` +
        `<text x="${it.x + 18}" y="${y}" font-size="12" fill="${text}">${xml(it.label)} <tspan font-weight="700">${xml(it.value)}</tspan></text>`
      );
    })
    .join("");
}

function axes(spec: TimeChartSpec, layout: ChartLayout, palette: Palette): string {
  const out: string[] = [];
  const x0 = MARGIN.left;
  const x1 = layout.width - MARGIN.right;
  const text = xml(palette["c-text"]);
  for (const v of yTickValues(layout.y, layout.scale, layout.height, tickOptions(spec))) {
    const y = Math.round(layout.y(v)) + 0.5;
    out.push(
      `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="${xml(palette["c-grid"])}"/>`,
      `<text x="${x0 - 6}" y="${y}" dy="0.32em" text-anchor="end" font-size="11" fill="${text}">${xml(spec.format(v))}</text>`,
    );
  }
  const base = layout.baselinePx + 0.5;
  out.push(`<line x1="${x0}" x2="${x1}" y1="${base}" y2="${base}" stroke="${text}" stroke-opacity="0.5"/>`);
  const ticks = xTicks(layout.x, layout.width);
  for (const t of ticks.values) {
    const x = Math.round(layout.x(t)) + 0.5;
    out.push(
      `<line x1="${x}" x2="${x}" y1="${base}" y2="${base + 5}" stroke="${text}" stroke-opacity="0.5"/>`,
      `<text x="${x}" y="${base + 16}" text-anchor="middle" font-size="11" fill="${text}">${xml(ticks.format(t))}</text>`,
    );
  }
  return out.join("");
}

function references(spec: TimeChartSpec, layout: ChartLayout, palette: Palette): string {
  const out: string[] = [];
  const { inView, above } = splitReferences(layout);
  const x0 = MARGIN.left;
  const x1 = layout.width - MARGIN.right;
  const halo = `paint-order="stroke" stroke="${xml(palette.surface)}" stroke-width="3"`;
  for (const r of inView) {
    const y = Math.round(layout.y(r.value)) + 0.5;
    const color = xml(palette[r.color]);
    out.push(
      `<line x1="${x0}" x2="${x1}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="1.25" stroke-dasharray="6 4"/>`,
    );
  }
  for (const l of placeReferenceLabels(inView, (v) => layout.y(v), spec.format, MARGIN.top)) {
    out.push(
      `<text x="${x1 - 4}" y="${l.y}" text-anchor="end" font-size="11" font-weight="650" fill="${xml(palette[l.ref.color])}" ${halo}>${xml(l.text)}</text>`,
    );
  }
  if (above.length > 0) {
    out.push(
      `<text x="${x0 + 6}" y="${MARGIN.top + 4}" font-size="11" font-weight="650" fill="${xml(palette[above[0].color])}" ${halo}>${xml(offscaleText(spec, above))}</text>`,
    );
  }
  return out.join("");
}

/**
 * The theory lines as the live chart draws them (theoryLayer.ts: the same placement, dashes and
 * labels), on the export's plot. A period's ticks start at the line's own start (the live chart
 * anchors them at the run's last pause; the export has no event log at hand).
 */
function theory(layout: ChartLayout, palette: Palette, lines: readonly TheoryLine[]): string {
  if (lines.length === 0) return "";
  const drawn = placeTheoryLines(lines, theoryPlotOf(layout));
  const halo = `paint-order="stroke" stroke="${xml(palette.surface)}" stroke-width="3"`;
  return drawn
    .map((l) => {
      const color = xml(palette[l.line.color]);
      const dash = l.line.kind === "moment" ? "8 3 2 3" : "2 3";
      return (
        `<g class="theory-line" data-id="${xml(l.line.id)}" data-kind="${l.line.kind}">` +
        `<path d="${l.d}" fill="none" stroke="${color}" stroke-width="1.5" stroke-dasharray="${dash}"/>` +
        `<text x="${l.labelX.toFixed(1)}" y="${l.labelY.toFixed(1)}" text-anchor="${l.anchor}" font-size="11" font-weight="650" font-style="italic" fill="${color}" ${halo}>${xml(l.line.label)}</text>` +
        `</g>`
      );
    })
    .join("");
}

/**
 * The chart as an SVG document (UTF-8 text, starting with the XML declaration); `theoryLines`,
 * when given, are drawn with the annotations (the "Theory lines" checkbox on).
 */
export function chartSvg(
  spec: TimeChartSpec,
  layout: ChartLayout,
  palette: Palette,
  meta: ChartSvgMeta,
  parts: ChartSvgParts = {},
  theoryLines: readonly TheoryLine[] = [],
): string {
  const { width, height, headerPx } = exportGeometry(spec, layout, palette);
  const want = { background: true, axes: true, data: true, annotations: true, ...parts };
  let data = "";
  if (want.data) {
    const ctx = new SvgPathContext(`${spec.id}-clip`);
    paintSeries(ctx, layout, palette);
    data = ctx.markup;
  }
  const text = xml(palette["c-text"]);
  const captionY = headerPx + layout.height + 17;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${xml(spec.title)}</title>`,
    `<desc>${xml(`${spec.ariaLabel}. ${meta.url}`)}</desc>`,
    want.background ? `<rect width="${width}" height="${height}" fill="${xml(palette.surface)}"/>` : "",
    `<g transform="translate(0,${headerPx})">`,
    want.axes ? axes(spec, layout, palette) : "",
    data,
    want.annotations ? references(spec, layout, palette) : "",
    want.annotations ? theory(layout, palette, theoryLines) : "",
    `</g>`,
    want.annotations
      ? [
          `<text x="16" y="22" font-size="15" font-weight="700" fill="${text}">${xml(spec.title)}</text>`,
          legend(spec, layout, palette),
          `<a href="${xml(meta.url)}"><text x="16" y="${captionY}" font-size="11" fill="${text}">${xml(fit(meta.caption, width - 32, 11))}</text></a>`,
        ].join("\n")
      : "",
    `</svg>`,
    "",
  ].join("\n");
}
