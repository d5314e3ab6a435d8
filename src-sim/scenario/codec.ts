/**
 * The scenario URL codec (schema version 2): query string <-> {@link Scenario}.
 *
 * Decoding never throws. It reads `v`, migrates older versions step by step, then fills each key
 * from the input where the value is valid, else from the default; numbers are clamped to their
 * range and snapped to their step; each replacement comes back as a readable warning. Encoding
 * writes only non-default keys, in the table's order, so equal scenarios give equal URLs.
 */
import { CHANGES_KEY, decodeChanges, encodeChanges, type ScenarioChange } from "./changes";
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
import { MAX_NUMBER_TEXT, parseDecimal } from "./numberText";

/**
 * The schema version this build writes and fully understands.
 *
 * - 1: the first schema.
 * - 2: the same keys; random processes draw from one seeded stream per process (RunStreams in
 *   src-sim/engine/rng.ts), so lanes with the same seed see the same arrivals and service times.
 *   A random run of a version-1 link (any link without `v`) replays with these streams: the same
 *   distributions, different draws. Old behaviour is not kept: it would mean a second engine
 *   for random runs. Constant runs are the same in both versions, so the encoder writes `v=2`
 *   only on links with a random process (see {@link drawsRandom}).
 */
export const SCHEMA_VERSION = 2;

/**
 * Keys that belong to the page around the scenario (embedding, hidden control groups, the zoom,
 * the theory lines on the charts, a sweep of it: src-sim/sweep/link.ts, the story's chapter:
 * web/story/storyLink.ts) or to mechanisms added by later schema additions; the scenario codec
 * passes them through silently.
 */
export const VIEW_KEYS: readonly string[] = [
  "embed",
  "hide",
  "zoom",
  "theory",
  "sweep",
  "sweepStrategies",
  "sweepFigures",
  "sweepLines",
  "story",
];

/**
 * The key of a pipeline link (issue 14; pipeline.ts decodes it). A single-run decode names it in
 * its warning instead of calling it unknown.
 */
const PIPELINE_KEY = "stages";

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
  /** How many values this warning stands for: absent (one) except on the last, counting one. */
  count?: number;
  /** Set on the one warning that says the link declares a later schema version than this build's. */
  newerVersion?: number;
}

/** The result of decoding: always a complete, valid scenario, plus what was replaced. */
export interface DecodeResult {
  scenario: Scenario;
  warnings: DecodeWarning[];
  /** The version the link declared (1 when absent). */
  version: number;
  /** Values of {@link VIEW_KEYS} found in the link. */
  view: Record<string, string>;
  /** The timeline of changes (`changes`, see changes.ts); empty when the link has none. */
  changes: ScenarioChange[];
}

/**
 * Ordered migrations: `MIGRATIONS[n - 1]` turns a version-n parameter map into version n+1.
 * 1 to 2 keeps every key (version 2 changed how random runs draw, not the parameters).
 */
const MIGRATIONS: ReadonlyArray<(params: Map<string, string>) => Map<string, string>> = [(params) => params];

const MAX_SHOWN = 80;

/**
 * Unknown and repeated keys reported one by one, at most; the rest are counted in one last
 * warning. A link of 220,000 junk keys otherwise made as many warnings (and banner lines).
 * Known keys (a few dozen) are always reported one by one.
 */
export const MAX_KEY_WARNINGS = 40;

/**
 * Longest value of a view key kept, characters. View values are copied into the address as
 * they are; the longest meaningful one (`hide` naming every group) is far shorter.
 */
export const MAX_VIEW_VALUE = 200;

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
  if (trimmed.length > MAX_NUMBER_TEXT) {
    // Never scanned: no number needs this many characters (see numberText.ts).
    warnings.push({
      key: param.key,
      given: shown(text),
      used: formatValue(param.default),
      message: `${param.label}: a value of ${trimmed.length.toLocaleString("en-US")} characters is too long to be a number; using the default ${formatValue(param.default)}.`,
    });
    return param.default;
  }
  // Number("") is 0 and Number("0x10") is 16: accept plain decimal/scientific notation only.
  // "1e999" is written like a number and means "huge": it parses to Infinity and is clamped to
  // the maximum below, rather than reported as not a number.
  const value = parseDecimal(trimmed);
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

/**
 * Reads one parameter's value as a link writes it: numbers clamped and snapped, enum names
 * checked; anything unusable becomes the default, with a warning. Never throws. (The lane codec,
 * lanes.ts, reads each lane's keys with it.)
 */
export function readParam(param: Param, text: string, warnings: DecodeWarning[]): number | string {
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

  // Unknown and repeated keys beyond MAX_KEY_WARNINGS are only counted (see there).
  let keyWarnings = 0;
  const keyWarning = (warning: DecodeWarning) => {
    if (keyWarnings++ < MAX_KEY_WARNINGS) warnings.push(warning);
  };

  let params = new Map<string, string>();
  for (const [key, value] of entries) {
    if (params.has(key)) {
      keyWarning({
        key: shown(key),
        given: shown(value),
        used: params.get(key) ?? null,
        message: `"${shown(key)}" appears more than once; using the first value, ${shown(params.get(key) ?? "")}.`,
      });
      continue;
    }
    params.set(key, value);
  }

  // A link without `v` is version 1 (links before version 2 never wrote it).
  let version = 1;
  const vText = params.get("v");
  params.delete("v");
  if (vText !== undefined) {
    // Digits only: "1e3" or "2.0" is not a schema version (and must not read as a newer one).
    const v = /^\d{1,6}$/.test(vText.trim()) ? Number(vText) : NaN;
    if (!Number.isInteger(v) || v < 1) {
      version = SCHEMA_VERSION;
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
        newerVersion: v,
      });
    } else {
      version = v;
      for (let from = v; from < SCHEMA_VERSION; from++) params = MIGRATIONS[from - 1](params);
    }
  }

  // A link written before receive autotuning existed that sets rcvBuf meant a fixed buffer: it
  // models setsockopt(SO_RCVBUF), which turns Linux's autotuning off. The encoder writes
  // rcvBufAuto=on beside a non-default rcvBuf, so only such old links lack the key.
  if (params.has("rcvBuf") && !params.has("rcvBufAuto")) params.set("rcvBufAuto", "off");

  const scenario = { ...DEFAULT_SCENARIO } as Record<ParamKey, number | string>;
  let changes: ScenarioChange[] = [];
  for (const [key, value] of params) {
    if (key === CHANGES_KEY) {
      changes = decodeChanges(value, warnings);
      continue;
    }
    // Own keys only: "toString" or "__proto__" in a link must not find Object.prototype.
    const param = Object.hasOwn(PARAM_BY_KEY, key) ? (PARAM_BY_KEY as Record<string, Param>)[key] : undefined;
    if (param) {
      scenario[param.key] = readParam(param, value, warnings);
    } else if (VIEW_KEYS.includes(key)) {
      if (value.length <= MAX_VIEW_VALUE) view[key] = value;
      else {
        warnings.push({
          key,
          given: shown(value),
          used: null,
          message: `"${key}": a value of ${value.length.toLocaleString("en-US")} characters is too long; ignored.`,
        });
      }
    } else if (key === PIPELINE_KEY) {
      // A pipeline link read as a single run (the page opens pipelines on their own page, and reads
      // one as a single run only when none of its stages can run): say what is shown.
      warnings.push({
        key,
        given: shown(value),
        used: null,
        message:
          "This link describes a pipeline with no stage that can run; showing the single run of its source's workload instead.",
      });
    } else {
      const given = value === "" ? "" : ` (set to "${shown(value)}")`;
      keyWarning({
        key: shown(key),
        given: shown(value),
        used: null,
        message: `Unknown setting "${shown(key)}"${given} was ignored.`,
      });
    }
  }
  const reconciled = reconcile(scenario as unknown as Scenario, warnings);
  if (keyWarnings > MAX_KEY_WARNINGS) {
    const more = keyWarnings - MAX_KEY_WARNINGS;
    warnings.push({
      key: "…",
      given: null,
      used: null,
      message: `${more.toLocaleString("en-US")} more unknown or repeated ${more === 1 ? "setting was" : "settings were"} ignored.`,
      count: more,
    });
  }
  return { scenario: reconciled, warnings, version, view, changes };
}

/** Percent-encodes a value for a query string, leaving commas readable (`hide=workload,memory`). */
function encodeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ",");
}

/**
 * Encodes a scenario as a query string (without `?`): non-default keys only, in table order
 * (plus `rcvBufAuto=on` whenever `rcvBuf` is written: a link with `rcvBuf` alone means SO_RCVBUF),
 * then the timeline of changes when there is one (`:` and `;` left readable), then the view keys.
 * `decodeScenario(encodeScenario(s)).scenario` equals `s` for every valid scenario.
 */
export function encodeScenario(
  s: Scenario,
  view: Record<string, string> = {},
  changes: readonly ScenarioChange[] = [],
): string {
  const parts: string[] = [];
  if (drawsRandom(s, changes)) parts.push(`v=${SCHEMA_VERSION}`);
  for (const p of PARAMS) {
    const value = s[p.key];
    // rcvBufAuto=on is written beside a non-default rcvBuf: without it the link would read as SO_RCVBUF.
    const explicit = p.key === "rcvBufAuto" && s.rcvBuf !== PARAM_BY_KEY.rcvBuf.default;
    if (value !== p.default || explicit) parts.push(`${p.key}=${encodeValue(formatValue(value))}`);
  }
  if (changes.length > 0) {
    parts.push(`${CHANGES_KEY}=${encodeValue(encodeChanges(changes)).replace(/%3A/gi, ":").replace(/%3B/gi, ";")}`);
  }
  for (const key of VIEW_KEYS) {
    if (view[key] !== undefined) parts.push(`${key}=${encodeValue(view[key])}`);
  }
  return parts.join("&");
}

/**
 * Whether a run draws random numbers (Poisson arrivals or exponential service, from the start or
 * after a change): the only links whose run depends on the schema version (see SCHEMA_VERSION).
 */
export function drawsRandom(s: Scenario, changes: readonly ScenarioChange[] = []): boolean {
  if (s.arrivals !== "constant" || s.service !== "constant") return true;
  return changes.some(
    (c) => (c.key === "arrivals" && c.value !== "constant") || (c.key === "service" && c.value !== "constant"),
  );
}
