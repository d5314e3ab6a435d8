/**
 * Pipelines: a chain of 1 to 5 stages (source -> Stage 1 -> ... -> Stage N -> sink), each stage a
 * server with its own rate, service distribution, memory limit and crash/restart, behind its own
 * queue with a strategy and that strategy's keys (issue 14). The engine is
 * src-sim/models/pipeline/; its exact semantics are in src-sim/models/pipeline/SEMANTICS.md.
 *
 * The link is the single-run link of the shared workload (the source: producer rate, arrivals,
 * what it does when stopped, event size, seed, duration) plus one key:
 *
 *   `stages=block,consumer:80000,capacity:1000;block,consumer:20000,capacity:1000`
 *
 * Stages are separated by `;`, in order from the source to the sink; a stage is its queue's
 * strategy, then `,key:value` for each of its keys that differs from the link's own value, in
 * the table's order. A stage's keys are {@link STAGE_KEYS} (its rate, service, memory limit,
 * baseline and restart delay) and its strategy's keys (capacity, watermarks, signal delay). A
 * stage key at the top of the link (`consumer=40000&stages=...`) is every stage's starting value.
 * A stage's strategy is the hop in front of it: a queue in the stage's memory (unbounded,
 * drop-newest, drop-oldest, block, watermark), a Kafka topic on a broker (`kafka`, with the
 * consumer's and the topic's keys), a Reactive Streams subscription (`reactive`, with its
 * prefetch and replenish keys) or a TCP connection (`tcp`, with its buffers, RTT, link and MSS).
 * Decoding never throws: an unknown strategy takes `block`; a key that is unknown or does not belong to the stage is
 * ignored; a bad value takes the default; more than {@link MAX_STAGES} stages keep the first five;
 * each with a warning naming the stage ("Stage 2: ...").
 */
import {
  decodeScenario,
  drawsRandom,
  encodeScenario,
  readParam,
  SCHEMA_VERSION,
  reconcile,
  type DecodeWarning,
} from "./codec";
import { DEFAULT_SCENARIO, PARAMS, PARAM_BY_KEY, type ParamKey, type Scenario } from "./params";
import type { Strategy } from "./strategies";

/** The link key that carries the stages. */
export const STAGES_KEY = "stages";

/** Most stages a pipeline has. */
export const MAX_STAGES = 5;

/** Longest `stages` value read, characters (five stages with every key set stay far below it). */
export const MAX_STAGES_TEXT = 4000;

/**
 * The strategies a pipeline hop runs: the queue strategies, a Kafka topic, a Reactive Streams
 * subscription and a TCP connection (SEMANTICS.md).
 */
export const STAGE_STRATEGIES = [
  "unbounded",
  "drop-newest",
  "drop-oldest",
  "block",
  "watermark",
  "kafka",
  "reactive",
  "tcp",
] as const;

/** A strategy a pipeline hop runs. */
export type StageStrategy = (typeof STAGE_STRATEGIES)[number];

/** What a hop falls back to when its strategy cannot run: the one that loses nothing. */
export const FALLBACK_STAGE_STRATEGY: StageStrategy = "block";

/** The stage's own server keys (beside its strategy's keys). */
export const STAGE_KEYS: readonly ParamKey[] = ["consumer", "service", "memory", "baseline", "restart"];

/**
 * Keys of a hop's strategy that a stage carries. `onPause` is not one: only the source reacts to
 * "stop" by choice (slow, buffer, drop); a stage told to stop holds its finished event (a cold
 * source, `slow`), which is what carries backpressure up the chain.
 */
const STRATEGY_KEYS: readonly ParamKey[] = ["capacity", "high", "low", "signalDelay"];

/**
 * The keys of the hops that are not queues, with the single-stage models' names and defaults: a
 * Kafka topic (the consumer's poll, commit and rejoin, the broker's retention), a Reactive
 * subscription (prefetch, replenish) and a TCP connection (buffers, RTT, link, MSS). Their other
 * keys (hand-off, pause/resume, eviction, a hot publisher's overflow, buffer autotuning, delayed
 * ACK) are not modelled at a hop.
 */
const HOP_KEYS: Readonly<Partial<Record<StageStrategy, readonly ParamKey[]>>> = {
  kafka: [
    "maxPollRecords",
    "rebalance",
    "commit",
    "autoCommitInterval",
    "retention",
    "offsetReset",
    "retentionCheckInterval",
  ],
  reactive: ["prefetch", "lowTide"],
  tcp: ["mss", "rtt", "link", "rcvBuf", "sndBuf"],
};

/** One stage: its queue's strategy and the values of its keys that differ from the link's. */
export interface StageSpec {
  strategy: StageStrategy;
  /** Values of {@link stageKeys} in their units; absent keys take the shared value. */
  params: Partial<Record<ParamKey, number | string>>;
}

/** A pipeline: the source's workload and its stages, in order from the source. */
export interface Pipeline {
  /** The shared workload (the source) and every stage's starting values; `t` is the moment. */
  shared: Scenario;
  stages: StageSpec[];
}

/** The keys a stage of `strategy` carries, in the table's order. */
export function stageKeys(strategy: StageStrategy): ParamKey[] {
  const hop = HOP_KEYS[strategy];
  return PARAMS.filter(
    (p) =>
      STAGE_KEYS.includes(p.key) ||
      (hop !== undefined
        ? hop.includes(p.key)
        : STRATEGY_KEYS.includes(p.key) && p.strategies?.includes(strategy) === true),
  ).map((p) => p.key);
}

/**
 * The scenario a stage runs: the shared workload with the stage's strategy and keys, the rules
 * between keys applied (so `high` stays at most `capacity`). Repairs go to `warnings` when given.
 * Its `producer` is the source's rate (a stage's real input is the stage before it).
 */
export function stageScenario(shared: Scenario, stage: StageSpec, warnings?: DecodeWarning[]): Scenario {
  const s = { ...shared, strategy: stage.strategy as Strategy } as Record<ParamKey, number | string>;
  for (const key of stageKeys(stage.strategy)) {
    const v = stage.params[key];
    if (v !== undefined) s[key] = v;
  }
  return reconcile(s as unknown as Scenario, warnings);
}

/** The display name of a stage: "Stage 1", "Stage 2", ... */
export function stageName(index: number): string {
  return `Stage ${index + 1}`;
}

/** Whether a strategy name is one a pipeline hop runs. */
export function isStageStrategy(name: string): name is StageStrategy {
  return (STAGE_STRATEGIES as readonly string[]).includes(name);
}

/**
 * Writes stages as the `stages` value: each stage's keys that differ from `shared`'s values
 * (the link's top-level keys), in the table's order.
 */
export function encodeStages(stages: readonly StageSpec[], shared: Scenario = DEFAULT_SCENARIO): string {
  return stages
    .map((stage) => {
      const s = stageScenario(shared, stage);
      const parts: string[] = [stage.strategy];
      for (const key of stageKeys(stage.strategy)) if (s[key] !== shared[key]) parts.push(`${key}:${String(s[key])}`);
      return parts.join(",");
    })
    .join(";");
}

const shown = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

/**
 * Reads a `stages` value. `defaults` holds the link's own values of stage keys (every stage's
 * starting values). Never throws; every stage left out, strategy replaced or value ignored is a
 * warning.
 */
export function decodeStages(
  text: string,
  warnings: DecodeWarning[],
  defaults: Partial<Record<ParamKey, number | string>> = {},
): StageSpec[] {
  const warn = (given: string | null, message: string) =>
    warnings.push({ key: STAGES_KEY, given: given === null ? null : shown(given), used: null, message });
  if (text.length > MAX_STAGES_TEXT) {
    warn(text, `Stages: a value of ${text.length.toLocaleString("en-US")} characters is too long; ignored.`);
    return [];
  }
  const stages: StageSpec[] = [];
  let extra = 0;
  for (const raw of text.split(";")) {
    const stageText = raw.trim();
    if (stageText === "") continue;
    if (stages.length >= MAX_STAGES) {
      extra++;
      continue;
    }
    const [head, ...pairs] = stageText.split(",");
    const name = stageName(stages.length);
    const given = head.trim();
    let strategy: StageStrategy = FALLBACK_STAGE_STRATEGY;
    if (isStageStrategy(given)) strategy = given;
    else
      warn(
        stageText,
        `${name}: "${shown(given)}" is not a strategy a pipeline hop runs (${STAGE_STRATEGIES.join(", ")}); using ${FALLBACK_STAGE_STRATEGY}.`,
      );
    const stage: StageSpec = { strategy, params: {} };
    const own = stageKeys(strategy);
    for (const key of own) if (defaults[key] !== undefined) stage.params[key] = defaults[key];
    const seen = new Set<string>();
    for (const pair of pairs) {
      const colon = pair.indexOf(":");
      const key = (colon >= 0 ? pair.slice(0, colon) : pair).trim();
      const value = colon >= 0 ? pair.slice(colon + 1).trim() : "";
      if (key === "" && value === "") continue;
      const known = Object.hasOwn(PARAM_BY_KEY, key) ? (key as ParamKey) : null;
      const problem =
        known === null
          ? `"${shown(key)}" is not a setting`
          : !own.includes(known)
            ? `"${key}" does not belong to a ${strategy} stage`
            : seen.has(key)
              ? `"${key}" appears more than once; using the first value`
              : null;
      if (problem !== null || known === null) {
        warn(pair, `${name}: ${problem}; ignored.`);
        continue;
      }
      seen.add(key);
      const local: DecodeWarning[] = [];
      stage.params[known] = readParam(PARAM_BY_KEY[known], value, local);
      for (const w of local) warnings.push({ ...w, key: STAGES_KEY, message: `${name}: ${w.message}` });
    }
    stages.push(stage);
  }
  if (extra > 0)
    warn(
      null,
      `A pipeline has at most ${MAX_STAGES} stages; ${extra === 1 ? "one more was" : `${extra} more were`} left out.`,
    );
  return stages;
}

/** The keys whose top-level value in a pipeline link is every stage's starting value. */
export function isStageKey(key: ParamKey): boolean {
  return (
    STAGE_KEYS.includes(key) ||
    STRATEGY_KEYS.includes(key) ||
    Object.values(HOP_KEYS).some((keys) => keys.includes(key))
  );
}

/** The query's `key=value` parts of a link (without `?` and `#`). */
function queryParts(input: string): string[] {
  let text = input.trim();
  const hash = text.indexOf("#");
  if (hash >= 0) text = text.slice(0, hash);
  const q = text.indexOf("?");
  if (q >= 0) text = text.slice(q + 1);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = "";
  return text.split("&").filter((p) => p !== "");
}

function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

function keyOf(part: string): string {
  const eq = part.indexOf("=");
  return decodePart(eq >= 0 ? part.slice(0, eq) : part);
}

function valueOf(part: string): string {
  const eq = part.indexOf("=");
  return decodePart(eq >= 0 ? part.slice(eq + 1) : "");
}

/** Whether a link carries a pipeline (a `stages` key). */
export function hasStages(input: unknown): boolean {
  return typeof input === "string" && queryParts(input).some((p) => keyOf(p) === STAGES_KEY);
}

/** A pipeline link, decoded: the pipeline (null when no stage can run), and what was replaced. */
export interface DecodedPipeline {
  pipeline: Pipeline | null;
  warnings: DecodeWarning[];
  view: Record<string, string>;
}

/**
 * Decodes a pipeline link: the rest of the link is the shared workload (decodeScenario), the
 * `stages` value as {@link decodeStages}. Never throws. A link whose `stages` holds no stage gives
 * `pipeline` null (run the single scenario instead), with a warning. A timeline of changes is not
 * carried by pipelines: it is ignored with a warning.
 */
export function decodePipeline(input: unknown): DecodedPipeline {
  const text = typeof input === "string" ? input : "";
  const parts = queryParts(text);
  const stageParts = parts.filter((p) => keyOf(p) === STAGES_KEY);
  const rest = parts.filter((p) => keyOf(p) !== STAGES_KEY);
  const base = decodeScenario(rest.join("&"));
  const warnings = base.warnings;
  if (stageParts.length === 0) return { pipeline: null, warnings, view: base.view };
  if (stageParts.length > 1)
    warnings.push({
      key: STAGES_KEY,
      given: shown(valueOf(stageParts[1])),
      used: null,
      message: `"${STAGES_KEY}" appears more than once; using the first value.`,
    });
  const given = new Set(rest.map(keyOf));
  const defaults: Partial<Record<ParamKey, number | string>> = {};
  for (const p of PARAMS) if (isStageKey(p.key) && given.has(p.key)) defaults[p.key] = base.scenario[p.key];
  const stages = decodeStages(valueOf(stageParts[0]), warnings, defaults);
  if (base.changes.length > 0)
    warnings.push({
      key: "changes",
      given: null,
      used: null,
      message: "A pipeline runs without a timeline of changes; the changes were ignored.",
    });
  if (stages.length === 0) {
    warnings.push({
      key: STAGES_KEY,
      given: shown(valueOf(stageParts[0])),
      used: null,
      message: "The pipeline has no stage that can run; showing a single run instead.",
    });
    return { pipeline: null, warnings, view: base.view };
  }
  for (const [i, stage] of stages.entries()) {
    const local: DecodeWarning[] = [];
    stageScenario(base.scenario, stage, local);
    for (const w of local) warnings.push({ ...w, key: STAGES_KEY, message: `${stageName(i)}: ${w.message}` });
  }
  return { pipeline: { shared: base.scenario, stages }, warnings, view: base.view };
}

/**
 * The query string (without `?`) of a pipeline: the shared workload's keys as a single-run link
 * writes them, then `stages`. `decodePipeline(encodePipeline(p))` runs the same stages as `p`.
 */
export function encodePipeline(p: Pipeline): string {
  const parts = encodeScenario(p.shared)
    .split("&")
    .filter((x) => x !== "");
  // A stage with random service makes the run random: the link declares the schema version.
  const random = p.stages.some((st) => stageScenario(p.shared, st).service !== "constant");
  if (random && !drawsRandom(p.shared)) parts.unshift(`v=${SCHEMA_VERSION}`);
  const stages = encodeURIComponent(encodeStages(p.stages, p.shared))
    .replace(/%3A/gi, ":")
    .replace(/%3B/gi, ";")
    .replace(/%2C/gi, ",");
  parts.push(`${STAGES_KEY}=${stages}`);
  return parts.join("&");
}
