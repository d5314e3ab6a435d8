/**
 * Sweeps for decisions (issue 13, item 4): links that open a scenario with a sweep, which the page
 * runs on opening. Each answers one question by a curve rather than a single run.
 */
import { encodeScenario } from "../scenario/codec";
import { DEFAULT_SCENARIO, type Scenario } from "../scenario/params";
import { sweepViewKeys, type SweepRequest } from "./link";

/** One sweep preset. */
export interface SweepPresetSpec {
  id: string;
  title: string;
  /** The question it answers and what to look at. */
  lesson: string;
  /** The base scenario: what differs from the default. */
  params: Partial<Scenario>;
  sweep: SweepRequest;
}

/** A sweep preset with its link. */
export interface SweepPreset extends SweepPresetSpec {
  /** The scenario and its sweep as a query string without `?`. */
  query: string;
}

/** The burst of the "buffer for a burst" questions: 6 s of 150K/s once a minute over 30K/s, into 50K/s. */
const BURST: Partial<Scenario> = {
  producer: 30_000,
  shape: "burst",
  shapeRate: 150_000,
  shapeAt: 10,
  shapePeriod: 60,
  shapeDuty: 0.1,
  duration: 120,
};

const SPECS: readonly SweepPresetSpec[] = [
  {
    id: "sweep-mm1-md1",
    title: "p99 latency against load: M/M/1 beside M/D/1",
    lesson:
      "Poisson arrivals into one server at 1,000/s, the load raised from 10% to 98%: latency stays flat, then turns up like a hockey stick near saturation; constant service times (M/D/1) delay it.",
    params: { consumer: 1000, arrivals: "poisson", service: "exponential", duration: 600 },
    sweep: {
      definition: { key: "producer", from: 100, to: 980, points: 23, scale: "linear" },
      strategies: [],
      figures: ["latencyP99", "latencyP50"],
      variants: { key: "service", values: ["exponential", "constant"] },
    },
  },
  {
    id: "sweep-buffer-for-burst",
    title: "How big a buffer for this burst?",
    lesson:
      "A 6 s burst of 150K/s into a 50K/s consumer, under a bounded queue that drops or blocks, for capacities from 10K to 1M: losses and stalls fall to zero once the buffer holds the burst's 600K surplus.",
    params: BURST,
    sweep: {
      definition: { key: "capacity", from: 10_000, to: 1_000_000, points: 25, scale: "log" },
      strategies: ["drop-newest", "drop-oldest", "block"],
      figures: ["dropped", "producerStoppedPct", "latencyP99"],
      variants: null,
    },
  },
  {
    id: "sweep-headroom",
    title: "Headroom: the story's consumer from 40K/s to 140K/s",
    lesson:
      "The story's 100K/s producer against consumers from 40K/s to 140K/s under four strategies: below 100K/s the unbounded queue dies sooner the slower the consumer; the others trade losses or a slower producer.",
    params: { duration: 120 },
    sweep: {
      definition: { key: "consumer", from: 40_000, to: 140_000, points: 26, scale: "linear" },
      strategies: ["unbounded", "drop-newest", "block", "watermark"],
      figures: ["oomAtSec", "latencyP99", "dropped", "producerStoppedPct"],
      variants: null,
    },
  },
];

/** The sweep presets, each with its link. */
export const SWEEP_PRESETS: readonly SweepPreset[] = SPECS.map((spec) => ({
  ...spec,
  query: encodeScenario({ ...DEFAULT_SCENARIO, ...spec.params } as Scenario, sweepViewKeys(spec.sweep)),
}));
