/**
 * Comparisons: 2 to 4 lanes that run one shared workload, each under its own strategy and that
 * strategy's parameters, and the link that carries them (issue 13).
 *
 * Which keys belong to a lane is the parameter table's to say: a row that lists the strategies
 * it applies to (`capacity`, the watermarks, `onPause`, TCP's, Kafka's and Reactive Streams'
 * keys) is a lane key; every other row (rates, arrivals, service, memory, seed, duration, the
 * workload shape) is the shared workload, the same in every lane.
 *
 * The link is the single-run link of the shared workload plus two keys:
 *
 *   `lanes=unbounded;watermark,high:9000,low:1000;block,onPause:buffer`
 *   `compareView=multiples` (absent: overlay)
 *
 * Lanes are separated by `;`; a lane is its strategy, then `,key:value` for each of its keys that
 * differs from the default, in the table's order (values written as in the rest of the link).
 * A lane key at the top of the link (`capacity=5000&lanes=...`) is the starting value of every
 * lane it applies to; the encoder moves it into the lanes. Decoding never throws: a lane with an
 * unknown strategy is left out, a key that is unknown or does not belong to the lane's strategy
 * is ignored, a bad value takes the default, each with a warning naming the lane; more than
 * {@link MAX_LANES} lanes keep the first four. Fewer than {@link MIN_LANES} usable lanes is not a
 * comparison: {@link openLink} then falls back to the single run (of the one usable lane, if
 * any), and says so. A link without `lanes` is a single-run link, decoded exactly as before.
 */
import { decodeScenario, encodeScenario, readParam, reconcile, type DecodeResult, type DecodeWarning } from "./codec";
import { DEFAULT_SCENARIO, PARAMS, PARAM_BY_KEY, STRATEGIES, type ParamKey, type Scenario } from "./params";
import type { Strategy } from "./strategies";

/** The link key that carries the lanes. */
export const LANES_KEY = "lanes";

/** The link key that says how the charts show the lanes. */
export const COMPARE_VIEW_KEY = "compareView";

/** Fewest lanes a comparison has. */
export const MIN_LANES = 2;

/**
 * Most lanes a comparison has. Four keeps each lane's colour, dash and name readable on a phone
 * and the scorecard within a phone's width; "the story under five strategies" is told as two
 * comparisons that share their first lane (see the presets).
 */
export const MAX_LANES = 4;

/** Longest `lanes` value read, characters (four lanes with every key set stay far below it). */
export const MAX_LANES_TEXT = 4000;

/** How the charts show the lanes: one chart with a line per lane, or one small chart per lane. */
export const COMPARE_VIEWS = ["overlay", "multiples"] as const;

/** See {@link COMPARE_VIEWS}. */
export type CompareView = (typeof COMPARE_VIEWS)[number];

/** Letters that name the lanes, in order ("A", "B", ...). */
export const LANE_LETTERS = ["A", "B", "C", "D"] as const;

/** One lane: a strategy and the values of its own keys that differ from the defaults. */
export interface LaneSpec {
  strategy: Strategy;
  /** Values of lane keys that apply to `strategy`, in their units; absent keys take the shared value. */
  params: Partial<Record<ParamKey, number | string>>;
}

/** A comparison: the shared workload and its lanes. */
export interface Comparison {
  /** The shared workload (lane keys at their defaults, `strategy` unused); `t` is the moment. */
  shared: Scenario;
  lanes: LaneSpec[];
  view: CompareView;
}

/** Whether a parameter belongs to a lane (its row lists the strategies it applies to). */
export function isLaneKey(key: ParamKey): boolean {
  return key === "strategy" || PARAM_BY_KEY[key].strategies !== undefined;
}

/** The lane keys that apply under `strategy`, in the table's order. */
export function laneKeys(strategy: Strategy): ParamKey[] {
  return PARAMS.filter((p) => p.key !== "strategy" && p.strategies?.includes(strategy)).map((p) => p.key);
}

/** The shared workload of a scenario: its lane keys (and the strategy) at their defaults. */
export function sharedWorkload(s: Scenario): Scenario {
  const out = { ...s } as Record<ParamKey, number | string>;
  for (const p of PARAMS) if (isLaneKey(p.key)) out[p.key] = p.default;
  return out as unknown as Scenario;
}

/** The lane a scenario runs: its strategy and the lane keys that apply to it, where not default. */
export function laneOf(s: Scenario): LaneSpec {
  const params: LaneSpec["params"] = {};
  for (const key of laneKeys(s.strategy)) if (s[key] !== PARAM_BY_KEY[key].default) params[key] = s[key];
  return { strategy: s.strategy, params };
}

/**
 * The scenario a lane runs: the shared workload, the lane's strategy and keys, with the rules
 * between keys applied (so `high` stays at most `capacity`). Repairs go to `warnings` when given.
 */
export function laneScenario(shared: Scenario, lane: LaneSpec, warnings?: DecodeWarning[]): Scenario {
  const s = { ...sharedWorkload(shared), strategy: lane.strategy } as Record<ParamKey, number | string>;
  for (const key of laneKeys(lane.strategy)) {
    const v = lane.params[key];
    if (v !== undefined) s[key] = v;
  }
  return reconcile(s as unknown as Scenario, warnings);
}

/** The display name of a lane: its letter ("A"). */
export function laneLetter(index: number): string {
  return LANE_LETTERS[index] ?? String(index + 1);
}

/** Writes lanes as the `lanes` value (see the file comment); `:` `;` `,` left readable. */
export function encodeLanes(lanes: readonly LaneSpec[]): string {
  return lanes
    .map((lane) => {
      const s = laneScenario(DEFAULT_SCENARIO, lane);
      const parts: string[] = [lane.strategy];
      for (const key of laneKeys(lane.strategy)) {
        const value = s[key];
        // As in the link: rcvBufAuto=on beside a non-default rcvBuf (rcvBuf alone means SO_RCVBUF).
        const explicit = key === "rcvBufAuto" && s.rcvBuf !== PARAM_BY_KEY.rcvBuf.default;
        if (value !== PARAM_BY_KEY[key].default || explicit) parts.push(`${key}:${String(value)}`);
      }
      return parts.join(",");
    })
    .join(";");
}

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Reads a `lanes` value. `defaults` holds the link's own values of lane keys (the starting value
 * of every lane they apply to). Never throws; every lane left out or value replaced is a warning.
 */
export function decodeLanes(
  text: string,
  warnings: DecodeWarning[],
  defaults: Partial<Record<ParamKey, number | string>> = {},
): LaneSpec[] {
  if (text.length > MAX_LANES_TEXT) {
    warnings.push({
      key: LANES_KEY,
      given: shown(text),
      used: null,
      message: `Lanes: a value of ${text.length.toLocaleString("en-US")} characters is too long; ignored.`,
    });
    return [];
  }
  const lanes: LaneSpec[] = [];
  let extra = 0;
  for (const raw of text.split(";")) {
    const laneText = raw.trim();
    if (laneText === "") continue;
    if (lanes.length >= MAX_LANES) {
      extra++;
      continue;
    }
    const [head, ...pairs] = laneText.split(",");
    const name = `Lane ${laneLetter(lanes.length)}`;
    const strategy = head.trim();
    if (!(STRATEGIES as readonly string[]).includes(strategy)) {
      warnings.push({
        key: LANES_KEY,
        given: shown(laneText),
        used: null,
        message: `Lanes: "${shown(strategy)}" is not a strategy (${STRATEGIES.join(", ")}); the lane "${shown(laneText)}" was left out.`,
      });
      continue;
    }
    const lane: LaneSpec = { strategy: strategy as Strategy, params: {} };
    const own = laneKeys(lane.strategy);
    for (const key of own) if (defaults[key] !== undefined) lane.params[key] = defaults[key];
    const given = new Set<string>();
    for (const pair of pairs) {
      const colon = pair.indexOf(":");
      const key = (colon >= 0 ? pair.slice(0, colon) : pair).trim();
      const value = colon >= 0 ? pair.slice(colon + 1).trim() : "";
      if (key === "" && value === "") continue;
      const known = Object.hasOwn(PARAM_BY_KEY, key) ? (key as ParamKey) : null;
      const problem =
        known === null
          ? `"${shown(key)}" is not a setting`
          : !isLaneKey(known)
            ? `"${key}" belongs to the shared workload, not to a lane`
            : !own.includes(known)
              ? `"${key}" does not apply to ${lane.strategy}`
              : given.has(key)
                ? `"${key}" appears more than once; using the first value`
                : null;
      if (problem !== null || known === null) {
        warnings.push({ key: LANES_KEY, given: shown(pair), used: null, message: `${name}: ${problem}; ignored.` });
        continue;
      }
      given.add(key);
      const local: DecodeWarning[] = [];
      lane.params[known] = readParam(PARAM_BY_KEY[known], value, local);
      for (const w of local) warnings.push({ ...w, key: LANES_KEY, message: `${name}: ${w.message}` });
    }
    // The same rule as a link's: rcvBuf without rcvBufAuto means SO_RCVBUF (autotuning off).
    if (given.has("rcvBuf") && !given.has("rcvBufAuto")) lane.params.rcvBufAuto = "off";
    lanes.push(lane);
  }
  if (extra > 0) {
    warnings.push({
      key: LANES_KEY,
      given: null,
      used: null,
      message: `A comparison has at most ${MAX_LANES} lanes; ${extra === 1 ? "one more was" : `${extra} more were`} left out.`,
    });
  }
  return lanes;
}

/** What a link opens: a single run (decoded as always) or a comparison. */
export type OpenedLink =
  | { kind: "single"; link: DecodeResult }
  | { kind: "compare"; comparison: Comparison; warnings: DecodeWarning[]; view: Record<string, string> };

/** Splits a link into its query's `key=value` parts (without `?` and `#`). */
function queryParts(input: string): string[] {
  let text = input.trim();
  const hash = text.indexOf("#");
  if (hash >= 0) text = text.slice(0, hash);
  const q = text.indexOf("?");
  if (q >= 0) text = text.slice(q + 1);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = "";
  return text.split("&").filter((p) => p !== "");
}

function keyOf(part: string): string {
  const eq = part.indexOf("=");
  const raw = eq >= 0 ? part.slice(0, eq) : part;
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

function valueOf(part: string): string {
  const eq = part.indexOf("=");
  const raw = eq >= 0 ? part.slice(eq + 1) : "";
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/**
 * Decodes a link into a single run or a comparison. Never throws. Without a `lanes` key it is
 * exactly {@link decodeScenario}. With one, the rest of the link is the shared workload; lanes as
 * {@link decodeLanes}; fewer than {@link MIN_LANES} usable lanes fall back to the single run of
 * the first usable lane (or of the link), with a warning.
 */
export function openLink(input: unknown): OpenedLink {
  const text = typeof input === "string" ? input : "";
  const parts = queryParts(text);
  const lanesParts = parts.filter((p) => keyOf(p) === LANES_KEY);
  const viewParts = parts.filter((p) => keyOf(p) === COMPARE_VIEW_KEY);
  if (lanesParts.length === 0) {
    const link = decodeScenario(parts.filter((p) => keyOf(p) !== COMPARE_VIEW_KEY).join("&"));
    if (viewParts.length > 0)
      link.warnings.push({
        key: COMPARE_VIEW_KEY,
        given: shown(valueOf(viewParts[0])),
        used: null,
        message: `"${COMPARE_VIEW_KEY}" only means something in a comparison (with "${LANES_KEY}"); ignored.`,
      });
    return { kind: "single", link };
  }
  const rest = parts.filter((p) => keyOf(p) !== LANES_KEY && keyOf(p) !== COMPARE_VIEW_KEY);
  const base = decodeScenario(rest.join("&"));
  const warnings = base.warnings;
  if (lanesParts.length > 1)
    warnings.push({
      key: LANES_KEY,
      given: shown(valueOf(lanesParts[1])),
      used: null,
      message: `"${LANES_KEY}" appears more than once; using the first value.`,
    });
  // Lane keys the link sets at its top level are every lane's starting values.
  const given = new Set(rest.map(keyOf));
  const defaults: Partial<Record<ParamKey, number | string>> = {};
  for (const p of PARAMS)
    if (p.key !== "strategy" && isLaneKey(p.key) && given.has(p.key)) defaults[p.key] = base.scenario[p.key];
  const lanes = decodeLanes(valueOf(lanesParts[0]), warnings, defaults);
  if (lanes.length < MIN_LANES) {
    const scenario = lanes.length === 1 ? laneScenario(base.scenario, lanes[0]) : base.scenario;
    warnings.push({
      key: LANES_KEY,
      given: shown(valueOf(lanesParts[0])),
      used: null,
      message: `A comparison needs ${MIN_LANES} to ${MAX_LANES} lanes and this link has ${lanes.length === 0 ? "none" : "one"} that can run; showing a single run instead.`,
    });
    return { kind: "single", link: { ...base, scenario: { ...scenario, t: base.scenario.t }, warnings } };
  }
  let view: CompareView = "overlay";
  if (viewParts.length > 0) {
    const v = valueOf(viewParts[0]);
    if ((COMPARE_VIEWS as readonly string[]).includes(v)) view = v as CompareView;
    else
      warnings.push({
        key: COMPARE_VIEW_KEY,
        given: shown(v),
        used: "overlay",
        message: `Chart view "${shown(v)}" is not one of ${COMPARE_VIEWS.join(", ")}; using overlay.`,
      });
  }
  if (base.changes.length > 0)
    warnings.push({
      key: "changes",
      given: null,
      used: null,
      message: "A comparison runs its lanes without a timeline of changes; the changes were ignored.",
    });
  // Lane repairs (a lane's high above its capacity) are reported like a link's.
  for (const [i, lane] of lanes.entries()) {
    const local: DecodeWarning[] = [];
    laneScenario(base.scenario, lane, local);
    for (const w of local) warnings.push({ ...w, key: LANES_KEY, message: `Lane ${laneLetter(i)}: ${w.message}` });
  }
  return {
    kind: "compare",
    comparison: { shared: { ...sharedWorkload(base.scenario), t: base.scenario.t }, lanes, view },
    warnings,
    view: base.view,
  };
}

/**
 * The query string (without `?`) of a comparison: the shared workload's keys as a single-run
 * link writes them, then `lanes`, then `compareView` when not the default, then `view` keys.
 * `openLink(encodeComparison(c))` gives back `c` for every valid comparison.
 */
export function encodeComparison(c: Comparison, view: Record<string, string> = {}): string {
  const parts = encodeScenario(sharedWorkload(c.shared))
    .split("&")
    .filter((x) => x !== "");
  const lanes = encodeURIComponent(encodeLanes(c.lanes)).replace(/%3A/gi, ":").replace(/%3B/gi, ";");
  parts.push(`${LANES_KEY}=${lanes.replace(/%2C/gi, ",")}`);
  if (c.view !== "overlay") parts.push(`${COMPARE_VIEW_KEY}=${c.view}`);
  for (const [k, v] of Object.entries(view)) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.join("&");
}
