/**
 * Plain drawing functions for time series on a 2D canvas (the excalidraw habit: renderers are
 * functions the component calls). They take pixel mappers, not scales, so tests can run them on
 * a recording context.
 */
import { DECIMATE_ABOVE_POINTS_PER_PIXEL, decimateBand, decimateMinMax } from "./decimate";

/** The part of CanvasRenderingContext2D the series drawers use. */
export type PathContext = Pick<
  CanvasRenderingContext2D,
  "beginPath" | "moveTo" | "lineTo" | "closePath" | "stroke" | "fill" | "setLineDash"
> & {
  strokeStyle: CanvasRenderingContext2D["strokeStyle"];
  fillStyle: CanvasRenderingContext2D["fillStyle"];
  lineWidth: number;
  globalAlpha: number;
};

/** Where a series is drawn: sample index -> x pixel, value -> y pixel. */
export interface PixelMap {
  /** x of sample i is `offsetPx + i * pxPerSample`. */
  pxPerSample: number;
  offsetPx: number;
  y: (value: number) => number;
}

/** How one series looks. */
export interface Stroke {
  color: string;
  width: number;
  dash?: number[];
  /** Fill the area under the line down to `baselinePx` with this opacity (0 for none). */
  fillAlpha?: number;
  baselinePx?: number;
}

let scratch: Uint32Array = new Uint32Array(0);

/**
 * Draws samples [from, to) of `values` as a line (NaN breaks it), decimated to min/max per pixel
 * column when dense. Returns the number of points drawn (tests pin it).
 */
export function drawSeries(
  ctx: PathContext,
  values: ArrayLike<number>,
  from: number,
  to: number,
  map: PixelMap,
  stroke: Stroke,
): number {
  if (to - from <= 0) return 0;
  let indices: ArrayLike<number> | null = null;
  let count = to - from;
  if (count > Math.abs((to - from) * map.pxPerSample) * DECIMATE_ABOVE_POINTS_PER_PIXEL + 2) {
    const d = decimateMinMax(values, from, to, map.pxPerSample, map.offsetPx, scratch);
    scratch = d.indices;
    indices = d.indices;
    count = d.count;
  }
  const at = (k: number) => (indices ? indices[k] : from + k);

  if (stroke.fillAlpha && stroke.baselinePx !== undefined) {
    ctx.globalAlpha = stroke.fillAlpha;
    ctx.fillStyle = stroke.color;
    ctx.beginPath();
    let open = false;
    let lastX = 0;
    for (let k = 0; k < count; k++) {
      const i = at(k);
      const v = values[i];
      const x = map.offsetPx + i * map.pxPerSample;
      if (v !== v) {
        if (open) ctx.lineTo(lastX, stroke.baselinePx);
        open = false;
        continue;
      }
      if (!open) {
        ctx.moveTo(x, stroke.baselinePx);
        open = true;
      }
      ctx.lineTo(x, map.y(v));
      lastX = x;
    }
    if (open) ctx.lineTo(lastX, stroke.baselinePx);
    ctx.closePath();
    ctx.fill();
    ctx.globalAlpha = 1;
  }

  ctx.strokeStyle = stroke.color;
  ctx.lineWidth = stroke.width;
  ctx.setLineDash(stroke.dash ?? []);
  ctx.beginPath();
  let pen = false;
  for (let k = 0; k < count; k++) {
    const i = at(k);
    const v = values[i];
    if (v !== v) {
      pen = false;
      continue;
    }
    const x = map.offsetPx + i * map.pxPerSample;
    const y = map.y(v);
    if (pen) ctx.lineTo(x, y);
    else ctx.moveTo(x, y);
    pen = true;
  }
  ctx.stroke();
  ctx.setLineDash([]);
  return count;
}

/**
 * Draws the min-max band of samples [from, to) (`lo` and `hi`, the envelope columns) as a
 * translucent area, decimated per pixel column when dense (min of mins, max of maxes). NaN breaks
 * it. Returns the number of columns drawn (tests pin it).
 */
export function drawBand(
  ctx: PathContext,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  from: number,
  to: number,
  map: PixelMap,
  color: string,
  alpha: number,
): number {
  if (to - from <= 0) return 0;
  const dense = to - from > Math.abs((to - from) * map.pxPerSample) * DECIMATE_ABOVE_POINTS_PER_PIXEL + 2;
  const cols = dense ? decimateBand(lo, hi, from, to, map.pxPerSample, map.offsetPx) : null;
  const count = cols ? cols.count : to - from;
  const xAt = (k: number) => (cols ? cols.x[k] : map.offsetPx + (from + k) * map.pxPerSample);
  const loAt = (k: number) => (cols ? cols.lo[k] : lo[from + k]);
  const hiAt = (k: number) => (cols ? cols.hi[k] : hi[from + k]);
  // A dense column spans a pixel: widen each to the next column's x so the band has no seams.
  ctx.globalAlpha = alpha;
  ctx.fillStyle = color;
  ctx.beginPath();
  let k = 0;
  while (k < count) {
    while (k < count && !(loAt(k) === loAt(k) && hiAt(k) === hiAt(k))) k++;
    const start = k;
    while (k < count && loAt(k) === loAt(k) && hiAt(k) === hiAt(k)) k++;
    if (k === start) break;
    const last = k - 1;
    const right = cols && last + 1 < count ? xAt(last + 1) : xAt(last) + (cols ? 1 : 0);
    ctx.moveTo(xAt(start), map.y(hiAt(start)));
    for (let j = start + 1; j <= last; j++) ctx.lineTo(xAt(j), map.y(hiAt(j)));
    ctx.lineTo(right, map.y(hiAt(last)));
    ctx.lineTo(right, map.y(loAt(last)));
    for (let j = last; j >= start; j--) ctx.lineTo(xAt(j), map.y(loAt(j)));
    ctx.closePath();
  }
  ctx.fill();
  ctx.globalAlpha = 1;
  return count;
}
