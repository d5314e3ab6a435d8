/**
 * What recording each event's entry time at every stage would cost (issue 14, the hop shares):
 * a random 5-stage chain (Poisson arrivals, exponential service: every event goes through the
 * per-event loop, where the cost is largest) timed as it is, against the cost of the bookkeeping
 * a per-stage entry-time queue adds, one pushOne and one shiftOne of a RunQueue per event per
 * stage, timed alone on irregular times. Run: `npx --no-install tsx bench/issue14-entry-times.ts`.
 * It reports; it never fails.
 */
import { RunQueue } from "../src-sim/engine/runQueue";
import { createPipelineSimulation } from "../src-sim/models/pipelineRun";
import { decodePipeline } from "../src-sim/scenario/pipeline";

const STAGE = "unbounded,service:exponential,consumer:70000";
const LINK = `v=2&arrivals=poisson&producer=50000&duration=20&stages=${Array(5).fill(STAGE).join(";")}`;

const pipeline = decodePipeline(LINK).pipeline!;
const run = () => {
  const sim = createPipelineSimulation(pipeline);
  sim.advanceTo(pipeline.shared.duration);
  return sim.summary();
};
run();
const runs: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  run();
  runs.push(performance.now() - t0);
}
const engineMs = [...runs].sort((a, b) => a - b)[2];
const consumed = run().consumed;

const queue = new RunQueue();
let t = 0;
for (let i = 0; i < 1000; i++) queue.pushOne((t += 0.3 + (i % 11) * 0.07));
const pairs = 5_000_000;
let sum = 0;
const t0 = performance.now();
for (let i = 0; i < pairs; i++) {
  queue.pushOne((t += 0.5 + (i % 7) * 0.1));
  sum += queue.shiftOne();
}
const pairNs = ((performance.now() - t0) * 1e6) / pairs;
const addedMs = (consumed * pipeline.stages.length * pairNs) / 1e6;
console.log(
  `5 exponential stages, 20 s simulated: ${engineMs.toFixed(0)} ms (median of 5), ${consumed.toLocaleString("en-US")} events consumed`,
);
console.log(
  `entry-time queue: ${pairNs.toFixed(1)} ns per push+shift pair x ${pipeline.stages.length} stages x events = ${addedMs.toFixed(0)} ms (${((100 * addedMs) / engineMs).toFixed(1)}% of the run)${sum > 0 ? "" : "."}`,
);
