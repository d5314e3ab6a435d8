/**
 * Benchmark of `strategy=kafka`: the default workload (100,000 records/s into a 50,000 records/s
 * consumer) for 180 s of simulated time, timed against real time (the target: at least
 * 100x). Also the async hand-off (OOM at 120 s) and a consumer with headroom (Poisson, small
 * fetches every millisecond), whose work is per fetch rather than per batch.
 */
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { timeMedianMs } from "./measure";

const SIM_SEC = 180;
const TARGET_REAL_TIME = 100;

const CASES: Array<[string, Partial<Scenario>]> = [
  ["default workload (inline poll loop)", {}],
  ["async hand-off (OOM at 120 s)", { handoff: "async" }],
  ["headroom: poisson 45,000 into 50,000", { arrivals: "poisson", producer: 45_000 }],
];

/** Times each case over 180 s simulated; returns printable lines. */
export function benchKafka(repeats = 5): string[] {
  const lines = [`kafka: ${SIM_SEC} s simulated per run, median of ${repeats}`];
  for (const [label, params] of CASES) {
    const scenario: Scenario = { ...DEFAULT_SCENARIO, strategy: "kafka", ...params };
    const { ms, result } = timeMedianMs(() => {
      const sim = createSimulation(scenario, { sampleIntervalSec: 0.1 });
      sim.advanceTo(SIM_SEC);
      return sim.summary();
    }, repeats);
    const ratio = (SIM_SEC * 1000) / ms;
    const verdict = ratio >= TARGET_REAL_TIME ? "PASS" : "MISS";
    const steps = result.work.perEventSteps + result.work.bulkSteps;
    lines.push(
      `  ${label}: ${ms.toFixed(1)} ms, ${Math.round(ratio).toLocaleString("en-US")}x real time (target >= ${TARGET_REAL_TIME}x: ${verdict}); ` +
        `${steps.toLocaleString("en-US")} model steps for ${(result.produced + result.consumed).toLocaleString("en-US")} records`,
    );
  }
  return lines;
}
