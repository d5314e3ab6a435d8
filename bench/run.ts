/**
 * `npm run bench [-- --short]`: how fast the engine is, measured in one run against the
 * reference oracle, real time and SimPy, each mechanism against real time, and the visualizer in
 * Chromium, with the issues' targets printed next to each figure.
 *
 * "Events" are arrivals plus completions (produced + consumed), the same count for every
 * simulator, so events/s compare like with like. Benchmarks report; they never fail the build
 * (the exit code is 0 unless the benchmark itself crashes).
 */
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { Oracle } from "../test/oracle";
import { runBrowserBench } from "./browser";
import { benchKafka } from "./mech-kafka";
import { benchReactive } from "./mech-reactive";
import { benchTcp } from "./mech-tcp";
import { benchIssue16, type Row } from "./issue16";
import { cliSweepLines } from "./issue13";
import { pipelineBenchLines } from "./issue14";
import { peakMemoryDuring, timeMedianMs } from "./measure";

const short = process.argv.includes("--short");

/** The issue's targets. */
const TARGETS = { oracleRatio: 200, realTimeRatio: 1000, heapBytes: 100e6 };

const STORY_SEC = 120;
const story: Scenario = { ...DEFAULT_SCENARIO };
const MM1_LAMBDA = 80_000;
const MM1_MU = 100_000; // rho 0.8
const mm1: Scenario = {
  ...DEFAULT_SCENARIO,
  arrivals: "poisson",
  service: "exponential",
  producer: MM1_LAMBDA,
  consumer: MM1_MU,
  memory: 1e13,
  seed: 1,
};
const MM1_SEC = short ? 2 : 10;
const REPEATS = short ? 3 : 7;

function runEngine(s: Scenario, untilSec: number) {
  const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
  sim.advanceTo(untilSec);
  return sim.summary();
}

function runOracle(s: Scenario, untilSec: number) {
  const o = new Oracle(s, { sampleIntervalSec: 0.1 }); // the same outputs as the engine, exact percentiles included
  o.advanceTo(untilSec);
  return o.summary();
}

const fmt = (x: number, digits = 3) => x.toLocaleString("en-US", { maximumSignificantDigits: digits });
const perSec = (events: number, ms: number) => (events / ms) * 1000;
const rate = (x: number) => (x >= 1e9 ? `${fmt(x / 1e9)} G` : x >= 1e6 ? `${fmt(x / 1e6)} M` : `${fmt(x / 1e3)} k`);
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

// 1. Peak memory of the default run, first, on a fresh heap (before the oracle's allocations).
const heapSim = createSimulation(story, { sampleIntervalSec: 0.1 });
const heap = peakMemoryDuring(STORY_SEC, (i) => heapSim.advanceTo(i + 1));

// 2. The default story over 120 s, engine and oracle.
const engineStory = timeMedianMs(() => runEngine(story, STORY_SEC), REPEATS);
const storyEvents = engineStory.result.produced + engineStory.result.consumed;
const oracleStory = timeMedianMs(() => runOracle(story, STORY_SEC), short ? 1 : 2);
if (
  oracleStory.result.produced !== engineStory.result.produced ||
  oracleStory.result.consumed !== engineStory.result.consumed
) {
  console.warn("warning: the engine and the oracle disagree on the default story's counts");
}

// 3. M/M/1 at rho 0.8 (wall time; issue 16's rows below compare it with SimPy in CPU time).
const engineMm1 = timeMedianMs(() => runEngine(mm1, MM1_SEC), REPEATS);
const mm1Events = engineMm1.result.produced + engineMm1.result.consumed;
const mm1Rate = perSec(mm1Events, engineMm1.ms);

const rows: Row[] = [];
const oracleRatio = oracleStory.ms / engineStory.ms;
const realTime = (STORY_SEC * 1000) / engineStory.ms;
rows.push([`default story, ${STORY_SEC} s simulated: wall time`, `${fmt(engineStory.ms)} ms`, "", ""]);
rows.push(["  simulated events/s (arrivals + completions)", `${rate(perSec(storyEvents, engineStory.ms))}`, "", ""]);
rows.push([
  `  vs the reference oracle (${fmt(oracleStory.ms)} ms)`,
  `${fmt(oracleRatio)}x`,
  `>= ${TARGETS.oracleRatio}x`,
  verdict(oracleRatio >= TARGETS.oracleRatio),
]);
rows.push([
  "  vs real time",
  `${fmt(realTime)}x`,
  `>= ${TARGETS.realTimeRatio}x`,
  verdict(realTime >= TARGETS.realTimeRatio),
]);
rows.push([
  `  peak memory during the run${heap.gcExposed ? "" : " (no --expose-gc)"}`,
  `${fmt(heap.peakBytes / 1e6)} MB (+${fmt((heap.peakBytes - heap.baselineBytes) / 1e6)} MB)`,
  "< 100 MB",
  verdict(heap.peakBytes < TARGETS.heapBytes),
]);
rows.push([
  `M/M/1 rho 0.8 (${MM1_LAMBDA / 1000}k into ${MM1_MU / 1000}k events/s, ${MM1_SEC} s)`,
  `${rate(mm1Rate)} events/s`,
  "",
  "",
]);
// 4. Issue 16: seek back, the story sweep, M/M/1 vs SimPy, TCP presets, command-line start-up.
rows.push(...benchIssue16(short));

const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`Backpressure Playground benchmark (${short ? "short" : "full"} mode, Node ${process.version})`);
console.log("");
console.log(`${"measure".padEnd(widths[0])}  ${"figure".padEnd(widths[1])}  ${"target".padEnd(widths[2])}  verdict`);
for (const [a, b, c, d] of rows)
  console.log(`${a.padEnd(widths[0])}  ${b.padEnd(widths[1])}  ${c.padEnd(widths[2])}  ${d}`);
console.log("");
console.log(
  `engine work on the story: ${fmt(engineStory.result.work.bulkSteps)} bulk steps, ${fmt(engineStory.result.work.perEventSteps)} single events; ` +
    `M/M/1: ${fmt(engineMm1.result.work.bulkSteps)} bulk, ${fmt(engineMm1.result.work.perEventSteps)} single`,
);

// 5. Each flow-control mechanism under the default workload, against real time.
console.log("");
for (const line of benchKafka(short ? 3 : 5)) console.log(line);
for (const line of benchReactive(short ? 3 : 5)) console.log(line);
for (const line of benchTcp(short ? 1 : 3)) console.log(line);

// The sweep of issue 13 in the command line (the page's sweep is measured with the browser's figures).
console.log("");
for (const line of cliSweepLines(short ? 1 : 3)) console.log(line);

// Issue 14: a 5-stage chain at the default rates, and the cascade, against real time.
console.log("");
for (const line of pipelineBenchLines(short ? 1 : 3)) console.log(line);

// 6. The visualizer in Chromium: frame times, long tasks, heap growth, bundle size.
console.log("");
for (const line of await runBrowserBench({ short })) console.log(line);
