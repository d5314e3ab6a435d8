/**
 * The summary figures of one run that sweeps and comparisons report, with their units: the
 * scorecard's rows. Each is computed from the run's summary and samples alone, so a sweep's
 * point is exactly the single run of its scenario.
 */
import type { Simulation } from "../engine/simulation";
import type { Scenario } from "../scenario/params";

/** One figure of a run. */
export interface FigureSpec {
  /** Column name in CSV and key in JSON. */
  name: string;
  /** Short human name, for tables and chart axes. */
  label: string;
  unit: "events/s" | "events" | "bytes" | "s" | "%" | "-";
  /** Whether a smaller value is better (for marking the best of several). */
  lowerIsBetter: boolean;
  description: string;
}

/** The figures, in column order. `oomAtSec` is empty (null) where no OOM happens. */
export const RUN_FIGURES = [
  {
    name: "throughput",
    label: "Delivered throughput",
    unit: "events/s",
    lowerIsBetter: false,
    description: "Events consumed per second, over the run.",
  },
  { name: "maxQueued", label: "Max depth", unit: "events", lowerIsBetter: true, description: "Deepest the queue got." },
  {
    name: "peakMemoryBytes",
    label: "Peak memory",
    unit: "bytes",
    lowerIsBetter: true,
    description: "Most memory the consumer used.",
  },
  {
    name: "oomAtSec",
    label: "Time of OOM",
    unit: "s",
    lowerIsBetter: false,
    description: "Time of the first out-of-memory crash (empty: none).",
  },
  {
    name: "latencyP50",
    label: "p50 latency",
    unit: "s",
    lowerIsBetter: true,
    description: "Median latency of consumed events.",
  },
  {
    name: "latencyP99",
    label: "p99 latency",
    unit: "s",
    lowerIsBetter: true,
    description: "99th-percentile latency of consumed events.",
  },
  {
    name: "latencyMax",
    label: "Max latency",
    unit: "s",
    lowerIsBetter: true,
    description: "Largest latency of a consumed event.",
  },
  {
    name: "dropped",
    label: "Dropped",
    unit: "events",
    lowerIsBetter: true,
    description: "Events discarded by a policy.",
  },
  { name: "lost", label: "Lost", unit: "events", lowerIsBetter: true, description: "Events lost to crashes." },
  {
    name: "duplicates",
    label: "Duplicates",
    unit: "events",
    lowerIsBetter: true,
    description: "Records delivered again (Kafka).",
  },
  {
    name: "producerStoppedPct",
    label: "Producer paused or blocked",
    unit: "%",
    lowerIsBetter: true,
    description: "Share of the run the producer spent paused or blocked.",
  },
  {
    name: "signals",
    label: "Signals sent",
    unit: "-",
    lowerIsBetter: true,
    description: "Pause and resume signals sent.",
  },
] as const satisfies readonly FigureSpec[];

/** A figure's name. */
export type FigureName = (typeof RUN_FIGURES)[number]["name"];

/** A run's figures; null where a figure does not exist (no OOM, no latency measured). */
export type RunFigures = Record<FigureName, number | null>;

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** The figures of a run that has advanced to its end. */
export function runFigures(sim: Simulation, scenario: Scenario): RunFigures {
  const s = sim.summary();
  const until = s.until;
  const duplicates = sim.column("kafkaDuplicates");
  const lastDup = duplicates.length > 0 ? duplicates[duplicates.length - 1] : NaN;
  return {
    throughput: until > 0 ? s.consumed / until : 0,
    maxQueued: s.maxQueued,
    peakMemoryBytes: s.peakMemoryBytes,
    oomAtSec: s.oomAt,
    latencyP50: orNull(s.latency.p50),
    latencyP99: orNull(s.latency.p99),
    latencyMax: orNull(s.latency.max),
    dropped: s.dropped,
    lost: s.lost,
    duplicates: scenario.strategy === "kafka" ? (Number.isFinite(lastDup) ? lastDup : 0) : null,
    producerStoppedPct: until > 0 ? (100 * s.producerPausedSeconds) / until : 0,
    signals: s.signals.pause + s.signals.resume,
  };
}
