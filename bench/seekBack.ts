/**
 * Replay speed after a seek back, against the forward speed, in a process of its own (run by
 * bench/issue16.ts): the page's worker keeps checkpoints (`Simulation.clone()`) and a seek back
 * continues from a copy of one. A copy whose objects V8 holds in dictionary mode (slow
 * properties) slows every run that touches the same code afterwards, so this is measured apart
 * from the other benchmarks, forward first. Prints one JSON object.
 *
 * Usage: node --import tsx bench/seekBack.ts SIM_SECONDS REPEATS
 */
import { createSimulation } from "../src-sim/models";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { cpuMedianMs } from "./measure";

/** The benchmark's M/M/1 at rho 0.8 (the page's preset rates). */
export const SEEK_SCENARIO: Scenario = {
  ...DEFAULT_SCENARIO,
  arrivals: "poisson",
  service: "exponential",
  producer: 80_000,
  consumer: 100_000,
  memory: 1e13,
  seed: 1,
};

const simSec = Number(process.argv[2] ?? 10);
const repeats = Number(process.argv[3] ?? 5);

const forward = cpuMedianMs(() => {
  const sim = createSimulation(SEEK_SCENARIO, { sampleIntervalSec: 0.1 });
  sim.advanceTo(simSec);
  return sim.summary();
}, repeats);

// As the timeline does: a checkpoint is a copy of the run, and a seek continues from a copy of it.
const checkpoint = createSimulation(SEEK_SCENARIO, { sampleIntervalSec: 0.1 }).clone();
const afterSeek = cpuMedianMs(() => {
  const sim = checkpoint.clone();
  sim.advanceTo(simSec);
  return sim.summary();
}, repeats);

console.log(
  JSON.stringify({
    simSec,
    forwardMs: forward.ms,
    afterSeekMs: afterSeek.ms,
    identical: JSON.stringify(forward.result) === JSON.stringify(afterSeek.result),
  }),
);
