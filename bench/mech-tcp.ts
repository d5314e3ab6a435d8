/**
 * How fast `strategy=tcp` runs: the default workload (100,000 vs 50,000 events/s, 1,000 B events,
 * 180 s) against the 100x real-time target, and a consumer-limited connection with large
 * buffers (50 MB/s: every segment, ACK and read is one event) for the per-segment cost.
 * `benchTcp()` returns printable lines; `npx tsx bench/mech-tcp.ts` prints them.
 */
import { pathToFileURL } from "node:url";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { timeMedianMs } from "./measure";

/** The target: simulated seconds per wall second. */
const REAL_TIME_TARGET = 100;
const RUN_SEC = 180;

const CASES: Array<[string, Scenario]> = [
  ["default workload", { ...DEFAULT_SCENARIO, strategy: "tcp" }],
  ["consumer-limited, 4 MiB buffers", { ...DEFAULT_SCENARIO, strategy: "tcp", sndBuf: 4 << 20, rcvBuf: 4 << 20 }],
];

const fmt = (x: number, digits = 3) => x.toLocaleString("en-US", { maximumSignificantDigits: digits });

function run(s: Scenario) {
  const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
  sim.advanceTo(RUN_SEC);
  return {
    summary: sim.summary(),
    figures: sim.modelFigures() as { segments: number; expectedGoodputBytesPerSec: number; bottleneck: string },
  };
}

/** Times each case over 180 simulated seconds; one line per case. */
export function benchTcp(repeats = 3): string[] {
  const lines: string[] = [];
  for (const [name, s] of CASES) {
    const { ms, result } = timeMedianMs(() => run(s), repeats);
    const ratio = (RUN_SEC * 1000) / ms;
    const goodput = (result.summary.consumed * s.eventBytes) / RUN_SEC;
    const target =
      name === "default workload"
        ? ` (target ${REAL_TIME_TARGET}x: ${ratio >= REAL_TIME_TARGET ? "PASS" : "MISS"})`
        : "";
    lines.push(
      `tcp ${name}: ${RUN_SEC} s in ${fmt(ms)} ms = ${fmt(ratio)}x real time${target}; ` +
        `${fmt((result.figures.segments / ms) * 1000)} segments/s, ${fmt(result.figures.segments / RUN_SEC)} simulated/s; ` +
        `goodput ${fmt(goodput / 1e6)} MB/s vs ${fmt(result.figures.expectedGoodputBytesPerSec / 1e6)} MB/s (${result.figures.bottleneck})`,
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of benchTcp()) console.log(line);
}
