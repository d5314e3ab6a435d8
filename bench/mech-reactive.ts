/**
 * How fast `strategy=reactive` runs: the default workload (100,000 vs 50,000 items/s, 180 s)
 * with a cold publisher (slowed to the consumer by demand) and a hot one (unbounded
 * onBackpressureBuffer: it dies of OOM at 120 s), against the 100x real-time target.
 * `benchReactive()` returns printable lines; `npx tsx bench/mech-reactive.ts` prints them.
 */
import { pathToFileURL } from "node:url";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { timeMedianMs } from "./measure";

/** The target: simulated seconds per wall second. */
const REAL_TIME_TARGET = 100;
const RUN_SEC = 180;

const CASES: Array<[string, Scenario]> = [
  ["cold publisher", { ...DEFAULT_SCENARIO, strategy: "reactive", publisher: "cold" }],
  [
    "hot publisher, unbounded buffer",
    { ...DEFAULT_SCENARIO, strategy: "reactive", publisher: "hot", overflow: "buffer" },
  ],
];

const fmt = (x: number, digits = 3) => x.toLocaleString("en-US", { maximumSignificantDigits: digits });

function run(s: Scenario) {
  const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
  sim.advanceTo(RUN_SEC);
  return { summary: sim.summary(), requests: sim.column("rsRequests").at(-1) ?? 0 };
}

/** Times each case over 180 simulated seconds; one line per case. */
export function benchReactive(repeats = 5): string[] {
  const lines: string[] = [];
  for (const [name, s] of CASES) {
    const { ms, result } = timeMedianMs(() => run(s), repeats);
    const ratio = (RUN_SEC * 1000) / ms;
    const { produced, consumed, oomAt, work } = result.summary;
    lines.push(
      `reactive ${name}: ${RUN_SEC} s in ${fmt(ms)} ms = ${fmt(ratio)}x real time ` +
        `(target ${REAL_TIME_TARGET}x: ${ratio >= REAL_TIME_TARGET ? "PASS" : "MISS"}); ` +
        `${fmt(produced + consumed)} items moved, ${fmt(result.requests)} requests, ` +
        `${fmt(work.bulkSteps + work.perEventSteps)} steps (${fmt(work.perEventSteps)} one at a time)` +
        (oomAt !== null ? `; OOM at ${fmt(oomAt, 6)} s` : ""),
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of benchReactive()) console.log(line);
}
