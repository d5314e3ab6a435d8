/**
 * Runs the engine and the oracle side by side and lists where their samples differ, so a test
 * failure names the scenario, the time, the column and both values.
 */
import { type Simulation } from "../../src-sim/engine/simulation";
import { createSimulation } from "../../src-sim/models/index";
import { SAMPLE_COLUMNS, type SampleColumn } from "../../src-sim/engine/types";
import type { Scenario } from "../../src-sim/scenario/params";
import { Oracle } from "../oracle";

/** Columns that count events: on deterministic scenarios they must agree exactly. */
export const COUNT_COLUMNS: readonly SampleColumn[] = [
  "queued",
  "inService",
  "memoryBytes",
  "produced",
  "consumed",
  "dropped",
  "lost",
  "producerState",
  "consumerUp",
  "upstreamQueued",
  "upstreamBytes",
];

/** One disagreement between engine and oracle. */
export interface Mismatch {
  timeSec: number;
  column: SampleColumn;
  engine: number;
  oracle: number;
}

/** Both runs advanced to `untilSec` (in steps of `stepSec`, to exercise incremental calls). */
export function runBoth(scenario: Scenario, untilSec: number, sampleIntervalSec = 0.1, stepSec = untilSec) {
  const engine = createSimulation(scenario, { sampleIntervalSec });
  const oracle = new Oracle(scenario, { sampleIntervalSec });
  for (let t = stepSec; t < untilSec + stepSec / 2; t += stepSec) {
    const to = Math.min(t, untilSec);
    engine.advanceTo(to);
    oracle.advanceTo(to);
  }
  return { engine, oracle };
}

/**
 * Sample-by-sample differences in `columns`; `relTol` allows float rounding for continuous columns
 * (0 = exact). At most `limit` are listed.
 */
export function sampleMismatches(
  engine: Simulation,
  oracle: Oracle,
  columns: readonly SampleColumn[] = COUNT_COLUMNS,
  relTol = 0,
  limit = 5,
): Mismatch[] {
  const out: Mismatch[] = [];
  const batch = engine.readSamples(0);
  if (batch.count !== oracle.sampleCount) {
    out.push({ timeSec: NaN, column: "timeSec", engine: batch.count, oracle: oracle.sampleCount });
    return out;
  }
  for (let i = 0; i < batch.count && out.length < limit; i++) {
    for (const column of columns) {
      const e = batch.columns[column][i];
      const o = oracle.samples[column][i];
      const same =
        Object.is(e, o) ||
        (Number.isNaN(e) && Number.isNaN(o)) ||
        Math.abs(e - o) <= relTol * Math.max(Math.abs(e), Math.abs(o));
      if (!same) {
        out.push({ timeSec: batch.columns.timeSec[i], column, engine: e, oracle: o });
        if (out.length >= limit) break;
      }
    }
  }
  return out;
}

/** Every column name, for callers that want to compare all of them. */
export const ALL_COLUMNS = SAMPLE_COLUMNS;
