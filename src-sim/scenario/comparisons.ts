/**
 * Presets for decisions (issue 13, item 4): comparisons that answer "which strategy should my
 * service use" and "how much headroom do I need", each a link like any comparison (lanes.ts).
 *
 * "The story under five strategies" is told in two comparisons of at most four lanes that share
 * the unbounded lane as the baseline: one for the bounded queues (what to give up: events or the
 * producer's speed), one for the two that lose nothing (block and watermarks). Four lanes is the
 * most a comparison draws legibly on a phone (lanes.ts, MAX_LANES).
 */
import type { LaneSpec } from "./lanes";
import { encodeComparison, sharedWorkload } from "./lanes";
import { DEFAULT_SCENARIO, type Scenario } from "./params";

/** One comparison preset. */
export interface ComparisonPresetSpec {
  /** Stable identifier (tests, and the gallery's `data-preset`). */
  id: string;
  title: string;
  /** The question it answers and what to look at. */
  lesson: string;
  /** The shared workload: what differs from the default scenario (lane keys have no effect here). */
  shared: Partial<Scenario>;
  lanes: LaneSpec[];
}

/** A comparison preset with its link. */
export interface ComparisonPreset extends ComparisonPresetSpec {
  /** The comparison as a query string without `?` (encodeComparison). */
  query: string;
}

/** The burst of "A buffer absorbs a burst": 6 s of 150K/s once a minute over 30K/s, into 50K/s. */
const BURST: Partial<Scenario> = {
  producer: 30_000,
  shape: "burst",
  shapeRate: 150_000,
  shapeAt: 10,
  shapePeriod: 60,
  shapeDuty: 0.1,
  duration: 120,
};

const SPECS: readonly ComparisonPresetSpec[] = [
  {
    id: "story-five-1",
    title: "The story under five strategies (1 of 2): bounded queues",
    lesson:
      "The same 100K/s into 50K/s: unbounded dies at 120 s; drop newest and drop oldest stay flat and lose half; block loses nothing by slowing the producer.",
    shared: {},
    lanes: [
      { strategy: "unbounded", params: {} },
      { strategy: "drop-newest", params: {} },
      { strategy: "drop-oldest", params: {} },
      { strategy: "block", params: {} },
    ],
  },
  {
    id: "story-five-2",
    title: "The story under five strategies (2 of 2): lose nothing",
    lesson:
      "Unbounded against the two that lose nothing: block holds the queue at its capacity, watermarks pause and resume the producer between 8,000 and 2,000.",
    shared: {},
    lanes: [
      { strategy: "unbounded", params: {} },
      { strategy: "watermark", params: {} },
      { strategy: "block", params: {} },
    ],
  },
  {
    id: "burst-drop-or-block",
    title: "Drop newest, drop oldest or block, on the same burst",
    lesson:
      "Bursts of 150K/s into a queue of 200K: both drop policies lose the same 800K, drop oldest with a slightly lower p99; block loses nothing and holds the producer back instead.",
    shared: BURST,
    lanes: [
      { strategy: "drop-newest", params: { capacity: 200_000 } },
      { strategy: "drop-oldest", params: { capacity: 200_000 } },
      { strategy: "block", params: { capacity: 200_000 } },
    ],
  },
  {
    id: "burst-buffer-size",
    title: "How big must the buffer be for this burst?",
    lesson:
      "A burst leaves (150K - 50K) x 6 s = 600K behind: buffers of 150K and 300K drop, 600K just holds it, 1M holds it with room; the price is memory and latency.",
    shared: BURST,
    lanes: [
      { strategy: "drop-newest", params: { capacity: 150_000 } },
      { strategy: "drop-newest", params: { capacity: 300_000 } },
      { strategy: "drop-newest", params: { capacity: 600_000 } },
      { strategy: "drop-newest", params: { capacity: 1_000_000 } },
    ],
  },
];

/** The comparison presets, with their links. */
export const COMPARISON_PRESETS: readonly ComparisonPreset[] = SPECS.map((spec) => ({
  ...spec,
  query: encodeComparison({
    shared: sharedWorkload({ ...DEFAULT_SCENARIO, ...spec.shared }),
    lanes: spec.lanes,
    view: "overlay",
  }),
}));
