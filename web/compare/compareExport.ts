/**
 * Exports of a comparison: every lane's samples as one CSV (a `lane` and a `strategy` column
 * before the sample columns of src-sim/export.ts) and as one JSON document (each lane as the
 * single run's JSON export, under the comparison's link).
 */
import { SAMPLE_COLUMNS, type SampleBatch, type SimEvent } from "../../src-sim/engine/types";
import { RUN_JSON_FORMAT, RUN_JSON_VERSION, columnUnit, runJson, type RunJson } from "../../src-sim/export";
import type { Scenario } from "../../src-sim/scenario/params";

/** Names the comparison's JSON export under `format`, with its version. */
export const COMPARISON_JSON_FORMAT = "backpressure-playground/comparison";
/** See {@link COMPARISON_JSON_FORMAT}. */
export const COMPARISON_JSON_VERSION = 1;

/** One lane as an export needs it. */
export interface LaneExport {
  /** "A", "B" ... */
  letter: string;
  scenario: Scenario;
  batch: SampleBatch;
  events: readonly SimEvent[];
}

/**
 * All lanes' samples as one CSV: `#` lines with the comparison's link, the sample interval and
 * the units, then a header `lane,strategy,<sample columns>` and one row per lane and sample
 * (lane A's rows first). Empty fields where a value is NaN, as in the single run's CSV.
 */
export function lanesCsv(lanes: readonly LaneExport[], url: string, sampleIntervalSec: number): string {
  const rows = [
    "# Backpressure Playground: one row per lane and sample of a comparison",
    `# comparison: ${url.replace(/[\r\n]+/g, " ")}`,
    `# sample interval: ${sampleIntervalSec} s`,
    `# units: ${SAMPLE_COLUMNS.map((c) => `${c} [${columnUnit(c)}]`).join(", ")}`,
    ["lane", "strategy", ...SAMPLE_COLUMNS].join(","),
  ];
  for (const lane of lanes) {
    const cols = SAMPLE_COLUMNS.map((c) => lane.batch.columns[c]);
    const head = `${lane.letter},${lane.scenario.strategy}`;
    for (let i = 0; i < lane.batch.count; i++) {
      let row = head;
      for (const col of cols) {
        const v = col[i];
        row += Number.isFinite(v) ? `,${v}` : ",";
      }
      rows.push(row);
    }
  }
  return rows.join("\n") + "\n";
}

/** The comparison's JSON export's shape. */
export interface ComparisonJson {
  format: typeof COMPARISON_JSON_FORMAT;
  version: number;
  url: string;
  sampleIntervalSec: number;
  /** Each lane: its letter, then the single run's export of it (format RUN_JSON_FORMAT). */
  lanes: Array<{ lane: string } & RunJson>;
}

/** All lanes as one JSON document (see {@link ComparisonJson}). */
export function lanesJson(lanes: readonly LaneExport[], url: string, sampleIntervalSec: number): string {
  const doc: ComparisonJson = {
    format: COMPARISON_JSON_FORMAT,
    version: COMPARISON_JSON_VERSION,
    url,
    sampleIntervalSec,
    lanes: lanes.map((lane) => {
      const run = JSON.parse(
        runJson(lane.batch, lane.events, { url, scenario: lane.scenario, sampleIntervalSec }),
      ) as RunJson;
      return { lane: lane.letter, ...run, format: RUN_JSON_FORMAT, version: RUN_JSON_VERSION };
    }),
  };
  return JSON.stringify(doc);
}
