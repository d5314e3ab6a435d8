/**
 * Ticks of a chart's value axis that read well at any size and zoom: labels never repeat ("2 ms,
 * 2 ms" or "1 B, 1 B, 0 B" come from ticks closer than the format resolves), counts and bytes
 * tick on whole numbers only, and bytes in binary units tick on powers of two (64 KiB, 128 KiB
 * rather than 48.8 KiB, 97.7 KiB).
 */
import { scaleLinear } from "d3-scale";
import { COLUMN_BY_NAME } from "../../src-sim/scenario/columns";
import { formatBinaryBytes } from "../format/numbers";
import type { TimeChartSpec } from "./chartSpecs";

/** How a value axis picks its ticks. */
export interface TickOptions {
  /** The label format; ticks whose labels would repeat are thinned until none does. */
  format?: (value: number) => string;
  /** Values are whole numbers (events, bytes, records ...): no tick between two of them. */
  integer?: boolean;
  /** Bytes shown in binary units: ticks on multiples of a power of two (at least 1 KiB). */
  binary?: boolean;
}

/** Units whose values are whole numbers. */
const WHOLE_UNITS = new Set(["events", "bytes", "records", "items", "calls", "signals"]);

/** The tick options of a chart: from its format and the unit of its first series. */
export function tickOptions(spec: TimeChartSpec): TickOptions {
  const unit = spec.series.length > 0 ? COLUMN_BY_NAME[spec.series[0].column].unit : "-";
  return { format: spec.format, integer: WHOLE_UNITS.has(unit), binary: spec.format === formatBinaryBytes };
}

/**
 * Multiples of 2^k bytes (2^k >= 1 KiB) across [lo, hi], at most about `count` of them; decimal
 * ticks below 1 KiB, where binary steps would read oddly (0, 64, 128 B).
 */
export function binaryTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo;
  if (!(span > 0) || hi < 1024) return scaleLinear().domain([lo, hi]).ticks(count);
  let step = 1024;
  while (span / step > count) step *= 2;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi * (1 + 1e-12); v += step) out.push(v);
  return out;
}

/**
 * Linear ticks for [lo, hi], about `count` of them, thinned until their labels (by
 * `options.format`) are all different; whole numbers only for whole units. Never empty: at worst
 * the domain's ends.
 */
export function linearTicks(lo: number, hi: number, count: number, options: TickOptions = {}): number[] {
  for (let n = Math.max(1, count); n >= 1; n--) {
    let ticks = options.binary ? binaryTicks(lo, hi, n) : scaleLinear().domain([lo, hi]).ticks(n);
    if (options.integer) ticks = ticks.filter((v) => Number.isInteger(v));
    if (ticks.length === 0) continue;
    if (!options.format) return ticks;
    const labels = ticks.map(options.format);
    if (new Set(labels).size === labels.length) return ticks;
  }
  return lo === hi ? [lo] : [lo, hi];
}
