/**
 * The watermark view's facts: the depth inside the LOW-HIGH band over the window the charts show,
 * each pause and resume the consumer sent, how far the queue went past the marks while a signal
 * travelled (the overshoot a signal delay costs), and the cycle's period as measured beside the
 * period theory gives (src-sim/theory.ts, watermarkCycleWithDelay). Pure: read from the samples
 * and the event log, as the charts read them.
 */
import type { Scenario } from "../../../src-sim/scenario/params";
import { watermarkCycleWithDelay, type DelayedWatermarkCycle } from "../../../src-sim/theory";
import { formatClock, formatCount, formatDuration } from "../../format/numbers";
import {
  counted,
  evenRun,
  eventsIn,
  levelTrace,
  sampleAtOrBefore,
  sampleRange,
  type LevelTrace,
  type ViewWindow,
  valueNear,
  type WindowEvent,
} from "./viewWindow";

/** Most pause and resume marks drawn; past it the view says how many it left out. */
export const MAX_SIGNAL_MARKS = 400;

/** What the watermark view shows. */
export interface WatermarkFacts {
  fromSec: number;
  toSec: number;
  /** The moment shown (the cursor), s. */
  momentSec: number;
  /** Queue depth at the moment shown, events. */
  depthNow: number;
  /** 0 running, 1 paused, 2 blocked (the producer, at the moment shown). */
  producerState: number;
  high: number;
  low: number;
  capacity: number;
  /** The depth over the window, with its min-max band. */
  depth: LevelTrace;
  /** Pause and resume signals sent in the window (value: the depth when sent), at most MAX_SIGNAL_MARKS each. */
  pauses: WindowEvent[];
  resumes: WindowEvent[];
  /** Signals sent in the window, by the counters (exact even where the log is thinned). */
  pauseCount: number;
  resumeCount: number;
  /** Deepest and shallowest the queue was in the window after the first signal, events (NaN before any). */
  peak: number;
  trough: number;
  /** peak - HIGH and LOW - trough, at least 0 (NaN before any signal). */
  overshoot: number;
  undershoot: number;
  /** Mean time between pauses in the window, s (NaN with fewer than two). */
  periodSec: number;
  /** Cycles the measured period averages over. */
  periodCycles: number;
  /** The cycle theory gives, or null where it does not apply (see {@link theoryNote}). */
  theory: DelayedWatermarkCycle | null;
  /** Why there is no theory figure ("" when there is one). */
  theoryNote: string;
}

/**
 * HIGH and LOW next to each other (or equal): a pause follows every arrival at HIGH and a resume
 * every completion below it, so the signals flap with every event. There is no cycle to time
 * then, and the log keeps only a sample of those signals: any period read off it would be wrong.
 */
function flapping(s: Scenario): boolean {
  return s.high - s.low < 2;
}

const FLAPPING_NOTE =
  "HIGH and LOW are next to each other: the signals flap with every event, with no cycle to measure";

/** The theory's cycle for a scenario, or why there is none. */
export function watermarkTheory(s: Scenario): { cycle: DelayedWatermarkCycle | null; note: string } {
  if (flapping(s)) return { cycle: null, note: FLAPPING_NOTE };
  if (s.shape !== "constant") return { cycle: null, note: "the producer's rate changes over time" };
  if (s.onPause === "buffer") return { cycle: null, note: "a buffering producer floods the queue on resume" };
  const cycle = watermarkCycleWithDelay(s.producer, s.consumer, s.high, s.low, s.signalDelay, s.capacity);
  if (!cycle) return { cycle: null, note: "the producer is not faster than the consumer" };
  return { cycle, note: "" };
}

/** The facts of a window at the moment `momentSec`. */
export function watermarkFacts(w: ViewWindow, s: Scenario, momentSec: number): WatermarkFacts {
  const { series } = w;
  const queued = series.column("queued");
  const qMin = series.column("queuedMin");
  const qMax = series.column("queuedMax");
  const { first, end } = sampleRange(series, w.fromSec, w.toSec);
  const depth = levelTrace(
    series,
    first,
    end,
    (i) => queued[i],
    (i) => qMin[i],
    (i) => qMax[i],
  );
  const pausesAll = eventsIn(w.events, "pause", w.fromSec, w.toSec);
  const resumesAll = eventsIn(w.events, "resume", w.fromSec, w.toSec);

  // Past the marks: from the first signal in the window on (the fill from an empty queue at the
  // start is no undershoot).
  const firstSignal = Math.min(pausesAll[0]?.timeSec ?? Infinity, resumesAll[0]?.timeSec ?? Infinity);
  let peak = NaN;
  let trough = NaN;
  if (Number.isFinite(firstSignal)) {
    const from = sampleAtOrBefore(series, firstSignal);
    for (let i = Math.max(first, from); i < end; i++) {
      if (!(qMax[i] <= peak)) peak = qMax[i];
      // The trough counts only once the queue has drained after a pause.
      if (resumesAll.length > 0 && i >= sampleAtOrBefore(series, resumesAll[0].timeSec) && !(qMin[i] >= trough))
        trough = qMin[i];
    }
  }
  if (flapping(s)) trough = NaN;
  const run = flapping(s) ? [] : evenRun(pausesAll.map((e) => e.timeSec));
  const periodCycles = Math.max(0, run.length - 1);
  const periodSec = periodCycles > 0 ? (run[run.length - 1] - run[0]) / periodCycles : NaN;
  const { cycle, note } = watermarkTheory(s);
  return {
    fromSec: w.fromSec,
    toSec: w.toSec,
    momentSec,
    depthNow: valueNear(w, "queued", momentSec),
    producerState: valueNear(w, "producerState", momentSec),
    high: s.high,
    low: s.low,
    capacity: s.capacity,
    depth,
    pauses: pausesAll.slice(0, MAX_SIGNAL_MARKS),
    resumes: resumesAll.slice(0, MAX_SIGNAL_MARKS),
    pauseCount: counted(w, "pauseSignals", pausesAll.length),
    resumeCount: counted(w, "resumeSignals", resumesAll.length),
    peak,
    trough,
    overshoot: Number.isNaN(peak) ? NaN : Math.max(0, peak - s.high),
    undershoot: Number.isNaN(trough) ? NaN : Math.max(0, s.low - trough),
    periodSec,
    periodCycles,
    theory: cycle,
    theoryNote: note,
  };
}

const PRODUCER_STATES = ["running", "paused", "blocked"];

/** Seconds as the view prints them: "0.24 s", "52 ms". */
function period(sec: number): string {
  return Number.isFinite(sec) ? formatDuration(sec) : "–";
}

/** The facts as labelled figures (the view's list under the picture). */
export function watermarkFigures(f: WatermarkFacts): Array<{ label: string; value: string }> {
  return [
    {
      label: "Depth now",
      value: `${formatCount(f.depthNow)} (producer ${PRODUCER_STATES[f.producerState] ?? "running"})`,
    },
    { label: "Signals in view", value: `${formatCount(f.pauseCount)} pauses, ${formatCount(f.resumeCount)} resumes` },
    {
      label: "Above HIGH",
      value: Number.isNaN(f.overshoot)
        ? "–"
        : `${formatCount(f.overshoot)} (peak ${formatCount(f.peak)}${f.theory ? `; theory ${formatCount(f.theory.overshoot)}` : ""})`,
    },
    {
      label: "Below LOW",
      value: Number.isNaN(f.undershoot)
        ? "–"
        : `${formatCount(f.undershoot)} (trough ${formatCount(f.trough)}${f.theory ? `; theory ${formatCount(f.theory.undershoot)}` : ""})`,
    },
    {
      label: "Cycle period",
      value: `${period(f.periodSec)} measured${f.periodCycles > 0 ? ` over ${formatCount(f.periodCycles)} cycles` : ""}; ${f.theory ? `${period(f.theory.periodSec)} in theory` : `no theory (${f.theoryNote})`}`,
    },
  ];
}

/** The view's accessible name: its name, then the same facts as the list, as sentences. */
export function watermarkText(f: WatermarkFacts): string {
  const head = `Watermark band at ${formatClock(f.momentSec)}, showing ${formatClock(f.fromSec)} to ${formatClock(f.toSec)}: LOW ${formatCount(f.low)}, HIGH ${formatCount(f.high)}, capacity ${formatCount(f.capacity)}.`;
  return [head, ...watermarkFigures(f).map((r) => `${r.label}: ${r.value}.`)].join(" ");
}
