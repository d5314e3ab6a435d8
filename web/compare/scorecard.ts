/**
 * The scorecard of a comparison: one row per figure of src-sim/sweep/figures.ts (the CLI sweep's
 * columns), one column per lane, the best value of each row marked. The figures come from the
 * worker with every frame (each lane's run at the shared moment), so the card is live and equal
 * to the single run of each lane's scenario; this module only reads, formats and ranks them.
 *
 * "Best" is by the row's direction (`lowerIsBetter`), with two exceptions that read better:
 * time of OOM, where no crash at all is best, and a row where every lane has the same value (or
 * none), which marks nothing. A lane that ran out of memory is best at nothing (its producer
 * never paused and it sent no signals, but that is no merit). Ties share the mark. Values are compared to 1e-9 relative, so the
 * same rate computed over the same span does not split on its last bit.
 */
import { RUN_FIGURES, type FigureName, type RunFigures } from "../../src-sim/sweep/figures";
import { formatBytes, formatClock, formatCount, formatDuration, formatRate } from "../format/numbers";

/** Row titles as the page shows them. */
export const FIGURE_LABELS: Readonly<Record<FigureName, string>> = {
  throughput: "Delivered throughput",
  maxQueued: "Max queue depth",
  peakMemoryBytes: "Peak memory",
  oomAtSec: "Out of memory at",
  latencyP50: "p50 latency",
  latencyP99: "p99 latency",
  latencyMax: "Max latency",
  dropped: "Dropped",
  lost: "Lost",
  duplicates: "Duplicates (Kafka)",
  producerStoppedPct: "Producer paused or blocked",
  signals: "Signals sent",
};

/** One row of the scorecard. */
export interface ScoreRow {
  name: FigureName;
  label: string;
  unit: string;
  /** Each lane's value; null where the figure does not exist (no OOM, no latency yet, not Kafka). */
  values: Array<number | null>;
  /** Each lane's value as the page shows it. */
  texts: string[];
  /** Indices of the lanes with the best value (empty: nothing to choose between). */
  best: number[];
  /** Indices of lanes whose value is a failure to point out (a crash). */
  alarm: number[];
}

/** A figure's value as the page shows it ("–" for none). */
export function formatFigure(name: FigureName, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return name === "oomAtSec" ? "none" : "–";
  switch (name) {
    case "throughput":
      return formatRate(v);
    case "peakMemoryBytes":
      return formatBytes(v);
    case "oomAtSec":
      return formatClock(v);
    case "latencyP50":
    case "latencyP99":
    case "latencyMax":
      return formatDuration(v);
    case "producerStoppedPct":
      return `${v.toFixed(v >= 10 || v === 0 ? 0 : 1)}%`;
    default:
      return formatCount(v);
  }
}

const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Indices of the best values of a row (see the file comment). */
export function bestOf(
  name: FigureName,
  values: ReadonlyArray<number | null>,
  crashed: ReadonlyArray<boolean> = [],
): number[] {
  const spec = RUN_FIGURES.find((f) => f.name === name)!;
  if (name === "oomAtSec") {
    // No crash beats any crash; among crashes, the latest is least bad, but not "best".
    const none = values.flatMap((v, i) => (v === null ? [i] : []));
    return none.length > 0 && none.length < values.length ? none : [];
  }
  const present = values.flatMap((v, i) => (v !== null && Number.isFinite(v) && !crashed[i] ? [{ v, i }] : []));
  if (present.length < 2) return [];
  const target = spec.lowerIsBetter ? Math.min(...present.map((p) => p.v)) : Math.max(...present.map((p) => p.v));
  const best = present.filter((p) => same(p.v, target)).map((p) => p.i);
  // A row where every lane is the same (crashed ones included) says nothing about which to choose.
  const all = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return all.length === values.length && all.every((v) => same(v, all[0])) ? [] : best;
}

/** The scorecard's rows for the lanes' figures (a lane without figures yet reads as "–"). */
export function scorecardRows(figures: ReadonlyArray<RunFigures | null>): ScoreRow[] {
  return RUN_FIGURES.map((spec) => {
    const values = figures.map((f) => (f ? f[spec.name] : null));
    return {
      name: spec.name,
      label: FIGURE_LABELS[spec.name],
      unit: spec.unit,
      values,
      texts: values.map((v) => formatFigure(spec.name, v)),
      best: figures.some((f) => f === null)
        ? []
        : bestOf(
            spec.name,
            values,
            figures.map((f) => f?.oomAtSec !== null && f?.oomAtSec !== undefined),
          ),
      alarm: spec.name === "oomAtSec" ? values.flatMap((v, i) => (v !== null ? [i] : [])) : [],
    };
  });
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function field(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The scorecard as CSV: `# ` lines with the comparison's link and moment, then one row per figure
 * (its name as in the CLI sweep's CSV, its unit, each lane's raw value, empty where none, and the
 * letters of the best lanes).
 */
export function scorecardCsv(
  rows: readonly ScoreRow[],
  laneNames: readonly string[],
  url: string,
  timeSec: number,
): string {
  const out = [
    "# Backpressure Playground: scorecard of a comparison",
    `# comparison: ${url.replace(/[\r\n]+/g, " ")}`,
    `# at: ${timeSec} s`,
    ["figure", "unit", ...laneNames.map(field), "best"].join(","),
  ];
  for (const r of rows) {
    const cells = r.values.map((v) => (v === null || !Number.isFinite(v) ? "" : String(v)));
    const best = r.best.map((i) => laneNames[i]?.split(" ")[0] ?? String(i + 1)).join(" ");
    out.push([r.name, r.unit, ...cells, best].join(","));
  }
  return out.join("\n") + "\n";
}
