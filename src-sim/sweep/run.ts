/**
 * Running a sweep: the tasks (one per point, and per strategy where several are compared), each
 * run exactly as the single run of its scenario would be (same engine, same sample interval,
 * same seed), and the rows they give, as CSV. Pure: the command line spreads tasks over worker
 * threads, the page over Web Workers; both call {@link runTask}.
 */
import { ChangingRun } from "../models/changingRun";
import { encodeScenario } from "../scenario/codec";
import type { ScenarioChange } from "../scenario/changes";
import type { ParamKey, Scenario } from "../scenario/params";
import { repairScenario } from "../scenario/repairs";
import type { Strategy } from "../scenario/strategies";
import { formatSweep, sweepValues, type SweepDefinition } from "./definition";
import { RUN_FIGURES, runFigures, type RunFigures } from "./figures";

/**
 * A second dimension of a sweep's lines besides the strategy: one choice parameter and the values
 * it takes, one line each (for example `service` exponential and constant: an M/M/1 and an M/D/1).
 */
export interface SweepVariants {
  key: ParamKey;
  values: readonly string[];
}

/** One run of a sweep. */
export interface SweepTask {
  /** Position in the sweep's output (point-major, then strategy, then variant). */
  index: number;
  /** The swept parameter's value. */
  value: number;
  /** The value of the variants' key in this run (null: the sweep has no variants). */
  variant: string | null;
  /** The run's scenario, repaired as a link's would be (so the point opens as this run). */
  scenario: Scenario;
  /** The base scenario's timeline of changes, applied at their times as in its single run. */
  changes: readonly ScenarioChange[];
  /** Simulated seconds to run. */
  untilSec: number;
}

/** What one run gave. */
export interface SweepRow {
  index: number;
  value: number;
  strategy: Strategy;
  /** See {@link SweepTask.variant}. */
  variant: string | null;
  figures: RunFigures;
}

/** What a sweep worker answers to one task: its row, or the error that stopped the run. */
export type SweepAnswer = { type: "row"; row: SweepRow } | { type: "failed"; index: number; message: string };

/**
 * The tasks of a sweep of `base`: every value of `def`, under each of `strategies` (the base's
 * own when empty) and each of the `variants` (if any), run for `untilSec` (the scenario's
 * duration when null). The swept value is the starting value; the base's timeline of `changes`
 * goes with every run unchanged (a change of the swept key takes over from its time, as it
 * would in the single run). Each scenario is repaired like a decoded link (a swept capacity
 * below the high watermark lowers the watermarks), so a point is exactly the run its link opens.
 */
export function sweepTasks(
  base: Scenario,
  def: SweepDefinition,
  strategies: readonly Strategy[],
  untilSec: number | null,
  changes: readonly ScenarioChange[] = [],
  variants: SweepVariants | null = null,
): SweepTask[] {
  const lanes = strategies.length > 0 ? strategies : [base.strategy];
  const variantValues: ReadonlyArray<string | null> = variants ? variants.values : [null];
  const tasks: SweepTask[] = [];
  for (const value of sweepValues(def)) {
    for (const strategy of lanes) {
      for (const variant of variantValues) {
        const asked: Scenario = { ...base, strategy, [def.key]: value };
        if (variants && variant !== null) (asked as unknown as Record<string, unknown>)[variants.key] = variant;
        const scenario = repairScenario(asked).scenario;
        tasks.push({ index: tasks.length, value, variant, scenario, changes, untilSec: untilSec ?? scenario.duration });
      }
    }
  }
  return tasks;
}

/** Runs one task: exactly the single run of its scenario, to `untilSec`. */
export function runTask(task: SweepTask): SweepRow {
  const run = new ChangingRun(task.scenario, task.changes);
  run.advanceTo(task.untilSec);
  return {
    index: task.index,
    value: task.value,
    strategy: task.scenario.strategy,
    variant: task.variant,
    figures: runFigures(run.sim, task.scenario),
  };
}

/** A CSV cell: numbers in full precision, empty for a figure that does not exist. */
function cell(v: number | string | null): string {
  if (v === null) return "";
  return typeof v === "number" ? String(v) : v;
}

/**
 * The rows as CSV: a comment line with the sweep and the base scenario's link, then one row per
 * run with the swept key's value (column named after the key), the strategy, the variant (a
 * column named after the variants' key, when the sweep has variants) and every figure.
 */
export function sweepCsv(
  def: SweepDefinition,
  base: Scenario,
  rows: readonly SweepRow[],
  variants: SweepVariants | null = null,
): string {
  const header = [def.key, "strategy", ...(variants ? [variants.key] : []), ...RUN_FIGURES.map((f) => f.name)];
  const lines = [
    `# sweep ${formatSweep(def)}${variants ? ` lines ${variants.key}:${variants.values.join(",")}` : ""} of ?${encodeScenario(base)}`,
    header.join(","),
    ...[...rows]
      .sort((a, b) => a.index - b.index)
      .map((r) =>
        [
          cell(r.value),
          r.strategy,
          ...(variants ? [r.variant ?? ""] : []),
          ...RUN_FIGURES.map((f) => cell(r.figures[f.name])),
        ].join(","),
      ),
  ];
  return lines.join("\n") + "\n";
}
