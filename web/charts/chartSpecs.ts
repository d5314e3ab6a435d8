/**
 * What each time chart shows: its series (sample columns), reference lines derived from the
 * scenario, and how values read. Adding a chart is adding an entry here.
 */
import { RCVBUF_AUTOTUNE_MAX_BYTES, SNDBUF_AUTOTUNE_MAX_BYTES } from "../../src-sim/models/tcp/autotune";
import type { EventKind, SampleColumn } from "../../src-sim/engine/types";
import type { ModelName } from "../../src-sim/scenario/columns";
import type { Scenario } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE, producerBuffers, type Strategy } from "../../src-sim/scenario/strategies";
import { formatBinaryBytes, formatBytes, formatCount, formatDuration, formatRate } from "../format/numbers";
import { keyApplies } from "../scenario/applies";
import type { ColorVar } from "./palette";

/** One line on a chart. */
export interface SeriesSpec {
  column: SampleColumn;
  label: string;
  color: ColorVar;
  dash?: number[];
  /** Opacity of the area under the line (0 or absent for none). */
  fillAlpha?: number;
  /** Shown only when this returns true for the scenario in force. */
  when?: (s: Scenario) => boolean;
}

/** A horizontal line marking a limit (capacity, watermark, memory limit ...). */
export interface ReferenceLine {
  value: number;
  label: string;
  color: ColorVar;
  /** Keep the line inside the vertical domain even when the data are far below it. */
  alwaysInView: boolean;
}

/** A time chart: series, reference lines and formats. */
export interface TimeChartSpec {
  id: string;
  title: string;
  /** Accessible name of the plot (role img): what the chart shows. */
  ariaLabel: string;
  series: SeriesSpec[];
  references: (s: Scenario) => ReferenceLine[];
  /** Formats axis ticks and legend values. */
  format: (v: number) => string;
  /** Offers the linear/log toggle. */
  scalable?: boolean;
  /** Plot height, CSS px. */
  height: number;
  /** Smallest top of the value axis (in the chart's unit), so an idle chart has a sensible scale; default 1. */
  minTop?: number;
  /** Shown only while this model runs the strategy (a model's own chart); all when absent. */
  model?: ModelName;
  /** Key moments marked on this chart, by event kind (web/charts/momentMarks.ts); none when absent. */
  moments?: readonly EventKind[];
}

/** Queued events at which the consumer runs out of memory (its queue plus the one in service). */
export function oomDepth(s: Scenario): number {
  return Math.max(0, Math.floor((s.memory - s.baseline) / s.eventBytes));
}

/**
 * Whether the consumer is headed for out-of-memory: overloaded, with nothing holding the queue
 * below the OOM depth. Charts then keep the OOM line and the memory limit in view from the start.
 */
export function headsForOom(s: Scenario): boolean {
  if (s.producer <= s.consumer) return false;
  if (!STRATEGY_TABLE[s.strategy].holdsCapacity) return true;
  return keyApplies("capacity", s.strategy) && s.capacity >= oomDepth(s);
}

/** The producer's own buffer is drawn wherever the strategy lets it buffer and it does. */
const buffers = producerBuffers;

/** The queue depth chart. */
export const QUEUE_CHART: TimeChartSpec = {
  id: "queue",
  title: "Queue depth",
  ariaLabel:
    "Queue depth over time in events, with the capacity, the high and low watermarks and the out-of-memory line",
  series: [
    { column: "queued", label: "queued", color: "c-queue", fillAlpha: 0.14 },
    { column: "upstreamQueued", label: "producer buffer", color: "c-upstream", dash: [5, 3], when: buffers },
  ],
  references: (s) => {
    const lines: ReferenceLine[] = [];
    const oom = oomDepth(s);
    const capped = keyApplies("capacity", s.strategy);
    if (capped) lines.push({ value: s.capacity, label: "capacity", color: "c-capacity", alwaysInView: true });
    if (STRATEGY_TABLE[s.strategy].usesWatermarks(s)) {
      lines.push({ value: s.high, label: "HIGH", color: "c-high", alwaysInView: true });
      lines.push({ value: s.low, label: "LOW", color: "c-low", alwaysInView: true });
    }
    // The OOM depth belongs on this chart only where memory is the queue times the event size,
    // and only where the queue can get there: not above a bounded queue's capacity, not for TCP
    // (kernel buffers) or Kafka (the backlog sits on the broker's disk).
    if (STRATEGY_TABLE[s.strategy].queueIsMemory && (!capped || s.capacity >= oom)) {
      lines.push({ value: oom, label: "OOM", color: "c-oom", alwaysInView: headsForOom(s) });
    }
    return lines;
  },
  format: formatCount,
  scalable: true,
  height: 180,
  moments: ["oom", "producer-oom"],
};

/** The memory chart. */
export const MEMORY_CHART: TimeChartSpec = {
  id: "memory",
  title: "Memory",
  ariaLabel: "Consumer memory over time in bytes, against the memory limit",
  series: [
    { column: "memoryBytes", label: "consumer", color: "c-memory", fillAlpha: 0.14 },
    { column: "upstreamBytes", label: "producer buffer", color: "c-upstream", dash: [5, 3], when: buffers },
  ],
  references: (s) => {
    // Keep the limit in view while memory heads for it; otherwise it is noted off-scale.
    const lines: ReferenceLine[] = [{ value: s.memory, label: "limit", color: "c-oom", alwaysInView: headsForOom(s) }];
    if (buffers(s))
      lines.push({ value: s.producerMemory, label: "producer limit", color: "c-upstream", alwaysInView: false });
    return lines;
  },
  format: formatBytes,
  height: 120,
  moments: ["oom", "producer-oom"],
};

/** The latency chart. */
export const LATENCY_CHART: TimeChartSpec = {
  id: "latency",
  title: "Latency",
  ariaLabel:
    "Latency over time: p50, p99 and maximum of finished events, and the age of the oldest queued event, in seconds",
  series: [
    { column: "latencyP50", label: "p50", color: "c-p50" },
    { column: "latencyP99", label: "p99", color: "c-p99" },
    { column: "latencyMax", label: "max", color: "c-max" },
    { column: "oldestAgeSec", label: "oldest queued", color: "c-age", dash: [4, 3] },
  ],
  references: () => [],
  format: formatDuration,
  height: 120,
  minTop: 1e-3,
};

/** The throughput chart. */
export const THROUGHPUT_CHART: TimeChartSpec = {
  id: "throughput",
  title: "Throughput",
  ariaLabel: "Produced, consumed and dropped events per second over time",
  series: [
    { column: "producedRate", label: "produced", color: "c-produced" },
    { column: "consumedRate", label: "consumed", color: "c-consumed" },
    { column: "droppedRate", label: "dropped", color: "c-dropped" },
  ],
  references: () => [],
  format: formatRate,
  height: 120,
};

/** TCP's own chart: the advertised window against what is in flight, and both socket buffers. */
export const TCP_CHART: TimeChartSpec = {
  id: "tcp",
  title: "TCP window",
  ariaLabel: "TCP receive window, bytes in flight and socket buffer occupancy over time, in bytes",
  series: [
    { column: "tcpWindowBytes", label: "window", color: "c-high" },
    { column: "tcpInFlightBytes", label: "in flight", color: "c-produced" },
    { column: "tcpReceiveBufferBytes", label: "receive buffer", color: "c-memory", fillAlpha: 0.12 },
    { column: "tcpSendBufferBytes", label: "send buffer", color: "c-upstream", dash: [5, 3] },
  ],
  references: (s) => [
    // With autotuning the buffers grow as the connection runs: the line is their ceiling.
    s.rcvBufAuto === "on"
      ? { value: RCVBUF_AUTOTUNE_MAX_BYTES, label: "rcvBuf max (autotuned)", color: "c-capacity", alwaysInView: false }
      : { value: s.rcvBuf, label: "rcvBuf (SO_RCVBUF)", color: "c-capacity", alwaysInView: true },
    {
      value: s.sndBufAuto === "on" ? Math.max(s.sndBuf, SNDBUF_AUTOTUNE_MAX_BYTES) : s.sndBuf,
      label: s.sndBufAuto === "on" ? "sndBuf max (autotuned)" : "sndBuf",
      color: "c-upstream",
      alwaysInView: false,
    },
  ],
  format: formatBinaryBytes,
  height: 120,
  model: "tcp",
  moments: ["zero-window"],
};

/** Kafka's own chart: consumer lag in records. */
export const KAFKA_LAG_CHART: TimeChartSpec = {
  id: "kafka-lag",
  title: "Kafka lag",
  ariaLabel: "Kafka consumer lag over time, in records (log end offset minus committed offset)",
  series: [{ column: "kafkaLagRecords", label: "lag", color: "c-queue", fillAlpha: 0.12 }],
  references: () => [],
  format: formatCount,
  height: 120,
  model: "kafka",
  moments: ["eviction", "rebalance", "retention-loss"],
};

/** Kafka lag in time: how old the oldest unconsumed record is. */
export const KAFKA_LAG_TIME_CHART: TimeChartSpec = {
  id: "kafka-lag-time",
  title: "Kafka lag in time",
  ariaLabel: "Kafka consumer lag over time, in seconds: the age of the oldest record not yet consumed",
  series: [{ column: "kafkaLagSec", label: "lag", color: "c-age" }],
  references: (s) => [{ value: s.maxPollInterval, label: "max.poll.interval", color: "c-oom", alwaysInView: false }],
  format: formatDuration,
  height: 100,
  minTop: 1e-3,
  model: "kafka",
  moments: ["eviction"],
};

/** Reactive Streams' own chart: outstanding demand (the sawtooth) and the overflow buffer. */
export const REACTIVE_CHART: TimeChartSpec = {
  id: "reactive",
  title: "Demand",
  ariaLabel: "Reactive Streams outstanding demand and overflow buffer over time, in items",
  series: [
    { column: "rsDemand", label: "demand", color: "c-p50" },
    { column: "rsBuffer", label: "overflow buffer", color: "c-dropped", fillAlpha: 0.12 },
  ],
  references: (s) => [{ value: s.prefetch, label: "prefetch", color: "c-capacity", alwaysInView: true }],
  format: formatCount,
  height: 120,
  model: "reactive",
  moments: ["overflow-error"],
};

/** Whether a chart applies under a strategy. */
export function chartApplies(spec: TimeChartSpec, strategy: Strategy): boolean {
  return !spec.model || spec.model === STRATEGY_TABLE[strategy].model;
}

/** The time charts, top to bottom; mechanism charts appear with their strategy. */
export const TIME_CHARTS: readonly TimeChartSpec[] = [
  QUEUE_CHART,
  TCP_CHART,
  KAFKA_LAG_CHART,
  KAFKA_LAG_TIME_CHART,
  REACTIVE_CHART,
  MEMORY_CHART,
  LATENCY_CHART,
  THROUGHPUT_CHART,
];
