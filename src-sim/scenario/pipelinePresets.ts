/**
 * Pipeline presets (issue 14, item 4): chains that show the cascade and what stops it, each a
 * link like any pipeline (pipeline.ts). The cascade's rates are close, so the stall visibly spreads
 * up the chain one stage every 10 s instead of within milliseconds.
 */
import { DEFAULT_SCENARIO, type Scenario } from "./params";
import { encodePipeline, type Pipeline, type StageSpec } from "./pipeline";

/** One pipeline preset. */
export interface PipelinePresetSpec {
  /** Stable identifier (tests, and the gallery's `data-preset`). */
  id: string;
  title: string;
  /** What it shows and what to look at. */
  lesson: string;
  /** The source's workload: what differs from the default scenario. */
  shared: Partial<Scenario>;
  stages: StageSpec[];
}

/** A pipeline preset with its link. */
export interface PipelinePreset extends PipelinePresetSpec {
  /** The pipeline as a query string without `?` (encodePipeline). */
  query: string;
  pipeline: Pipeline;
}

/** The cascade's chain: 50K/s through 60K/s and 55K/s into a 40K/s sink stage, 100,000-event queues. */
const CASCADE_SHARED: Partial<Scenario> = { producer: 50_000, capacity: 100_000, duration: 60 };

const SPECS: readonly PipelinePresetSpec[] = [
  {
    id: "pipeline-cascade",
    title: "The cascade: a slow sink stalls the chain",
    lesson:
      "Stage 3 takes 40K/s of 50K/s behind blocking queues: its queue fills in 10 s, then Stage 2 stalls, 10 s later Stage 1, 10 s later the source. Nothing is lost; the whole chain runs at 40K/s.",
    shared: CASCADE_SHARED,
    stages: [
      { strategy: "block", params: { consumer: 60_000 } },
      { strategy: "block", params: { consumer: 55_000 } },
      { strategy: "block", params: { consumer: 40_000 } },
    ],
  },
  {
    id: "pipeline-unbounded-hop",
    title: "The cascade with one unbounded hop: it dies, the rest starve",
    lesson:
      "Stage 2's queue is unbounded: the stall stops there and its queue grows 10K/s until Stage 2 runs out of its 500 MB at 60 s. Stage 1 never notices; after the crash Stage 3 starves and Stage 1's output is lost.",
    shared: { ...CASCADE_SHARED, duration: 90 },
    stages: [
      { strategy: "block", params: { consumer: 60_000 } },
      { strategy: "unbounded", params: { consumer: 55_000, memory: 500_000_000 } },
      { strategy: "block", params: { consumer: 40_000 } },
    ],
  },
  {
    id: "pipeline-shed-at-edge",
    title: "Load shedding at the entrance keeps the inside healthy",
    lesson:
      "100K/s arrive at a chain that can do 40K/s: Stage 1 drops what does not fit in its 5,000 places, so the stages after it keep up with small queues and low latency. All the loss is at the edge, none inside.",
    shared: { producer: 100_000, duration: 60 },
    stages: [
      { strategy: "drop-newest", params: { consumer: 40_000, capacity: 5000 } },
      { strategy: "unbounded", params: { consumer: 50_000 } },
      { strategy: "unbounded", params: { consumer: 45_000 } },
    ],
  },
  {
    id: "pipeline-kafka-middle",
    title: "A Kafka topic in the middle decouples the two sides",
    lesson:
      "Stage 1 writes 20K/s into a Kafka topic; Stage 2 reads it at 15K/s, 500 records a poll. Nothing travels back through the topic: the source and Stage 1 never stall, Stage 2 and Stage 3 keep working with small memory, and the 5K/s difference waits on the broker's disk. By 60 s about 300K records wait unread; the lag the topic shows (log end minus committed) runs up to 75K higher, since the reader commits every 5 s. Retention keeps a week, so nothing is lost, only delayed, and a record waits about 10 s on average.",
    shared: { producer: 20_000, capacity: 1000, duration: 60 },
    stages: [
      { strategy: "block", params: { consumer: 30_000 } },
      { strategy: "kafka", params: { consumer: 15_000 } },
      { strategy: "block", params: { consumer: 30_000 } },
    ],
  },
  {
    id: "pipeline-reactive-cold",
    title: "Reactive demand reaches a cold source",
    lesson:
      "Three stages linked by Reactive Streams demand, the last one at 20K/s. Each stage asks for 128 items, then 96 more each time it has taken 96, and the stage before may emit only what was asked for. The slow end's pace travels back request by request: the source, which could emit 100K/s, waits and emits 20K/s, no queue holds more than 128 items, and nothing is dropped or lost.",
    shared: { producer: 100_000, duration: 30 },
    stages: [
      { strategy: "reactive", params: { consumer: 80_000 } },
      { strategy: "reactive", params: { consumer: 60_000 } },
      { strategy: "reactive", params: { consumer: 20_000 } },
    ],
  },
];

/** Every pipeline preset, with its link. */
export const PIPELINE_PRESETS: readonly PipelinePreset[] = SPECS.map((spec) => {
  const pipeline: Pipeline = { shared: { ...DEFAULT_SCENARIO, ...spec.shared }, stages: spec.stages };
  return { ...spec, pipeline, query: encodePipeline(pipeline) };
});
