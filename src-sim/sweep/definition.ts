/**
 * A sweep's definition: one numeric parameter varied over a range, `KEY=FROM:TO:POINTS[:SCALE]`
 * (for example `consumer=20000:200000:50` or `capacity=10:1e6:25:log`), and the points it
 * visits. Parsing never throws: a bad definition comes back as a sentence.
 */
import { detExp, detLog } from "../scenario/detMath";
import { clampParam } from "../scenario/codec";
import { PARAM_BY_KEY, type NumberParam, type ParamKey, type Scale } from "../scenario/params";

/** Most points one sweep visits. */
export const MAX_SWEEP_POINTS = 100;

/** A parsed sweep. */
export interface SweepDefinition {
  /** The numeric parameter varied. */
  key: ParamKey;
  /** First and last value, in the parameter's unit (clamped to its range). */
  from: number;
  to: number;
  /** Number of points, 2 .. {@link MAX_SWEEP_POINTS}. */
  points: number;
  /** Spacing of the points: even (linear) or by a constant factor (log). */
  scale: Scale;
}

/** A plain decimal or scientific number, read without backtracking; NaN otherwise. */
function plainNumber(text: string): number {
  const t = text.trim();
  if (t.length === 0 || t.length > 32) return NaN;
  for (const ch of t) if (!"0123456789.eE+-".includes(ch)) return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}

/** Parses `KEY=FROM:TO:POINTS[:linear|log]`; the scale defaults to the parameter's own. */
export function parseSweep(text: string): SweepDefinition | { error: string } {
  const eq = text.indexOf("=");
  const example = "e.g. --sweep consumer=20000:200000:50";
  if (eq <= 0) return { error: `--sweep needs KEY=FROM:TO:POINTS, ${example}` };
  const key = text.slice(0, eq).trim();
  const param = Object.hasOwn(PARAM_BY_KEY, key) ? PARAM_BY_KEY[key as ParamKey] : undefined;
  if (!param) return { error: `--sweep: "${key}" is not a parameter; see --help` };
  if (param.kind !== "number")
    return { error: `--sweep: ${key} is not a number (it takes ${param.values.join(", ")})` };
  if (key === "seed" || key === "t" || key === "duration") {
    return { error: `--sweep: ${key} describes the run, not the system; sweep a parameter of the system` };
  }
  const parts = text.slice(eq + 1).split(":");
  if (parts.length < 3 || parts.length > 4)
    return { error: `--sweep ${text}: expected KEY=FROM:TO:POINTS, ${example}` };
  const [from, to, points] = parts.slice(0, 3).map(plainNumber);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { error: `--sweep ${text}: FROM and TO must be numbers` };
  if (!Number.isInteger(points) || points < 2 || points > MAX_SWEEP_POINTS) {
    return { error: `--sweep ${text}: POINTS must be a whole number from 2 to ${MAX_SWEEP_POINTS}` };
  }
  const scaleText = parts[3]?.trim();
  if (scaleText !== undefined && scaleText !== "linear" && scaleText !== "log") {
    return { error: `--sweep ${text}: the scale is "linear" or "log"` };
  }
  const scale: Scale = scaleText ?? (param.scale === "log" && param.min > 0 ? "log" : "linear");
  const lo = clampParam(param, from);
  const hi = clampParam(param, to);
  if (scale === "log" && !(lo > 0 && hi > 0)) return { error: `--sweep ${text}: a log sweep needs values above 0` };
  return { key: param.key, from: lo, to: hi, points, scale };
}

/** The values a sweep visits, in order, each clamped and snapped like a value from a link. */
export function sweepValues(def: SweepDefinition): number[] {
  const param = PARAM_BY_KEY[def.key] as NumberParam;
  const values: number[] = [];
  for (let i = 0; i < def.points; i++) {
    const f = i / (def.points - 1);
    const v =
      def.scale === "log"
        ? detExp(detLog(def.from) + f * (detLog(def.to) - detLog(def.from)))
        : def.from + f * (def.to - def.from);
    // The ends are exact; the inside points are snapped to the parameter's step.
    values.push(clampParam(param, i === 0 ? def.from : i === def.points - 1 ? def.to : v));
  }
  return values;
}

/** The definition written back as `KEY=FROM:TO:POINTS:SCALE` (for links and file headers). */
export function formatSweep(def: SweepDefinition): string {
  return `${def.key}=${def.from}:${def.to}:${def.points}:${def.scale}`;
}
