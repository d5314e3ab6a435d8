/**
 * The scenario URL codec (schema version 1): query string <-> {@link Scenario}.
 *
 * Decoding never throws. It reads `v`, migrates older versions step by step, then fills each key
 * from the input where the value is valid, else from the default; numbers are clamped to their
 * range and snapped to their step; each replacement comes back as a readable warning. Encoding
 * writes only non-default keys, in the table's order, so equal scenarios give equal URLs.
 */
import { repairScenario } from "./repairs";
import {
  DEFAULT_SCENARIO,
  PARAMS,
  PARAM_BY_KEY,
  type NumberParam,
  type Param,
  type ParamKey,
  type Scenario,
} from "./params";

/** The schema version this build writes and fully understands. */
export const SCHEMA_VERSION = 1;

/**
 * Keys that belong to the page around the scenario (embedding, hidden control groups) or to
 * mechanisms added by later schema additions; the scenario codec passes them through silently.
 */
export const VIEW_KEYS: readonly string[] = ["embed", "hide", "zoom"];

/** One value of a link that was not used as given. */
export interface DecodeWarning {
  /** The URL key concerned (or "v" for the version). */
  key: string;
  /** The text found in the link (truncated to 80 characters), or null when absent. */
  given: string | null;
  /** The value used instead, as it would be written to a URL, or null when the key was ignored. */
  used: string | null;
  /** A plain-language sentence for the banner. */
  message: string;
}

/** The result of decoding: always a complete, valid scenario, plus what was replaced. */
export interface DecodeResult {
  scenario: Scenario;
  warnings: DecodeWarning[];
  /** The version the link declared (1 when absent). */
  version: number;
  /** Values of {@link VIEW_KEYS} found in the link. */
  view: Record<string, string>;
}

/**
 * Ordered migrations: `MIGRATIONS[n]` turns a version-n parameter map into version n+1.
 * Version 1 is the first; the list is empty until a version 2 exists.
 */
const MIGRATIONS: ReadonlyArray<(params: Map<string, string>) => Map<string, string>> = [];

const MAX_SHOWN = 80;

function shown(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** Takes a full URL, a query string with or without `?`, or a bare `a=1&b=2` string. */
function queryPart(input: string): string {
  let text = input.trim();
  const hash = text.indexOf("#");
  if (hash >= 0) text = text.slice(0, hash);
  const q = text.indexOf("?");
  if (q >= 0) return text.slice(q + 1);
  // A bare URL without a query ("https://host/app/") has no parameters.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return "";
  return text;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** Splits a query into key/value pairs, in order, decoding percent escapes leniently. */
function pairs(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = safeDecode(eq >= 0 ? part.slice(0, eq) : part);
    const value = safeDecode(eq >= 0 ? part.slice(eq + 1) : "");
    out.push([key, value]);
  }
  return out;
}

/** Formats a parameter value the way the URL writes it. */
export function formatValue(value: number | string): string {
  return typeof value === "number" ? String(value) : value;
}

/**
 * Clamps a number to the parameter's range and snaps it to its step.
 * Returns the value to use (never NaN) for any finite input.
 */
export function clampParam(param: NumberParam, value: number): number {
  let v = Math.min(param.max, Math.max(param.min, value));
  if (param.step > 0) v = Math.round(v / param.step) * param.step;
  return Math.min(param.max, Math.max(param.min, v));
}

function readNumber(param: NumberParam, text: string, warnings: DecodeWarning[]): number {
  const trimmed = text.trim();
  // Number("") is 0 and Number("0x10") is 16: accept plain decimal/scientific notation only.
  // "1e999" is written like a number and means "huge": it parses to Infinity and is clamped to
  // the maximum below, rather than reported as not a number.
  const value = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isNaN(value)) {
    warnings.push({
      key: param.key,
      given: shown(text),
      used: formatValue(param.default),
      message: `${param.label}: "${shown(text)}" is not a number; using the default ${formatValue(param.default)}.`,
    });
    return param.default;
  }
  const used = clampParam(param, value);
  if (used !== value) {
    const why =
      value < param.min
        ? `below the minimum ${param.min}`
        : value > param.max
          ? `above the maximum ${param.max}`
          : `not a multiple of ${param.step}`;
    warnings.push({
      key: param.key,
      given: shown(text),
      used: formatValue(used),
      message: `${param.label}: ${shown(text)} is ${why}; using ${formatValue(used)}.`,
    });
  }
  return used;
}

function readParam(param: Param, text: string, warnings: DecodeWarning[]): number | string {
  if (param.kind === "number") return readNumber(param, text, warnings);
  if (param.values.includes(text)) return text;
  warnings.push({
    key: param.key,
    given: shown(text),
    used: param.default,
    message: `${param.label}: "${shown(text)}" is not one of ${param.values.join(", ")}; using ${param.default}.`,
  });
  return param.default;
}

/**
 * Applies the rules between keys that hold under the scenario's strategy (repairs.ts), recording
 * a warning for each value it changes. The page's store calls it too, so controls and links obey
 * the same rules.
 */
export function reconcile(s: Scenario, warnings: DecodeWarning[] = []): Scenario {
  const { scenario, repairs } = repairScenario(s);
  for (const r of repairs) warnings.push({ key: r.key, given: r.given, used: r.used, message: r.message });
  return scenario;
}

/**
 * Decodes a URL or query string into a complete scenario. Never throws: unknown keys, bad or
 * out-of-range values and duplicated keys come back as warnings, and the defaults fill the gaps.
 */
export function decodeScenario(input: unknown): DecodeResult {
  const warnings: DecodeWarning[] = [];
  const view: Record<string, string> = {};
  const text = typeof input === "string" ? input : "";
  let entries: Array<[string, string]>;
  try {
    entries = pairs(queryPart(text));
  } catch {
    entries = [];
    warnings.push({
      key: "?",
      given: shown(text),
      used: null,
      message: "The link could not be read; using the default scenario.",
    });
  }

  let params = new Map<string, string>();
  for (const [key, value] of entries) {
    if (params.has(key)) {
      warnings.push({
        key: shown(key),
        given: shown(value),
        used: params.get(key) ?? null,
        message: `"${shown(key)}" appears more than once; using the first value, ${shown(params.get(key) ?? "")}.`,
      });
      continue;
    }
    params.set(key, value);
  }

  let version = SCHEMA_VERSION;
  const vText = params.get("v");
  params.delete("v");
  if (vText !== undefined) {
    const v = /^\d{1,6}$/.test(vText.trim()) ? Number(vText) : NaN;
    if (!Number.isInteger(v) || v < 1) {
      warnings.push({
        key: "v",
        given: shown(vText),
        used: String(SCHEMA_VERSION),
        message: `Version "${shown(vText)}" is not a schema version; reading the link as version ${SCHEMA_VERSION}.`,
      });
    } else if (v > SCHEMA_VERSION) {
      version = v;
      warnings.push({
        key: "v",
        given: vText,
        used: String(SCHEMA_VERSION),
        message: `This link comes from a newer version (v=${v}); loaded what version ${SCHEMA_VERSION} understands.`,
      });
    } else {
      version = v;
      for (let from = v; from < SCHEMA_VERSION; from++) params = MIGRATIONS[from - 1](params);
    }
  }

  const scenario = { ...DEFAULT_SCENARIO } as Record<ParamKey, number | string>;
  for (const [key, value] of params) {
    // Own keys only: "toString" or "__proto__" in a link must not find Object.prototype.
    const param = Object.hasOwn(PARAM_BY_KEY, key) ? (PARAM_BY_KEY as Record<string, Param>)[key] : undefined;
    if (param) {
      scenario[param.key] = readParam(param, value, warnings);
    } else if (VIEW_KEYS.includes(key)) {
      view[key] = value;
    } else {
      const given = value === "" ? "" : ` (set to "${shown(value)}")`;
      warnings.push({
        key: shown(key),
        given: shown(value),
        used: null,
        message: `Unknown setting "${shown(key)}"${given} was ignored.`,
      });
    }
  }
  return { scenario: reconcile(scenario as unknown as Scenario, warnings), warnings, version, view };
}

/** Percent-encodes a value for a query string, leaving commas readable (`hide=workload,memory`). */
function encodeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ",");
}

/**
 * Encodes a scenario as a query string (without `?`): non-default keys only, in table order.
 * `decodeScenario(encodeScenario(s)).scenario` equals `s` for every valid scenario.
 */
export function encodeScenario(s: Scenario, view: Record<string, string> = {}): string {
  const parts: string[] = [];
  for (const p of PARAMS) {
    const value = s[p.key];
    if (value !== p.default) parts.push(`${p.key}=${encodeValue(formatValue(value))}`);
  }
  for (const key of VIEW_KEYS) {
    if (view[key] !== undefined) parts.push(`${key}=${encodeValue(view[key])}`);
  }
  return parts.join("&");
}
