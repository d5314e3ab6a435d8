/**
 * Exports of a run as text: every sample column as CSV, and samples plus events as JSON. Pure
 * string builders shared by the command line (`--csv`) and the page's Export menu, so a file
 * written by either reads the same way.
 *
 * The page's files name the scenario they came from (its link, moment included), so a file found
 * in a folder months later still says how to reproduce it: CSV in `#` comment lines before the
 * header (pandas `comment="#"`, R `comment.char = "#"`), JSON in a `url` field. The command line
 * passes no source and writes a bare header + rows, as it always has.
 */
import { ENVELOPE_SPECS } from "./scenario/columns";
import { SAMPLE_COLUMNS, type SampleBatch, type SampleColumn, type SimEvent } from "./engine/types";
import type { ScenarioChange } from "./scenario/changes";
import type { Scenario } from "./scenario/params";

/** Where an export came from. */
export interface ExportSource {
  /** The scenario's link, with the moment (`t=`) it was exported at. */
  url: string;
  /** The scenario the run starts with (its link's values). */
  scenario: Scenario;
  /** The run's timeline of changes (in the link too); empty when none. */
  changes?: ScenarioChange[];
  /** Simulated time between samples, s. */
  sampleIntervalSec: number;
}

/** Names the JSON export under `format`, with its version; bump the version when the shape changes. */
export const RUN_JSON_FORMAT = "backpressure-playground/run";
/** See {@link RUN_JSON_FORMAT}. */
export const RUN_JSON_VERSION = 1;

/**
 * Unit of each sample column (as documented on SAMPLE_COLUMNS). Partial on purpose: a column
 * added by a mechanism must not break the build, only the unit test that asks for its unit.
 */
export const COLUMN_UNITS: Readonly<Partial<Record<SampleColumn, string>>> = {
  timeSec: "s",
  // Envelope columns (xMin, xMax) take the unit of x: see columnUnit().
  queued: "events",
  inService: "events",
  memoryBytes: "bytes",
  produced: "events",
  consumed: "events",
  dropped: "events",
  lost: "events",
  pauseSignals: "signals",
  resumeSignals: "signals",
  producedRate: "events/s",
  consumedRate: "events/s",
  droppedRate: "events/s",
  producerState: "0 running, 1 paused, 2 blocked",
  consumerUp: "1 up, 0 down",
  latencyP50: "s",
  latencyP99: "s",
  latencyMax: "s",
  latencyMean: "s",
  oldestAgeSec: "s",
  upstreamQueued: "events",
  upstreamBytes: "bytes",
  tcpWindowBytes: "bytes",
  tcpInFlightBytes: "bytes",
  tcpSendBufferBytes: "bytes",
  tcpReceiveBufferBytes: "bytes",
  tcpSndUna: "bytes",
  tcpSndNxt: "bytes",
  kafkaLogStart: "offset",
  kafkaLogEnd: "offset",
  kafkaPosition: "offset",
  kafkaCommitted: "offset",
  kafkaLagRecords: "records",
  kafkaLagSec: "s",
  kafkaClearSec: "s",
  kafkaBatchStart: "offset",
  kafkaBatchNext: "offset",
  kafkaBatchEnd: "offset",
  kafkaPollLeftSec: "s",
  kafkaDuplicates: "records",
  rsDemand: "items",
  rsRequests: "calls",
  rsBuffer: "items",
};

/** The unit of a column; an envelope column (xMin, xMax) has the unit of its level column x. */
export function columnUnit(c: SampleColumn): string {
  const own = COLUMN_UNITS[c];
  if (own) return own;
  const spec = ENVELOPE_SPECS.find((e) => e.name === c);
  return (spec && COLUMN_UNITS[spec.of]) ?? "-";
}

/** Comment lines must stay single lines whatever a URL holds. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}

/**
 * Every sample column as CSV: a header of column names (units are in the names), then one row
 * per sample. NaN (no latency in an interval, unused mechanism columns) is written as an empty
 * field, which spreadsheets read as missing. With a `source`, `#` comment lines before the header
 * give the scenario's link, the sample interval and each column's unit.
 */
export function samplesCsv(batch: SampleBatch, source?: ExportSource): string {
  const rows: string[] = [];
  if (source) {
    rows.push("# Backpressure Playground: one row per sample of a simulated run");
    rows.push(`# scenario: ${oneLine(source.url)}`);
    rows.push(`# sample interval: ${source.sampleIntervalSec} s`);
    rows.push(`# units: ${SAMPLE_COLUMNS.map((c) => `${c} [${columnUnit(c)}]`).join(", ")}`);
  }
  rows.push(SAMPLE_COLUMNS.join(","));
  const cols = SAMPLE_COLUMNS.map((name) => batch.columns[name]);
  for (let i = 0; i < batch.count; i++) {
    let row = "";
    for (let c = 0; c < cols.length; c++) {
      const v = cols[c][i];
      if (c > 0) row += ",";
      if (Number.isFinite(v)) row += String(v);
    }
    rows.push(row);
  }
  return rows.join("\n") + "\n";
}

/** A number for JSON: NaN and infinities (which JSON cannot hold) become null. */
function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** The JSON export's shape (see {@link runJson}). */
export interface RunJson {
  format: typeof RUN_JSON_FORMAT;
  version: number;
  /** The scenario's link at the exported moment. */
  url: string;
  scenario: Scenario;
  /** The run's timeline of changes, applied at their times (empty when none). */
  changes: ScenarioChange[];
  /** Simulated time between samples, s. */
  sampleIntervalSec: number;
  /** Number of samples (the length of every column). */
  samples: number;
  /** Unit of each column. */
  units: Record<string, string>;
  /** One array per sample column; null where the CSV has an empty field. */
  columns: Record<string, Array<number | null>>;
  /** The event log, in log order: time (s), kind, and the kind's value. */
  events: Array<{ timeSec: number; kind: string; value: number | null }>;
}

/**
 * The run as one JSON document: the scenario and its link, every sample column (columnar, as the
 * page stores them) and the event log. Non-finite numbers become null.
 */
export function runJson(batch: SampleBatch, events: readonly SimEvent[], source: ExportSource): string {
  const columns: Record<string, Array<number | null>> = {};
  const units: Record<string, string> = {};
  for (const name of SAMPLE_COLUMNS) {
    const col = batch.columns[name];
    const out = new Array<number | null>(batch.count);
    for (let i = 0; i < batch.count; i++) out[i] = jsonNumber(col[i]);
    columns[name] = out;
    units[name] = columnUnit(name);
  }
  const doc: RunJson = {
    format: RUN_JSON_FORMAT,
    version: RUN_JSON_VERSION,
    url: source.url,
    scenario: source.scenario,
    changes: source.changes ?? [],
    sampleIntervalSec: source.sampleIntervalSec,
    samples: batch.count,
    units,
    columns,
    events: events.map((e) => ({ timeSec: e.timeSec, kind: e.kind, value: jsonNumber(e.value) })),
  };
  return JSON.stringify(doc);
}

/**
 * A file name for an export of `scenario` at `timeSec`: "backpressure-watermark-60s.csv".
 * Only [a-z0-9.-] so that it is safe on every file system; `label` (a chart id) is optional.
 */
export function exportFileName(
  scenario: Pick<Scenario, "strategy">,
  timeSec: number,
  extension: string,
  label?: string,
): string {
  const moment = `${Math.round(Math.max(0, timeSec) * 10) / 10}s`;
  const parts = ["backpressure", scenario.strategy, label, moment].filter((p): p is string => !!p);
  const safe = parts
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, "-")
    .replace(/-{2,}/g, "-");
  return `${safe}.${extension.replace(/[^a-z0-9]/gi, "")}`;
}
