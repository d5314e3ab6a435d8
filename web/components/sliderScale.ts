/**
 * Slider positions <-> parameter values. A slider has {@link SLIDER_STEPS} positions; log-scale
 * parameters spread them evenly over decades, so 1 events/s and 10M events/s are both reachable
 * and 100K sits where the eye expects. Slider values are rounded to two significant digits
 * (100K, 120K, 150K): typing gives exact values.
 */
import { clampParam } from "../../src-sim/scenario/codec";
import type { NumberParam } from "../../src-sim/scenario/params";

/** Positions of a slider (0 .. SLIDER_STEPS). */
export const SLIDER_STEPS = 1000;

function logBounds(p: NumberParam): [number, number] {
  const lo = p.min > 0 ? p.min : (p.logFloor ?? 1e-3);
  return [Math.log(lo), Math.log(p.max)];
}

/** Rounds to `digits` significant digits. */
export function roundSignificant(x: number, digits: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  // toPrecision rounds in decimal, avoiding 120000.00000000001 from scaling by powers of ten.
  return Number(x.toPrecision(digits));
}

/** Slider position (0 .. SLIDER_STEPS) of a value. */
export function toPosition(p: NumberParam, value: number): number {
  let f: number;
  if (p.scale === "log") {
    const [a, b] = logBounds(p);
    f = value <= 0 ? 0 : (Math.log(value) - a) / (b - a);
  } else {
    f = (value - p.min) / (p.max - p.min);
  }
  return Math.round(Math.min(1, Math.max(0, f)) * SLIDER_STEPS);
}

/** Value at a slider position: the ends give exactly min and max, between are round numbers. */
export function fromPosition(p: NumberParam, position: number): number {
  const f = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  if (f === 0) return p.min;
  if (f === 1) return p.max;
  let v: number;
  if (p.scale === "log") {
    const [a, b] = logBounds(p);
    v = Math.exp(a + f * (b - a));
  } else {
    v = p.min + f * (p.max - p.min);
  }
  return clampParam(p, roundSignificant(v, 2));
}
