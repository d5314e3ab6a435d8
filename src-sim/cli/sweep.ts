/**
 * `--sweep KEY=FROM:TO:POINTS[:SCALE] [--strategies A,B,...] [--jobs N]`: the command line's
 * sweeps. One run per point (and per strategy), each exactly the single run of its scenario,
 * reported as one row with the swept value and the run's figures (src-sim/sweep/figures.ts);
 * `--csv FILE` writes the rows, `--json` prints them, otherwise a table. With `--jobs N` the
 * runs are spread over N worker threads (the process's entry file serves as the worker).
 */
import { decodeScenario, type DecodeWarning } from "../scenario/codec";
import { STRATEGIES, type Strategy } from "../scenario/strategies";
import { formatSweep, parseSweep, type SweepDefinition } from "../sweep/definition";
import { RUN_FIGURES } from "../sweep/figures";
import { parseVariants } from "../sweep/link";
import { runTask, sweepCsv, sweepTasks, type SweepRow, type SweepTask, type SweepVariants } from "../sweep/run";
import { parseArgs } from "./args";

/** The sweep options, taken out of the arguments before the usual parsing. */
export interface SweepArgs {
  /** The `--sweep` text, or null when the command line is not a sweep. */
  sweep: string | null;
  /** Worker threads to use (1: run in this thread). */
  jobs: number;
  /** Strategies to compare at every point (empty: the scenario's own). */
  strategies: Strategy[];
  /** `--lines KEY:V1,V2`: a line per value of a choice parameter too (null: none). */
  lines: string | null;
  /** The remaining arguments, for the usual parser. */
  rest: string[];
}

/** The sweep options of `--help`. */
export const SWEEP_OPTIONS: ReadonlyArray<{ flag: string; value?: string; description: string }> = [
  {
    flag: "--sweep",
    value: "KEY=FROM:TO:POINTS",
    description: "run the scenario once per value of KEY (2-100 points; append :log or :linear to choose the spacing)",
  },
  { flag: "--strategies", value: "A,B,...", description: "with --sweep: run every point under each strategy" },
  {
    flag: "--lines",
    value: "KEY:V1,V2",
    description:
      "with --sweep: run every point under each value of a choice parameter too (e.g. service:exponential,constant)",
  },
  { flag: "--jobs", value: "N", description: "with --sweep: spread the runs over N worker threads" },
];

/** Takes the sweep options out of `argv`. Never throws. */
export function extractSweepArgs(argv: readonly string[]): SweepArgs | { error: string } {
  const out: SweepArgs = { sweep: null, jobs: 1, strategies: [], lines: null, rest: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== "--sweep" && flag !== "--jobs" && flag !== "--strategies" && flag !== "--lines") {
      out.rest.push(arg);
      continue;
    }
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq <= 0) {
      if (value === undefined || value.startsWith("--")) value = undefined;
      else i++;
    }
    if (value === undefined || value.trim() === "") return { error: `${flag} needs a value; see --help` };
    if (flag === "--sweep") out.sweep = value;
    else if (flag === "--lines") out.lines = value;
    else if (flag === "--jobs") {
      const n = /^\d{1,3}$/.test(value.trim()) ? Number(value) : NaN;
      if (!(n >= 1 && n <= 64)) return { error: `--jobs ${value}: expected a whole number from 1 to 64` };
      out.jobs = n;
    } else {
      const names = value.split(",").map((s) => s.trim());
      const bad = names.find((n) => !(STRATEGIES as readonly string[]).includes(n));
      if (bad !== undefined) return { error: `--strategies: "${bad}" is not one of ${STRATEGIES.join(", ")}` };
      out.strategies = [...new Set(names as Strategy[])];
    }
  }
  if (out.sweep === null && (out.jobs !== 1 || out.strategies.length > 0 || out.lines !== null)) {
    return { error: "--jobs, --strategies and --lines go with --sweep" };
  }
  return out;
}

/** Runs tasks in worker threads; resolves with their rows. Provided by the process entry. */
export type RunInWorkers = (tasks: readonly SweepTask[], jobs: number) => Promise<SweepRow[]>;

/** Where a sweep writes, and how it may use threads. */
export interface SweepIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: string): void;
  /** Absent (tests, or one job): tasks run in this thread. */
  runInWorkers?: RunInWorkers;
}

/** A readable table of the rows: the swept value, the strategy and the main figures. */
function table(def: SweepDefinition, rows: readonly SweepRow[], variants: SweepVariants | null): string {
  const cols = ["throughput", "maxQueued", "oomAtSec", "latencyP99", "dropped", "lost"] as const;
  const fmt = (v: number | null) =>
    v === null ? "-" : Number.isInteger(v) || Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4);
  const variant = variants ? [variants.key] : [];
  const lines = [[def.key, "strategy", ...variant, ...cols].map((h) => h.padStart(12)).join(" ")];
  for (const r of rows) {
    const v = variants ? [r.variant ?? ""] : [];
    lines.push(
      [fmt(r.value), r.strategy, ...v, ...cols.map((c) => fmt(r.figures[c]))].map((x) => x.padStart(12)).join(" "),
    );
  }
  return lines.join("\n");
}

/** Runs a sweep request; resolves with the exit code (0 done, 1 failure, 2 usage). */
export async function runSweepCli(args: SweepArgs, io: SweepIo): Promise<number> {
  const def = parseSweep(args.sweep ?? "");
  if ("error" in def) {
    io.stderr(`sim: ${def.error}\n`);
    return 2;
  }
  const request = parseArgs(args.rest);
  if (request.kind === "help") return 2;
  if (request.kind === "error") {
    io.stderr(`sim: ${request.message}\n`);
    return 2;
  }
  if (request.atSec.length > 0) {
    io.stderr("sim: --at does not go with --sweep (a sweep reports each run's summary)\n");
    return 2;
  }
  let variants: SweepVariants | null = null;
  if (args.lines !== null) {
    const problems: DecodeWarning[] = [];
    variants = parseVariants(args.lines, problems);
    if (problems.length > 0) {
      io.stderr(`sim: --lines ${args.lines}: ${problems[0].message.replace(/^Sweep lines: /, "")}\n`);
      return 2;
    }
  }
  const decoded = decodeScenario(request.query);
  for (const w of decoded.warnings) io.stderr(`warning: ${w.message}\n`);
  const tasks = sweepTasks(decoded.scenario, def, args.strategies, request.untilSec, decoded.changes, variants);
  let rows: SweepRow[];
  try {
    rows =
      args.jobs > 1 && io.runInWorkers && tasks.length > 1
        ? await io.runInWorkers(tasks, Math.min(args.jobs, tasks.length))
        : tasks.map(runTask);
  } catch (error) {
    io.stderr(`sim: the sweep failed: ${(error as Error).message}\n`);
    return 1;
  }
  rows.sort((a, b) => a.index - b.index);
  if (request.csvPath !== null) {
    try {
      io.writeFile(request.csvPath, sweepCsv(def, decoded.scenario, rows, variants));
    } catch (error) {
      io.stderr(`sim: cannot write ${request.csvPath}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  if (request.json) {
    const figures = RUN_FIGURES.map((f) => f.name);
    io.stdout(
      JSON.stringify({
        sweep: formatSweep(def),
        scenario: decoded.scenario,
        warnings: decoded.warnings,
        figures,
        ...(variants ? { lines: variants } : {}),
        rows: rows.map((r) => ({
          [def.key]: r.value,
          strategy: r.strategy,
          ...(variants ? { [variants.key]: r.variant } : {}),
          ...r.figures,
        })),
      }) + "\n",
    );
  } else {
    io.stdout(table(def, rows, variants) + "\n");
    if (request.csvPath !== null) io.stdout(`Wrote ${rows.length} rows to ${request.csvPath}\n`);
  }
  return 0;
}
