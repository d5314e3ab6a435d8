/**
 * The command line's work, separated from the process (arguments in, text out, an exit code
 * back) so that tests run it in-process with fake output streams.
 */
import { ChangingRun } from "../models/changingRun";
import { decodeScenario, type DecodeWarning } from "../scenario/codec";
import { decodePipeline, hasStages, type Pipeline } from "../scenario/pipeline";
import { createPipelineSimulation, pipelineStageSeries, pipelineStageSummaries } from "../models/pipelineRun";
import type { StageSeries } from "../models/pipeline/series";
import type { LiveState } from "../engine/simulation";
import { defaultIntervalSec, parseArgs } from "./args";
import { samplesCsv } from "../export";
import { formatHuman, formatWarnings, reportJson, type AtPoint, type CliReport } from "./format";
import { helpText } from "./help";

/** Where the command line writes. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Writes a whole file; may throw (the error is reported, exit code 1). */
  writeFile(path: string, text: string): void;
}

/** Exit codes: 0 success, 1 failure while running or writing, 2 usage error. */
export const EXIT_OK = 0;
/** A run or an output file failed. */
export const EXIT_FAILURE = 1;
/** The command line was used wrongly (bad option, bad value). */
export const EXIT_USAGE = 2;

/** The state at one `--at` moment. */
function atPoint(t: number, live: LiveState): AtPoint {
  return {
    t,
    queued: live.queued,
    inService: live.inService,
    memoryBytes: live.memoryBytes,
    upstreamQueued: live.upstreamQueued,
    produced: live.produced,
    consumed: live.consumed,
    dropped: live.dropped,
    lost: live.lost,
    consumerUp: live.consumerUp,
  };
}

/** Runs the scenario described by `argv` and returns the report (no output). A link with `stages` runs a pipeline. */
export function buildReport(
  query: string,
  untilSec: number | null,
  atSec: readonly number[],
  intervalSec: number | null,
) {
  if (hasStages(query)) {
    const opened = decodePipeline(query);
    if (opened.pipeline !== null) return pipelineReport(opened.pipeline, opened.warnings, untilSec, atSec, intervalSec);
  }
  const decoded = decodeScenario(query);
  const scenario = decoded.scenario;
  const until = untilSec ?? scenario.duration;
  // The link's timeline of changes applies at its times, as on the page.
  const run = new ChangingRun(scenario, decoded.changes, {
    sampleIntervalSec: intervalSec ?? defaultIntervalSec(until),
  });
  const sim = run.sim;
  // Visit the --at moments in time order, report them in the order given.
  const atByTime = new Map<number, AtPoint>();
  for (const t of [...new Set(atSec)].sort((a, b) => a - b)) {
    run.advanceTo(t);
    atByTime.set(t, atPoint(t, sim.live()));
  }
  run.advanceTo(until);
  const report: CliReport = {
    scenario,
    warnings: decoded.warnings,
    summary: sim.summary(),
    at: atSec.map((t) => atByTime.get(t)!),
    model: sim.modelFigures(),
    changes: decoded.changes,
  };
  return { report, sim };
}

/** Runs a pipeline (a link with `stages`) and returns its report, with each stage's figures. */
function pipelineReport(
  pipeline: Pipeline,
  warnings: DecodeWarning[],
  untilSec: number | null,
  atSec: readonly number[],
  intervalSec: number | null,
) {
  const until = untilSec ?? pipeline.shared.duration;
  const sim = createPipelineSimulation(pipeline, { sampleIntervalSec: intervalSec ?? defaultIntervalSec(until) });
  const atByTime = new Map<number, AtPoint>();
  for (const t of [...new Set(atSec)].sort((a, b) => a - b)) {
    sim.advanceTo(t);
    atByTime.set(t, atPoint(t, sim.live()));
  }
  sim.advanceTo(until);
  const report: CliReport = {
    scenario: pipeline.shared,
    warnings,
    summary: sim.summary(),
    at: atSec.map((t) => atByTime.get(t)!),
    model: sim.modelFigures(),
    changes: [],
    stages: pipelineStageSummaries(sim),
  };
  return { report, sim };
}

/** A pipeline's CSV: the chain's columns, then each stage's (`stage1Queued`, ...) on every row. */
function withStageColumns(csv: string, series: StageSeries): string {
  const lines = csv.split("\n");
  const out: string[] = [];
  let row = -1;
  for (const line of lines) {
    if (line === "" || line.startsWith("#")) {
      out.push(line);
    } else if (row < 0) {
      out.push(`${line},${series.headers().join(",")}`);
      row = 0;
    } else {
      const values = row < series.length ? series.rowAt(row) : [];
      out.push(`${line},${values.map((v) => (Number.isFinite(v) ? String(v) : "")).join(",")}`);
      row++;
    }
  }
  return out.join("\n");
}

/** Runs the command line; returns the process exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  const request = parseArgs(argv);
  if (request.kind === "help") {
    io.stdout(helpText() + "\n");
    return EXIT_OK;
  }
  if (request.kind === "error") {
    io.stderr(`sim: ${request.message}\n`);
    return EXIT_USAGE;
  }
  const duration = (decodePipeline(request.query).pipeline?.shared ?? decodeScenario(request.query).scenario).duration;
  const until = request.untilSec ?? duration;
  const late = request.atSec.find((t) => t > until);
  if (late !== undefined) {
    io.stderr(`sim: --at ${late} is after the end of the run (${until} s); add --until ${late} or more\n`);
    return EXIT_USAGE;
  }
  let built: ReturnType<typeof buildReport>;
  try {
    built = buildReport(request.query, request.untilSec, request.atSec, request.intervalSec);
  } catch (error) {
    io.stderr(`sim: the run failed: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  const { report, sim } = built;
  if (request.csvPath !== null) {
    try {
      const series = pipelineStageSeries(sim);
      const csv = samplesCsv(sim.readSamples(0));
      io.writeFile(request.csvPath, series === null ? csv : withStageColumns(csv, series));
    } catch (error) {
      io.stderr(`sim: cannot write ${request.csvPath}: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
  }
  if (request.json) {
    io.stdout(reportJson(report) + "\n");
  } else {
    if (report.warnings.length > 0) io.stderr(formatWarnings(report.warnings) + "\n");
    io.stdout(formatHuman(report) + "\n");
    if (request.csvPath !== null) io.stdout(`Wrote ${sim.sampleCount} samples to ${request.csvPath}\n`);
  }
  return EXIT_OK;
}
