/**
 * What the pipeline page holds of its run, outside React: the samples the frames carried (the
 * time axis and each stage's columns) and the latest moment's figures. Pure: the client feeds it
 * frames, the views read it, and the stage states are derived here so tests can read them too.
 */
import type { Summary } from "../../src-sim/engine/types";
import { STAGE_DOWN } from "../../src-sim/models/pipeline/series";
import type { StageSummary } from "../../src-sim/models/pipeline/stage";
import type { PipelineTheory } from "../../src-sim/models/pipeline/theory";
import { stageScenario, type Pipeline } from "../../src-sim/scenario/pipeline";
import {
  STAGE_FRAME_COLUMNS,
  type PipelineFrameMessage,
  type StageFrameColumn,
} from "../../src-sim/worker/pipelineProtocol";
import type { Speed } from "../../src-sim/worker/protocol";

/** A stage's (or the source's) state as the page shows it. */
export type StageStatus = "running" | "blocked" | "paused" | "down";

/** One stage's samples: each column a frame carries (STAGE_FRAME_COLUMNS), as plain arrays. */
export type StageSamples = Record<StageFrameColumn, number[]>;

/** A stage with no samples yet. */
function emptyStage(): StageSamples {
  return Object.fromEntries(STAGE_FRAME_COLUMNS.map((c) => [c, []])) as unknown as StageSamples;
}

/** The run as the page knows it. */
export interface PipelineData {
  pipeline: Pipeline;
  timeSec: number;
  sampleIntervalSec: number;
  playing: boolean;
  ended: boolean;
  speed: Speed;
  /** Sample times, s. */
  times: number[];
  /** The source's emission rate per sample interval, events/s. */
  producedRate: number[];
  stages: StageSamples[];
  summaries: StageSummary[];
  summary: Summary | null;
  theory: PipelineTheory | null;
  /** Frames applied so far (tests, and views that redraw on change). */
  version: number;
}

/** An empty run of `pipeline`. */
export function emptyData(pipeline: Pipeline, speed: Speed): PipelineData {
  return {
    pipeline,
    timeSec: 0,
    sampleIntervalSec: 0.1,
    playing: false,
    ended: false,
    speed,
    times: [],
    producedRate: [],
    stages: pipeline.stages.map(emptyStage),
    summaries: [],
    summary: null,
    theory: null,
    version: 0,
  };
}

/** Keeps samples [0, start) of `col` and appends `values`. */
function splice(col: number[], start: number, values: Float64Array): void {
  col.length = Math.min(col.length, start);
  for (let i = 0; i < values.length; i++) col.push(values[i]);
}

/** `data` with `frame` applied (the arrays are reused; a new object, so React sees the change). */
export function applyFrame(data: PipelineData, frame: PipelineFrameMessage): PipelineData {
  splice(data.times, frame.samplesStart, frame.columns.timeSec);
  splice(data.producedRate, frame.samplesStart, frame.columns.producedRate);
  const stages = frame.stages.map((st, i) => {
    const mine = data.stages[i] ?? emptyStage();
    for (const c of STAGE_FRAME_COLUMNS) splice(mine[c], frame.samplesStart, st[c]);
    return mine;
  });
  return {
    ...data,
    timeSec: frame.timeSec,
    sampleIntervalSec: frame.sampleIntervalSec,
    playing: frame.playing,
    ended: frame.ended,
    speed: frame.speed,
    stages,
    summaries: frame.stages.map((st) => st.summary),
    summary: frame.summary,
    theory: frame.theory,
    version: data.version + 1,
  };
}

/** Share of the last sample interval a stage spent stalled above which it shows as blocked. */
const STALLED_SHARE = 0.01;

/**
 * Stage `k`'s state in sample `i`'s interval: down while it is down; paused or blocked when it held
 * a finished event for part of the interval. A stage throttled by a full blocking hop is released
 * at every take of the stage after it, so the state at the sample's instant alone would read
 * running most of the time; the stalled time says it.
 */
export function stageStatusAt(data: PipelineData, k: number, i: number): StageStatus {
  const st = data.stages[k];
  if (!st || i < 0 || i >= st.state.length) return "running";
  const state = st.state[i];
  if (state === STAGE_DOWN) return "down";
  if (state === 1) return "paused";
  if (state === 2) return "blocked";
  if (i === 0) return "running";
  const stalled = st.stalledSeconds[i] - st.stalledSeconds[i - 1];
  const interval = data.times[i] - data.times[i - 1];
  return interval > 0 && stalled / interval > STALLED_SHARE ? "blocked" : "running";
}

/** Stage `k`'s state at the last sample (see {@link stageStatusAt}). */
export function stageStatus(data: PipelineData, k: number): StageStatus {
  return stageStatusAt(data, k, (data.stages[k]?.state.length ?? 0) - 1);
}

/**
 * The source's state at the last sample: held back when its last interval's emission fell short
 * of its rate while Stage 1's bounded queue was full (a blocking hop refusing it), or when its
 * rate was cut by a watermark pause.
 */
export function sourceStatus(data: PipelineData): StageStatus {
  const n = data.times.length;
  if (n < 2 || data.stages.length === 0) return "running";
  const { capacity, strategy } = stageScenario(data.pipeline.shared, data.pipeline.stages[0]);
  const rate = data.producedRate[n - 1];
  const short = Number.isFinite(rate) && rate < data.pipeline.shared.producer * 0.99;
  if (!short) return "running";
  if (strategy === "watermark") return "paused";
  // A cold source in front of a Reactive hop waits for Stage 1's demand, one in front of a TCP
  // connection for room in its send buffer.
  if (strategy === "reactive" || strategy === "tcp") return "blocked";
  const full = data.stages[0].queued[n - 1] >= capacity - 1;
  return strategy === "block" && full ? "blocked" : "running";
}

/** Simulated seconds over which {@link projectedOomSec} measures a stage's memory growth. */
const GROWTH_WINDOW_SEC = 1;

/**
 * Seconds until stage `k` passes its memory limit if its memory keeps growing as over the last
 * second of samples; null while it does not grow, is down, or has a bounded queue whose full load
 * fits in its memory. Read from the run itself: where
 * a stall in front of an unbounded queue makes it grow, the fluid theory of the free-running
 * rates sees no growth, the samples do.
 */
export function projectedOomSec(data: PipelineData, k: number): number | null {
  const st = data.stages[k];
  const n = st?.memoryBytes.length ?? 0;
  if (n < 2 || st.state[n - 1] === STAGE_DOWN) return null;
  const back = Math.max(1, Math.round(GROWTH_WINDOW_SEC / data.sampleIntervalSec));
  const i = Math.max(0, n - 1 - back);
  const dt = data.times[n - 1] - data.times[i];
  const growth = dt > 0 ? (st.memoryBytes[n - 1] - st.memoryBytes[i]) / dt : 0;
  if (!(growth > 0)) return null;
  const sc = stageScenario(data.pipeline.shared, data.pipeline.stages[k]);
  // A bounded queue whose full load fits in memory stops growing before the limit.
  const fullBytes = sc.baseline + (stageBound(data, k) + 1) * sc.eventBytes;
  if (sc.strategy !== "unbounded" && fullBytes <= sc.memory) return null;
  return Math.max(0, (sc.memory - st.memoryBytes[n - 1]) / growth);
}

/**
 * The most events stage `k` holds waiting: its queue's capacity, one poll (max.poll.records)
 * behind a Kafka hop, its prefetch behind a Reactive hop; Infinity for an unbounded queue.
 */
export function stageBound(data: PipelineData, k: number): number {
  const sc = stageScenario(data.pipeline.shared, data.pipeline.stages[k]);
  if (sc.strategy === "kafka") return sc.maxPollRecords;
  if (sc.strategy === "reactive") return sc.prefetch;
  if (sc.strategy === "tcp") return Math.max(1, Math.floor(sc.rcvBuf / sc.eventBytes));
  return sc.strategy === "unbounded" ? Infinity : sc.capacity;
}

/** What the diagram says about the hop in front of a stage that is not a queue in its memory. */
export interface HopReadout {
  /** The hop's kind, named: "Kafka topic", "Reactive demand" or "TCP connection". */
  kind: string;
  /** Its figures now, short: a Kafka topic's lag and bytes on the broker, a Reactive hop's outstanding demand. */
  figures: string[];
}

/**
 * The hop in front of stage `k` as the diagram shows it, null for a queue hop. `count` and `bytes`
 * format numbers (the page's formatters; kept out of this module so tests read plain figures).
 */
export function hopReadout(
  data: PipelineData,
  k: number,
  count: (n: number) => string,
  bytes: (n: number) => string,
): HopReadout | null {
  const strategy = data.pipeline.stages[k]?.strategy;
  const hop = data.summaries[k]?.hop;
  if (strategy === "kafka")
    return {
      kind: "Kafka topic",
      figures:
        hop?.kind === "kafka"
          ? [`lag ${count(hop.lagRecords)}`, `${bytes(hop.brokerBytes)} on the broker`]
          : ["lag 0", `${bytes(0)} on the broker`],
    };
  if (strategy === "tcp")
    return {
      kind: "TCP connection",
      figures:
        hop?.kind === "tcp"
          ? [`window ${bytes(hop.windowBytes)}`, `send buffer ${bytes(hop.sendBufferBytes)}`]
          : [`window ${bytes(0)}`, `send buffer ${bytes(0)}`],
    };
  if (strategy === "reactive")
    return {
      kind: "Reactive demand",
      figures: [`demand ${count(hop?.kind === "reactive" ? hop.outstanding : 0)}`],
    };
  return null;
}
