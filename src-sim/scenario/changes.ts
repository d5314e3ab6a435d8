/**
 * The timeline of changes: what a scenario does over time besides its starting values. A change
 * is (time, key, value): from `atSec` on, `key` takes `value`. The link carries the list as one
 * key, `changes`, in a compact form that reads like the page's list:
 *
 *     changes=30:consumer:80000;60:strategy:drop-newest
 *
 * Entries are separated by `;`, fields by `:`; times are seconds (at most three decimals),
 * keys are the parameter table's names and values are written as the URL writes them. The form is
 * part of the link's schema (version 1, `v`): a later schema that changes it migrates it like any
 * key. A link without `changes` has none, so every older link means what it meant.
 *
 * Decoding never throws: a malformed entry, an unknown or unchangeable key, or a bad value is left
 * out or replaced, with a warning for the banner, like any bad key of the link.
 *
 * Changes apply on the sample grid: a change at `atSec` applies once the run has recorded the
 * sample at or just after it ({@link changeIndex}), which is where the page records a change made
 * while time runs.
 */
import type { DecodeWarning } from "./codec";
import { repairScenario } from "./repairs";
import { PARAM_BY_KEY, type NumberParam, type Param, type ParamKey, type Scenario } from "./params";

/** From `atSec` on, `key` takes `value`. */
export interface ScenarioChange {
  /** Simulated time, s (>= 0, at most three decimals). */
  atSec: number;
  key: ParamKey;
  value: number | string;
}

/** The URL key that carries the list. */
export const CHANGES_KEY = "changes";

/** Most entries a link may carry (a bound on work and on the banner). */
export const MAX_CHANGES = 200;

/** Keys a change may not set: the run's span and the moment to open at belong to the whole run. */
export const UNCHANGEABLE_KEYS: readonly ParamKey[] = ["duration", "t"];

/** Whether `key` is a parameter a change may set. */
export function isChangeableKey(key: string): key is ParamKey {
  return Object.hasOwn(PARAM_BY_KEY, key) && !UNCHANGEABLE_KEYS.includes(key as ParamKey);
}

/** A time as the list writes it: seconds rounded to the millisecond. */
export function roundChangeTime(atSec: number): number {
  return Math.round(atSec * 1000) / 1000 + 0;
}

/**
 * The sample index at which a change at `atSec` applies on a grid of `intervalSec`: the nearest
 * sample (the page records changes at samples, so their times fall on the grid).
 */
export function changeIndex(atSec: number, intervalSec: number): number {
  return Math.max(0, Math.round(atSec / intervalSec - 1e-9));
}

/** Sorts by time, keeping the given order among changes at the same time (a copy). */
export function sortChanges(changes: readonly ScenarioChange[]): ScenarioChange[] {
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.atSec - b.c.atSec || a.i - b.i)
    .map(({ c }) => c);
}

/** `s` with `changes` applied in order and the rules between keys repaired (a copy). */
export function applyChanges(s: Scenario, changes: readonly ScenarioChange[]): Scenario {
  if (changes.length === 0) return { ...s };
  const next = { ...s } as Record<ParamKey, number | string>;
  for (const c of changes) next[c.key] = c.value;
  return repairScenario(next as unknown as Scenario).scenario;
}

/** The scenario in force at `tSec`: `base` with every change at or before it applied. */
export function scenarioAt(base: Scenario, changes: readonly ScenarioChange[], tSec: number): Scenario {
  return applyChanges(
    base,
    changes.filter((c) => c.atSec <= tSec + 1e-9),
  );
}

/** The changes that turn `prev` into `next` at `atSec`: one per key that differs (not `t`). */
export function diffChanges(prev: Scenario, next: Scenario, atSec: number): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  for (const key of Object.keys(next) as ParamKey[]) {
    if (UNCHANGEABLE_KEYS.includes(key)) continue;
    if (prev[key] !== next[key]) out.push({ atSec: roundChangeTime(atSec), key, value: next[key] });
  }
  return out;
}

/** Writes a value the way the URL writes it (numbers in shortest form). */
function formatChangeValue(value: number | string): string {
  return typeof value === "number" ? String(value) : value;
}

/** The list in the link's form (empty string for no changes); see the file comment. */
export function encodeChanges(changes: readonly ScenarioChange[]): string {
  return sortChanges(changes)
    .map((c) => `${roundChangeTime(c.atSec)}:${c.key}:${formatChangeValue(c.value)}`)
    .join(";");
}

const MAX_SHOWN = 80;
const shown = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Reads one value for `param`; null (with a warning) when it cannot be used at all. */
function readValue(param: Param, text: string, entry: string, warnings: DecodeWarning[]): number | string | null {
  if (param.kind === "enum") {
    if (param.values.includes(text)) return text;
    warnings.push(warn(entry, `"${shown(text)}" is not one of ${param.values.join(", ")}`));
    return null;
  }
  const value = NUMBER.test(text.trim()) ? Number(text) : NaN;
  if (Number.isNaN(value)) {
    warnings.push(warn(entry, `"${shown(text)}" is not a number`));
    return null;
  }
  const p = param as NumberParam;
  let used = Math.min(p.max, Math.max(p.min, value));
  if (p.step > 0) used = Math.min(p.max, Math.max(p.min, Math.round(used / p.step) * p.step));
  if (used !== value) {
    warnings.push({
      key: CHANGES_KEY,
      given: shown(entry),
      used: String(used),
      message: `Change "${shown(entry)}": ${p.label} ${shown(text)} is outside its range or step; using ${used}.`,
    });
  }
  return used;
}

function warn(entry: string, why: string): DecodeWarning {
  return {
    key: CHANGES_KEY,
    given: shown(entry),
    used: null,
    message: `Change "${shown(entry)}" was ignored: ${why}.`,
  };
}

/**
 * Reads the list from a link's `changes` value. Never throws; what it cannot use is reported in
 * `warnings` and left out. Entries come back sorted by time (stable).
 */
export function decodeChanges(text: string, warnings: DecodeWarning[]): ScenarioChange[] {
  const out: ScenarioChange[] = [];
  const entries = text.split(";").filter((e) => e.trim() !== "");
  for (const entry of entries) {
    if (out.length >= MAX_CHANGES) {
      warnings.push({
        key: CHANGES_KEY,
        given: null,
        used: null,
        message: `The link has more than ${MAX_CHANGES} changes; the rest were ignored.`,
      });
      break;
    }
    const fields = entry.split(":");
    if (fields.length !== 3) {
      warnings.push(warn(entry, "it is not time:key:value"));
      continue;
    }
    const [timeText, key, valueText] = fields.map((f) => f.trim());
    const atSec = NUMBER.test(timeText) ? Number(timeText) : NaN;
    if (!Number.isFinite(atSec) || atSec < 0) {
      warnings.push(warn(entry, `"${shown(timeText)}" is not a time in seconds`));
      continue;
    }
    if (!isChangeableKey(key)) {
      const why = Object.hasOwn(PARAM_BY_KEY, key)
        ? `${key} belongs to the whole run and cannot change over time`
        : `"${shown(key)}" is not a setting`;
      warnings.push(warn(entry, why));
      continue;
    }
    const value = readValue(PARAM_BY_KEY[key], valueText, entry, warnings);
    if (value === null) continue;
    out.push({ atSec: roundChangeTime(atSec), key, value });
  }
  return sortChanges(out);
}

/** Two lists that say the same thing. */
export function sameChanges(a: readonly ScenarioChange[], b: readonly ScenarioChange[]): boolean {
  return encodeChanges(a) === encodeChanges(b);
}
