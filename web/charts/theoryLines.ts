/**
 * Theory drawn on the time charts (issue 15, item 3), each line from the closed forms of
 * src-sim/theory.ts (and TCP's figures): the fluid line (lambda - mu) t and the out-of-memory
 * moment it predicts on the depth and memory charts of an overloaded queue, the steady state's
 * mean queue Lq and mean time in system W for a stable random one, window / RTT as TCP's
 * throughput ceiling, and the watermark cycle's period as ticks one period apart. Each line has a
 * short label and its formula with the scenario's numbers (shown on hover or focus). Pure.
 */
import { tcpFigures } from "../../src-sim/models/tcp/figures";
import type { Scenario } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { fluidGrowthPerSec, fluidQueue, scenarioModel } from "../../src-sim/theory";
import { watermarkTheory } from "../explain/mechanisms/watermarkFacts";
import {
  formatBinaryBytes,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatRate,
} from "../format/numbers";
import type { ColorVar } from "./palette";

/** What every theory line has. */
interface TheoryLineBase {
  /** Stable name (tests and the SVG's data-id). */
  id: string;
  /** Short label drawn beside the line and on its key: "fluid (λ − μ) t". */
  label: string;
  /** The formula with the scenario's numbers, for the tooltip. */
  formula: string;
  color: ColorVar;
}

/** A theory line on a chart. */
export type TheoryLine =
  /** value(t) = fromValue + perSec x (t - fromSec), drawn from fromSec to untilSec. */
  | (TheoryLineBase & { kind: "slope"; fromSec: number; fromValue: number; perSec: number; untilSec: number })
  /** A horizontal line at `value`; `inDomain` keeps it inside the value axis. */
  | (TheoryLineBase & { kind: "level"; value: number; inDomain: boolean })
  /** A vertical line at `timeSec`. */
  | (TheoryLineBase & { kind: "moment"; timeSec: number })
  /** Vertical ticks at startSec + k x periodSec (drawn where they stand apart). */
  | (TheoryLineBase & { kind: "period"; startSec: number; periodSec: number });

/** TCP's ceiling stays inside the throughput axis up to this multiple of the faster side's rate. */
export const CEILING_IN_VIEW_FACTOR = 5;

/** Whether the scenario is a queue strategy whose queue grows without a bound (unbounded, or capacity past the OOM depth). */
function growsUnbounded(s: Scenario): boolean {
  const row = STRATEGY_TABLE[s.strategy];
  return row.theory === "queue" && !row.holdsCapacity && s.producer > s.consumer;
}

/** The fluid model applies: constant rates for the whole run (no workload shape). */
function constantRates(s: Scenario): boolean {
  return s.shape === "constant";
}

/** The out-of-memory moment the fluid line predicts, s, or null (no growth, or past the run). */
function predictedOomSec(s: Scenario): number | null {
  const t = scenarioModel(s).timeToOomSec;
  return t !== null && t <= s.duration ? t : null;
}

function fluidLines(s: Scenario, chart: "queue" | "memory"): TheoryLine[] {
  if (!growsUnbounded(s) || !constantRates(s)) return [];
  const model = scenarioModel(s);
  const growth = fluidGrowthPerSec(s.producer, s.consumer);
  const oom = predictedOomSec(s);
  const until = oom ?? s.duration;
  const lines: TheoryLine[] = [];
  if (chart === "queue") {
    lines.push({
      id: "fluid",
      kind: "slope",
      label: "fluid (λ − μ) t",
      formula: `Fluid line: Q(t) = (λ − μ) t = (${formatRate(s.producer)} − ${formatRate(s.consumer)}) × t = ${formatRate(growth)} × t; ${formatCount(fluidQueue(s.producer, s.consumer, 10))} at 10 s`,
      color: "c-text",
      fromSec: 0,
      fromValue: 0,
      perSec: growth,
      untilSec: until,
    });
  } else {
    lines.push({
      id: "fluid",
      kind: "slope",
      label: "fluid (λ − μ) t × bytes",
      formula: `Fluid line in memory: baseline + (λ − μ) t × event size = ${formatBytes(s.baseline)} + ${formatRate(growth)} × t × ${formatBytes(s.eventBytes)}`,
      color: "c-text",
      fromSec: 0,
      fromValue: s.baseline,
      perSec: growth * s.eventBytes,
      untilSec: until,
    });
  }
  if (oom !== null) {
    lines.push({
      id: "oom",
      kind: "moment",
      label: `OOM predicted ${formatClock(oom)}`,
      formula: `Time to OOM = (limit − baseline) / ((λ − μ) × event size) = (${formatBytes(s.memory)} − ${formatBytes(s.baseline)}) / (${formatRate(growth)} × ${formatBytes(s.eventBytes)}) = ${formatDuration(oom)} (${formatCount(model.oomQueueEvents)} events)`,
      color: "c-oom",
      timeSec: oom,
    });
  }
  return lines;
}

/** The steady state of a stable random queue (M/M/1, M/D/1, D/M/1), or null. */
function steadyState(s: Scenario) {
  const row = STRATEGY_TABLE[s.strategy];
  if (row.theory !== "queue" || !constantRates(s)) return null;
  const model = scenarioModel(s);
  if (!model.steadyState || model.kendall === "D/D/1") return null;
  return { kendall: model.kendall, ...model.steadyState };
}

function watermarkPeriod(s: Scenario): TheoryLine[] {
  if (s.strategy !== "watermark") return [];
  const { cycle } = watermarkTheory(s);
  if (!cycle) return [];
  // The first pause leaves when the queue, filling from empty at lambda - mu, reaches HIGH; the
  // cycle repeats from there.
  const firstPauseSec = s.high / fluidGrowthPerSec(s.producer, s.consumer);
  return [
    {
      id: "period",
      kind: "period",
      label: `cycle ${formatDuration(cycle.periodSec)}`,
      formula: `Watermark cycle: a pause every (HIGH − trough) / (λ − μ) + (peak − LOW) / μ + 2 × delay = ${formatDuration(cycle.fillSec)} filling + ${formatDuration(cycle.drainSec)} draining = ${formatDuration(cycle.periodSec)}; ticks where theory puts each pause`,
      color: "c-paused",
      startSec: firstPauseSec,
      periodSec: cycle.periodSec,
    },
  ];
}

/** The theory lines of one chart (by its spec id) under a scenario; none where no closed form applies. */
export function theoryLines(chartId: string, s: Scenario): TheoryLine[] {
  switch (chartId) {
    case "queue": {
      const lines = [...fluidLines(s, "queue"), ...watermarkPeriod(s)];
      const st = steadyState(s);
      if (st)
        lines.push({
          id: "lq",
          kind: "level",
          label: `${st.kendall} Lq`,
          formula:
            st.kendall === "M/M/1"
              ? `Mean queue, M/M/1: Lq = ρ² / (1 − ρ) = ${st.Lq.toFixed(2)} events (ρ = ${st.rho.toFixed(2)})`
              : `Mean queue, ${st.kendall}: Lq = ${st.Lq.toFixed(2)} events (ρ = ${st.rho.toFixed(2)})`,
          color: "c-queue",
          value: st.Lq,
          inDomain: true,
        });
      return lines;
    }
    case "memory":
      return fluidLines(s, "memory");
    case "latency": {
      const st = steadyState(s);
      if (!st) return [];
      return [
        {
          id: "w",
          kind: "level",
          label: `${st.kendall} W`,
          formula:
            st.kendall === "M/M/1"
              ? `Mean time in system, M/M/1: W = 1 / (μ − λ) = ${formatDuration(st.W)}`
              : `Mean time in system, ${st.kendall}: W = Wq + 1 / μ = ${formatDuration(st.W)}`,
          color: "c-p50",
          value: st.W,
          inDomain: true,
        },
      ];
    }
    case "throughput": {
      if (STRATEGY_TABLE[s.strategy].model !== "tcp") return [];
      const f = tcpFigures(s);
      const ceiling = f.windowLimitedBytesPerSec / s.eventBytes;
      return [
        {
          id: "window-rtt",
          kind: "level",
          label: "window / RTT",
          formula: `Throughput ceiling: largest window / RTT = ${formatBinaryBytes(f.maxWindowBytes)} / ${formatDuration(s.rtt)} = ${formatRate(ceiling)} (${formatBytes(f.windowLimitedBytesPerSec)}/s)`,
          color: "c-high",
          value: ceiling,
          // Kept in view while it is near the rates drawn; far above them the key alone says it.
          inDomain: ceiling <= CEILING_IN_VIEW_FACTOR * Math.max(s.producer, s.consumer),
        },
      ];
    }
    default:
      return [];
  }
}

/** The value the line stands for at `timeSec` (slope and level lines; NaN for the others). */
export function theoryValueAt(line: TheoryLine, timeSec: number): number {
  if (line.kind === "level") return line.value;
  if (line.kind === "slope") return line.fromValue + line.perSec * (timeSec - line.fromSec);
  return NaN;
}

/** Greatest value theory asks the value axis to hold (levels marked inDomain). */
export function theoryDomainMax(lines: readonly TheoryLine[]): number {
  let max = 0;
  for (const l of lines) if (l.kind === "level" && l.inDomain) max = Math.max(max, l.value);
  return max;
}
