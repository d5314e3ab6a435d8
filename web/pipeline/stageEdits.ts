/**
 * The stage editor's logic (issue 14): each edit of the chain (add or remove a stage, a stage's
 * strategy or one of its keys, the source's keys) as a pure function from a pipeline to the next
 * one, run through the link's own codec (encodePipeline, then decodePipeline) so the chain the
 * page runs is exactly the one its link reopens. What the codec repairs (a value out of range, a
 * high watermark above the capacity) comes back as notes in the codec's words; nothing throws.
 *
 * The strategies a stage offers and the keys each one carries come from the codec
 * (STAGE_STRATEGIES, stageKeys) and the parameter table, so a hop kind the codec learns appears
 * in the editor without an edit here.
 */
import {
  decodePipeline,
  encodePipeline,
  MAX_STAGES,
  STAGE_STRATEGIES,
  stageKeys,
  stageName,
  stageScenario,
  type Pipeline,
  type StageSpec,
  type StageStrategy,
} from "../../src-sim/scenario/pipeline";
import { readParam, type DecodeWarning } from "../../src-sim/scenario/codec";
import { PARAM_BY_KEY, type Param, type ParamKey } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE, type Strategy } from "../../src-sim/scenario/strategies";
import { parseHumanNumber } from "../format/parse";

/** Fewest stages the editor leaves: one stage is the single run, and still a chain to grow. */
export const MIN_STAGES = 1;

/** The source's keys the editor offers: its rate, its arrival process and what it does when stopped. */
export const SOURCE_KEYS: readonly ParamKey[] = ["producer", "arrivals", "onPause"];

/** Labels that read better in a chain than the single run's (a stage's rate is its service rate). */
const LABELS: Partial<Record<ParamKey, string>> = {
  producer: "Rate",
  arrivals: "Arrivals",
  onPause: "When stopped",
  consumer: "Service rate",
  service: "Service times",
};

/** The label of a key in the editor. */
export function editorLabel(key: ParamKey): string {
  return LABELS[key] ?? PARAM_BY_KEY[key].label;
}

/** The strategies a stage can take, with their display names, in the codec's order. */
export function stageStrategyChoices(): Array<{ value: StageStrategy; label: string }> {
  return STAGE_STRATEGIES.map((value) => ({
    value,
    label: (STRATEGY_TABLE as Partial<Record<string, { label: string }>>)[value]?.label ?? value,
  }));
}

/** A stage's keys as the editor shows them: the table's row and the value the stage runs with. */
export function stageFields(p: Pipeline, k: number): Array<{ param: Param; value: number | string }> {
  const sc = stageScenario(p.shared, p.stages[k]) as unknown as Record<ParamKey, number | string>;
  return stageKeys(p.stages[k].strategy).map((key) => ({ param: PARAM_BY_KEY[key], value: sc[key] }));
}

/** The source's keys with their values. */
export function sourceFields(p: Pipeline): Array<{ param: Param; value: number | string }> {
  const shared = p.shared as unknown as Record<ParamKey, number | string>;
  return SOURCE_KEYS.map((key) => ({ param: PARAM_BY_KEY[key], value: shared[key] }));
}

/** The result of an edit: the pipeline to run (as its link reopens it) and what was repaired. */
export interface EditResult {
  pipeline: Pipeline;
  /** Sentences for the user: each value the edit could not take as given, and what it took. */
  notes: string[];
}

/** A pipeline as its link reopens it, with the codec's repairs as notes (`t` kept). */
export function canonical(p: Pipeline, notes: string[] = []): EditResult {
  const note = (message: string) => {
    if (!notes.includes(message)) notes.push(message);
  };
  // The rules between a stage's keys (a high mark at most the capacity) apply as the link is written.
  for (const [k, stage] of p.stages.entries()) {
    const local: DecodeWarning[] = [];
    stageScenario(p.shared, stage, local);
    for (const w of local) note(`${stageName(k)}: ${w.message}`);
  }
  const decoded = decodePipeline(encodePipeline(p));
  for (const w of decoded.warnings) note(w.message);
  if (!decoded.pipeline) return { pipeline: p, notes };
  return {
    pipeline: { shared: { ...decoded.pipeline.shared, t: p.shared.t }, stages: decoded.pipeline.stages },
    notes,
  };
}

const cloneStage = (st: StageSpec): StageSpec => ({ strategy: st.strategy, params: { ...st.params } });

/**
 * A stage added before the sink: a copy of the last stage (its rate and queue are a plausible
 * start), or the note that a chain holds at most {@link MAX_STAGES}.
 */
export function addStage(p: Pipeline): EditResult {
  if (p.stages.length >= MAX_STAGES)
    return { pipeline: p, notes: [`A pipeline has at most ${MAX_STAGES} stages; remove one first.`] };
  const last = p.stages[p.stages.length - 1];
  const added: StageSpec = last ? cloneStage(last) : { strategy: "block", params: {} };
  return canonical({ shared: p.shared, stages: [...p.stages.map(cloneStage), added] });
}

/** Stage `k` removed, or the note that the chain keeps at least {@link MIN_STAGES}. */
export function removeStage(p: Pipeline, k: number): EditResult {
  if (p.stages.length <= MIN_STAGES || k < 0 || k >= p.stages.length)
    return { pipeline: p, notes: ["A pipeline keeps at least one stage."] };
  return canonical({ shared: p.shared, stages: p.stages.filter((_, i) => i !== k).map(cloneStage) });
}

/**
 * Stage `k`'s queue strategy: the keys the new strategy shares with the old keep their values
 * (its rate, memory, capacity), the ones it does not carry are left out.
 */
export function setStageStrategy(p: Pipeline, k: number, strategy: string): EditResult {
  const stage = p.stages[k];
  if (!stage) return { pipeline: p, notes: [] };
  if (!(STAGE_STRATEGIES as readonly string[]).includes(strategy))
    return { pipeline: p, notes: [`${stageName(k)}: "${strategy}" is not a strategy a pipeline hop runs.`] };
  const next = strategy as StageStrategy;
  const sc = stageScenario(p.shared, stage) as unknown as Record<ParamKey, number | string>;
  const params: StageSpec["params"] = {};
  for (const key of stageKeys(next)) if (stageKeys(stage.strategy).includes(key)) params[key] = sc[key];
  const stages = p.stages.map((st, i) => (i === k ? { strategy: next, params } : cloneStage(st)));
  return canonical({ shared: p.shared, stages });
}

/**
 * Reads what a person typed for `key`: a number in the key's unit ("60K", "500 MB", "250 ms") or
 * one of its names. Clamps and snaps as the link does, with the codec's sentence when it did;
 * null (and a note) when the text is not a value at all, so the old value stays.
 */
export function readTyped(key: ParamKey, text: string, who: string, notes: string[]): number | string | null {
  const param = PARAM_BY_KEY[key];
  const label = editorLabel(key);
  if (param.kind === "enum") {
    if (param.values.includes(text)) return text;
    notes.push(`${who}: "${text}" is not one of ${param.values.join(", ")}; kept the old value.`);
    return null;
  }
  const typed = parseHumanNumber(text, param.unit);
  if (!Number.isFinite(typed) && !(typed === Infinity)) {
    notes.push(`${who}: "${text.slice(0, 40)}" is not a number for ${label}; kept the old value.`);
    return null;
  }
  const local: DecodeWarning[] = [];
  const value = readParam(param, typed === Infinity ? "1e999" : String(typed), local);
  for (const w of local) notes.push(`${who}: ${w.message}`);
  return value;
}

/** Stage `k`'s `key` set from typed text (see {@link readTyped}). */
export function setStageValue(p: Pipeline, k: number, key: ParamKey, text: string): EditResult {
  const stage = p.stages[k];
  const notes: string[] = [];
  if (!stage || !stageKeys(stage.strategy).includes(key)) return { pipeline: p, notes };
  const value = readTyped(key, text, stageName(k), notes);
  if (value === null) return { pipeline: p, notes };
  const stages = p.stages.map((st, i) =>
    i === k ? { strategy: st.strategy, params: { ...st.params, [key]: value } } : cloneStage(st),
  );
  return canonical({ shared: p.shared, stages }, notes);
}

/** The source's `key` set from typed text (see {@link readTyped}). */
export function setSourceValue(p: Pipeline, key: ParamKey, text: string): EditResult {
  const notes: string[] = [];
  if (!SOURCE_KEYS.includes(key)) return { pipeline: p, notes };
  const value = readTyped(key, text, "Source", notes);
  if (value === null) return { pipeline: p, notes };
  return canonical({ shared: { ...p.shared, [key]: value }, stages: p.stages.map(cloneStage) }, notes);
}

/** Whether the source's reaction to "stop" matters: Stage 1's hop pushes back on it. */
export function sourceCanBeStopped(p: Pipeline): boolean {
  const first = p.stages[0];
  if (!first) return false;
  const spec = (STRATEGY_TABLE as Partial<Record<string, { producerReactions: readonly string[] }>>)[
    first.strategy as Strategy
  ];
  return (spec?.producerReactions.length ?? 0) > 0;
}
