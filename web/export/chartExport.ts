/**
 * A time chart as a file: SVG (a standalone document, see chartSvg.ts) or PNG, composed on a
 * canvas: the background, the SVG's grid and axes, the data drawn by the live chart's own paint
 * function, then the SVG's limits, theory lines (when on), title, legend and caption on top. Both use a fixed width so an export looks
 * the same from a phone and from a wide screen.
 */
import type { Scenario } from "../../src-sim/scenario/params";
import { layoutChart, type ChartLayout, type SeriesView } from "../charts/chartLayout";
import { theoryDomainMax, theoryLines, type TheoryLine } from "../charts/theoryLines";
import type { TimeChartSpec } from "../charts/chartSpecs";
import type { Palette } from "../charts/palette";
import { paintSeries } from "../charts/timeChartRenderer";
import type { AxisScale } from "../store/uiSlice";
import { chartSvg, exportGeometry, type ChartSvgMeta } from "./chartSvg";

/** Width of an exported chart, CSS px. */
export const EXPORT_WIDTH_PX = 960;
/** Pixels per CSS px of an exported PNG (sharp on high-density screens and in slides). */
export const PNG_PIXEL_RATIO = 2;

/** What a chart export reads. */
export interface ChartExportInput {
  spec: TimeChartSpec;
  series: SeriesView;
  scenario: Scenario;
  scale: AxisScale;
  palette: Palette;
  meta: ChartSvgMeta;
  /** Whether the theory lines are drawn, as on the page (the "Theory lines" checkbox). */
  theory?: boolean;
}

/** The chart's theory lines when they are on, and its layout (scaled to hold them, as on the page). */
function exportLayout(input: ChartExportInput): { layout: ChartLayout; lines: TheoryLine[] } {
  const lines = input.theory ? theoryLines(input.spec.id, input.scenario) : [];
  const layout = layoutChart(
    input.spec,
    input.series,
    input.scenario,
    input.scale,
    EXPORT_WIDTH_PX,
    null,
    theoryDomainMax(lines),
  );
  return { layout, lines };
}

/** The chart as an SVG document. */
export function chartSvgFile(input: ChartExportInput): string {
  const { layout, lines } = exportLayout(input);
  return chartSvg(input.spec, layout, input.palette, input.meta, {}, lines);
}

/** Loads SVG text as an image (for drawing onto a canvas). */
async function svgImage(svg: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  return img;
}

/** The chart as a PNG image. */
export async function chartPngFile(input: ChartExportInput, pixelRatio = PNG_PIXEL_RATIO): Promise<Blob> {
  const { spec, palette } = input;
  const { layout, lines } = exportLayout(input);
  const geo = exportGeometry(spec, layout, palette);
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(geo.width * pixelRatio);
  canvas.height = Math.round(geo.height * pixelRatio);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("This browser cannot draw on a canvas.");
  const [under, over] = await Promise.all([
    svgImage(chartSvg(spec, layout, palette, input.meta, { background: false, data: false, annotations: false })),
    svgImage(chartSvg(spec, layout, palette, input.meta, { background: false, axes: false, data: false }, lines)),
  ]);
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.fillStyle = palette.surface;
  ctx.fillRect(0, 0, geo.width, geo.height);
  ctx.drawImage(under, 0, 0, geo.width, geo.height);
  ctx.translate(0, geo.headerPx);
  paintSeries(ctx, layout, palette);
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.drawImage(over, 0, 0, geo.width, geo.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("The chart could not be encoded as PNG."))),
      "image/png",
    ),
  );
}
