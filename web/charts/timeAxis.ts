/**
 * Scales and SVG axes for the time charts, with D3. The axes are redrawn only when their
 * domain or size changes (callers compare {@link domainKey}); data never touch the SVG.
 */
import { axisBottom, axisLeft } from "d3-axis";
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from "d3-scale";
import { select } from "d3-selection";
import type { AxisScale } from "../store/uiSlice";
import { linearTicks, type TickOptions } from "./valueTicks";

/** Plot margins inside a chart, CSS px: room for the y labels on the left, x labels below. */
export const MARGIN = { top: 10, right: 14, bottom: 22, left: 56 } as const;

/** A numeric scale of the kinds the charts use. */
export type YScale = ScaleContinuousNumeric<number, number>;

/** The time scale: [fromSec (0 unless zoomed), duration] s onto the plot's width. */
export function timeScale(durationSec: number, widthPx: number, fromSec = 0): YScale {
  return scaleLinear()
    .domain([fromSec, durationSec])
    .range([MARGIN.left, Math.max(MARGIN.left + 1, widthPx - MARGIN.right)]);
}

/** The value scale onto the plot's height; log scales clamp so 0 sits on the bottom edge. */
export function valueScale(kind: AxisScale, domain: [number, number], heightPx: number): YScale {
  const range: [number, number] = [Math.max(MARGIN.top + 1, heightPx - MARGIN.bottom), MARGIN.top];
  return kind === "log"
    ? scaleLog().domain(domain).range(range).clamp(true)
    : scaleLinear().domain(domain).range(range);
}

/** A string that changes exactly when an axis would look different. */
export function domainKey(kind: AxisScale, domain: readonly number[], widthPx: number, heightPx: number): string {
  return `${kind}|${domain.join(",")}|${widthPx}x${heightPx}`;
}

/** Powers of ten inside a log domain (log axes label only those). */
export function powersOfTen(domain: [number, number]): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(domain[0])); Math.pow(10, e) <= domain[1] * (1 + 1e-9); e++)
    out.push(Math.pow(10, e));
  return out;
}

/** Tick steps a time axis may use, s: round seconds, minutes and hours. */
const TIME_STEPS_SEC = [
  0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200,
];

/** Ticks for [0, duration] at a clock-friendly step, at most `maxTicks` + 1 of them. */
export function timeTicks(durationSec: number, maxTicks: number): { values: number[]; format: (t: number) => string } {
  const step = TIME_STEPS_SEC.find((s) => durationSec / s <= maxTicks) ?? TIME_STEPS_SEC[TIME_STEPS_SEC.length - 1];
  const values: number[] = [];
  for (let k = 0; k * step <= durationSec * (1 + 1e-9); k++) values.push(Number((k * step).toPrecision(12)));
  const unit = step >= 3600 ? 3600 : step >= 60 ? 60 : 1;
  const suffix = unit === 3600 ? "h" : unit === 60 ? "min" : "s";
  return { values, format: (t) => (t === 0 ? "0" : `${Number((t / unit).toPrecision(6))} ${suffix}`) };
}

/** The time axis: clock-friendly ticks (30 s, 5 min, 1 h ...) across the plot. */
export function timeAxis(x: YScale, widthPx: number) {
  const ticks = xTicks(x, widthPx);
  return axisBottom(x)
    .tickValues(ticks.values)
    .tickSizeOuter(0)
    .tickFormat((v) => ticks.format(Number(v)));
}

/**
 * The value axis's ticks: about one per 32 px, with labels that never repeat (see
 * valueTicks.ts); on a log axis, powers of ten only.
 */
export function yTickValues(y: YScale, kind: AxisScale, heightPx: number, options: TickOptions = {}): number[] {
  const count = Math.max(2, Math.floor((heightPx - MARGIN.top - MARGIN.bottom) / 32));
  const [lo, hi] = y.domain() as [number, number];
  return kind === "log" ? thin(powersOfTen([lo, hi]), count + 1) : linearTicks(lo, hi, count, options);
}

/** The time axis's ticks for a chart `widthPx` wide (one per ~90 px at a clock-friendly step). */
export function xTicks(x: YScale, widthPx: number): { values: number[]; format: (t: number) => string } {
  const [from, to] = x.domain();
  const maxTicks = Math.max(2, Math.floor((widthPx - MARGIN.left - MARGIN.right) / 90));
  return from > 0 ? windowTicks(from, to, maxTicks) : timeTicks(to, maxTicks);
}

/**
 * Ticks for a zoomed window [from, to] s: a 1-2-5 step (down to microseconds) at most
 * `maxTicks` times across it; labels carry as many decimals as the step needs, so no two read
 * the same ("12.34 s", "12.36 s").
 */
export function windowTicks(
  fromSec: number,
  toSec: number,
  maxTicks: number,
): { values: number[]; format: (t: number) => string } {
  const span = Math.max(toSec - fromSec, 1e-9);
  const ticksOf = (step: number) => {
    const out: number[] = [];
    for (let k = Math.ceil(fromSec / step - 1e-9); k * step <= toSec * (1 + 1e-12); k++)
      out.push(Number((k * step).toPrecision(12)));
    return out;
  };
  // The finest 1-2-2.5-5 step with at most maxTicks ticks, but never fewer than two in the window.
  let step = Math.pow(10, Math.ceil(Math.log10(span)));
  let values = ticksOf(step);
  for (let guard = 0; guard < 40; guard++) {
    const next = Number(([0.5, 0.5, 0.8, 0.5][guard % 4] * step).toPrecision(6)); // 10, 5, 2.5, 2, 1 ...
    const nextValues = ticksOf(next);
    if (values.length >= 2 && nextValues.length > maxTicks) break;
    step = next;
    values = nextValues;
  }
  let decimals = 0;
  while (decimals < 9 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
  return { values, format: (t) => `${t.toFixed(decimals)} s` };
}

/** Draws both axes (with light horizontal grid lines) into `<g class="x-axis">` and `<g class="y-axis">`. */
export function renderAxes(
  svg: SVGSVGElement,
  x: YScale,
  y: YScale,
  kind: AxisScale,
  format: (v: number) => string,
  widthPx: number,
  heightPx: number,
  ticks: TickOptions = { format },
): void {
  const root = select(svg);
  const plotWidth = Math.max(0, widthPx - MARGIN.left - MARGIN.right);
  const yAxis = axisLeft(y)
    .tickSize(-plotWidth)
    .tickPadding(6)
    .tickFormat((v) => format(Number(v)));
  yAxis.tickValues(yTickValues(y, kind, heightPx, ticks));
  root.select<SVGGElement>("g.y-axis").attr("transform", `translate(${MARGIN.left},0)`).call(yAxis);

  root
    .select<SVGGElement>("g.x-axis")
    .attr("transform", `translate(0,${heightPx - MARGIN.bottom})`)
    .call(timeAxis(x, widthPx));
}

/** Keeps every k-th value so that at most `max` remain. */
function thin(values: number[], max: number): number[] {
  if (values.length <= max) return values;
  const k = Math.ceil(values.length / max);
  return values.filter((_, i) => i % k === 0);
}
