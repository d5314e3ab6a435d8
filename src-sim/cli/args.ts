/**
 * Command-line arguments of `npm run -s sim -- '<URL or query>' [options]`, parsed without a
 * library: the grammar is small, and every mistake must come back as a sentence (exit code 2),
 * never as a stack trace.
 */

import { parseDecimal } from "../scenario/numberText";

/** What the command line was asked to do. */
export type CliRequest =
  | { kind: "help" }
  | {
      kind: "run";
      /** The scenario link or query string ("" for the default scenario). */
      query: string;
      /** Simulated seconds to run; null means the scenario's `duration`. */
      untilSec: number | null;
      /** Moments to report, s, in the order given. */
      atSec: number[];
      /** Print one JSON object instead of the human summary. */
      json: boolean;
      /** Where to write every sample as CSV, or null. */
      csvPath: string | null;
      /** Simulated seconds between samples; null picks {@link defaultIntervalSec}. */
      intervalSec: number | null;
    }
  | { kind: "error"; message: string };

/** Default simulated time between samples, s (the engine's default). */
export const DEFAULT_INTERVAL_SEC = 0.1;
/** Most samples a run keeps by default (a day at 0.1 s would be 864,000 rows of CSV). */
export const MAX_DEFAULT_SAMPLES = 100_000;

/** The sample interval for a run of `untilSec` when none is given: 0.1 s, coarser for long runs. */
export function defaultIntervalSec(untilSec: number): number {
  return Math.max(DEFAULT_INTERVAL_SEC, untilSec / MAX_DEFAULT_SAMPLES);
}
/** Longest run the command line accepts, s (the scenario table's longest duration). */
export const MAX_UNTIL_SEC = 86_400;

/** Options that take a value, with a one-line description for `--help`. */
export const OPTIONS: ReadonlyArray<{ flag: string; value?: string; description: string }> = [
  { flag: "--until", value: "SECONDS", description: "simulated time to run (default: the scenario's duration)" },
  { flag: "--at", value: "T1,T2,...", description: "report queue depth and memory at these moments, s" },
  { flag: "--json", description: "print exactly one JSON object {scenario, warnings, summary, at, model}" },
  { flag: "--csv", value: "FILE", description: "write every sample column to FILE as CSV" },
  {
    flag: "--interval",
    value: "SECONDS",
    description: `simulated time between samples (default ${DEFAULT_INTERVAL_SEC}, coarser past ${MAX_DEFAULT_SAMPLES.toLocaleString("en-US")} samples)`,
  },
  { flag: "--help", description: "this text, with every scenario parameter" },
];

/** A plain non-negative decimal number of seconds, or NaN (read in one pass: see numberText.ts). */
function seconds(text: string): number {
  return parseDecimal(text.trim(), false);
}

/** Parses `argv` (the arguments after the script name). Never throws. */
export function parseArgs(argv: readonly string[]): CliRequest {
  let query: string | null = null;
  let untilSec: number | null = null;
  let atSec: number[] = [];
  let json = false;
  let csvPath: string | null = null;
  let intervalSec: number | null = null;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // Accept both "--until 60" and "--until=60".
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : null;
    const takeValue = (): string | null => {
      if (inline !== null) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("--") && next.length > 2)) return null;
      i++;
      return next;
    };

    switch (flag) {
      case "--help":
      case "-h":
        return { kind: "help" };
      case "--json":
        json = true;
        break;
      case "--until":
      case "--interval": {
        const [example, min, max, range] =
          flag === "--until" ? [120, 0, MAX_UNTIL_SEC, `(0, ${MAX_UNTIL_SEC}]`] : [0.5, 0.001, 3600, "[0.001, 3600]"];
        const v = takeValue();
        if (v === null) return { kind: "error", message: `${flag} needs a number of seconds, e.g. ${flag} ${example}` };
        const t = seconds(v);
        // --until must be > 0; --interval may equal its minimum.
        if (!(flag === "--until" ? t > min : t >= min) || t > max)
          return { kind: "error", message: `${flag} ${v}: expected seconds in ${range}` };
        if (flag === "--until") untilSec = t;
        else intervalSec = t;
        break;
      }
      case "--at": {
        const v = takeValue();
        if (v === null) return { kind: "error", message: "--at needs a list of times, e.g. --at 10,60" };
        const parts = v
          .split(",")
          .map((p) => p.trim())
          .filter((p) => p !== "");
        if (parts.length === 0) return { kind: "error", message: "--at needs at least one time, e.g. --at 10,60" };
        const times = parts.map(seconds);
        const bad = parts.find((_, k) => !Number.isFinite(times[k]));
        if (bad !== undefined) return { kind: "error", message: `--at: "${bad}" is not a time in seconds` };
        atSec = atSec.concat(times);
        break;
      }
      case "--csv": {
        const v = takeValue();
        if (v === null || v.trim() === "")
          return { kind: "error", message: "--csv needs a file name, e.g. --csv run.csv" };
        csvPath = v;
        break;
      }
      default:
        if (arg.startsWith("--") || (arg.startsWith("-") && arg.length > 1 && !/^-\d/.test(arg))) {
          return { kind: "error", message: `unknown option ${flag}; see --help` };
        }
        if (query !== null) {
          return {
            kind: "error",
            message: `one scenario at a time: got "${query}" and "${arg}" (quote the URL: '...&...')`,
          };
        }
        query = arg;
    }
  }

  const last = untilSec ?? Infinity;
  const late = atSec.find((t) => t > last);
  if (late !== undefined) return { kind: "error", message: `--at ${late} is after --until ${untilSec}` };
  return { kind: "run", query: query ?? "", untilSec, atSec, json, csvPath, intervalSec };
}
