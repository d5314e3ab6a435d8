/**
 * Theory drawn next to the simulation: for the queue strategies, the closed forms of
 * src-sim/theory.ts (utilisation, the fluid line and time to OOM, the steady state of the Kendall
 * model in force) beside what the run measured, and Little's law checked on the measures.
 */
import { scenarioModel, shapeFigures } from "../../src-sim/theory";
import type { Scenario } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { formatCount, formatDuration, formatRate } from "../format/numbers";
import type { RunMeasures } from "./runMeasures";

/** One row of the theory table: a quantity, its closed form and the run's value (text). */
export interface TheoryRow {
  label: string;
  theory: string;
  measured: string;
}

const num = (x: number) => (!Number.isFinite(x) ? "–" : Math.abs(x) >= 1000 ? formatCount(x) : x.toFixed(2));
const dur = (sec: number) => (Number.isFinite(sec) ? formatDuration(sec) : "–");

/**
 * The rows for a scenario and the run so far (measures null before the run starts); empty for
 * the mechanisms, whose own figures are in their charts and the command line's `model`.
 */
export function theoryRows(s: Scenario, m: RunMeasures | null, oomAtSec: number | null, peakQueued = 0): TheoryRow[] {
  if (STRATEGY_TABLE[s.strategy].theory !== "queue") return [];
  const model = scenarioModel(s);
  const rows: TheoryRow[] = [
    {
      label: "Offered load ρ = λ / μ",
      theory: num(model.rho),
      measured: m ? num(m.producedPerSec / s.consumer) : "–",
    },
  ];
  // Under a workload shape the steady-state and fluid-line forms of a constant rate do not
  // apply; the shape's own closed forms do.
  const shape = shapeFigures(s);
  if (shape) return [...rows, ...shapeRows(s, shape, peakQueued)];
  if (model.steadyState) {
    rows.push(
      {
        label: `${model.kendall} mean in system L`,
        theory: num(model.steadyState.L),
        measured: m ? num(m.meanInSystem) : "–",
      },
      {
        label: `${model.kendall} mean time in system W`,
        theory: dur(model.steadyState.W),
        measured: m ? dur(m.meanLatencySec) : "–",
      },
    );
  } else if (!STRATEGY_TABLE[s.strategy].holdsCapacity) {
    // The queue's growth so far: to the crash if there was one, else to now.
    const growth = oomAtSec !== null ? peakQueued / oomAtSec : m && m.timeSec > 0 ? m.endInSystem / m.timeSec : NaN;
    rows.push({
      label: "Fluid model: queue grows by λ − μ",
      theory: formatRate(model.fluidGrowthPerSec),
      measured: Number.isFinite(growth) ? formatRate(growth) : "–",
    });
    if (model.timeToOomSec !== null) {
      rows.push({
        label: `Time to OOM, (limit − baseline) / ((λ − μ) × bytes)`,
        theory: `${dur(model.timeToOomSec)} (${formatCount(model.oomQueueEvents)} events)`,
        measured: oomAtSec !== null ? dur(oomAtSec) : "not yet",
      });
    }
  }
  // Little's law holds for a stable system; an overloaded queue has no steady state to check.
  if (model.steadyState && m && Number.isFinite(m.meanLatencySec) && m.meanInSystem > 0) {
    const little = m.throughputPerSec * m.meanLatencySec;
    rows.push({
      label: "Little's law: L = X × W",
      theory: `X × W = ${num(little)}`,
      measured: `L = ${num(m.meanInSystem)}`,
    });
  }
  return rows;
}

/** The rows of a workload shape: a burst's backlog and drain time, the growth after a step. */
function shapeRows(s: Scenario, f: NonNullable<ReturnType<typeof shapeFigures>>, peakQueued: number): TheoryRow[] {
  if (f.shape === "burst") {
    return [
      {
        label: "Backlog after a burst, (λ_b − μ) × b",
        theory: `${formatCount(f.burstBacklog ?? 0)} (b = ${dur(f.burstSec ?? 0)})`,
        measured: `peak ${formatCount(peakQueued)}`,
      },
      {
        label: "Time to drain it, backlog / (μ − λ)",
        theory: `${dur(f.drainSec ?? Infinity)}; ${f.absorbed ? "before the next burst" : `+${formatCount(f.growthPerPeriod ?? 0)} a period`}`,
        measured: "–",
      },
    ];
  }
  if (f.shape === "step" || f.shape === "ramp") {
    return [
      {
        label: `After the ${f.shape}: queue grows by λ₂ − μ`,
        theory: formatRate(f.growthAfterPerSec ?? 0),
        measured: `peak ${formatCount(peakQueued)}`,
      },
    ];
  }
  return [
    {
      label: "Mean offered rate over a period",
      theory: formatRate(f.meanRatePerSec ?? s.producer),
      measured: `peak ${formatCount(peakQueued)}`,
    },
  ];
}
