/**
 * The sample columns of a run: the ones every model writes, and each model's own, with unit and
 * kind. This is the schema of a run's output, as the parameter table is the schema of its input:
 * the engine's column store, the CSV/JSON exports, the worker's frames and the page's charts all
 * derive their column lists from here. A model's columns are declared under its name, so adding
 * a model adds its columns here and nowhere else; the order is the CSV's column order.
 */

/** The models that run strategies (see the strategy table, strategies.ts). */
export const MODEL_NAMES = ["queue", "tcp", "kafka", "reactive"] as const;
/** A model name. */
export type ModelName = (typeof MODEL_NAMES)[number];

/**
 * What a column's values are, which decides how it is drawn, exported and summarised:
 * - `time`: the sample's instant;
 * - `level`: a state read at the sample instant (a depth, a buffer fill, an offset);
 * - `cumulative`: a running total since t = 0 (never decreases);
 * - `rate`: the mean over the interval that ends at the sample, per second;
 * - `latency`: a statistic of the events finished in the interval (NaN if none);
 * - `state`: a code (producer state, consumer up);
 * - `min`, `max`: the envelope of a level column over the interval that ends at the sample (see
 *   {@link ENVELOPE_SPECS}).
 */
export type ColumnKind = "time" | "level" | "cumulative" | "rate" | "latency" | "state" | "min" | "max";

/** The unit of a column's values. */
export type ColumnUnit = "s" | "events" | "bytes" | "events/s" | "records" | "items" | "calls" | "signals" | "-";

/** One sample column. */
export interface ColumnSpec {
  readonly name: string;
  readonly unit: ColumnUnit;
  readonly kind: ColumnKind;
  /** What the value is, in one sentence. */
  readonly description: string;
}

/**
 * Columns every model writes (the engine writes time, counters, rates and latencies; the model
 * writes the levels and states). Sample k describes the instant `k * sampleIntervalSec` (the state
 * after every event strictly before it) and, for rates and latencies, the interval ending there.
 */
export const CORE_COLUMNS = [
  { name: "timeSec", unit: "s", kind: "time", description: "Simulated time of the sample." },
  {
    name: "queued",
    unit: "events",
    kind: "level",
    description: "Events waiting in the queue (not counting the one being served).",
  },
  { name: "inService", unit: "events", kind: "level", description: "Events being served by the consumer (0 or 1)." },
  {
    name: "memoryBytes",
    unit: "bytes",
    kind: "level",
    description: "Consumer memory in use: baseline + (queued + inService) x eventBytes; 0 while it is down.",
  },
  {
    name: "produced",
    unit: "events",
    kind: "cumulative",
    description: "Events emitted by the producer (including those dropped at the source).",
  },
  { name: "consumed", unit: "events", kind: "cumulative", description: "Events the consumer finished." },
  {
    name: "dropped",
    unit: "events",
    kind: "cumulative",
    description: "Events discarded by a policy (full queue, evicted head, dropped at the source).",
  },
  {
    name: "lost",
    unit: "events",
    kind: "cumulative",
    description: "Events lost to a crash (held by a process that died, or sent while it was down).",
  },
  {
    name: "pauseSignals",
    unit: "signals",
    kind: "cumulative",
    description: "Pause signals the consumer has sent so far (the queue reached the high watermark).",
  },
  {
    name: "resumeSignals",
    unit: "signals",
    kind: "cumulative",
    description: "Resume signals the consumer has sent so far (the queue fell to the low watermark).",
  },
  { name: "producedRate", unit: "events/s", kind: "rate", description: "Producer emission rate over the interval." },
  { name: "consumedRate", unit: "events/s", kind: "rate", description: "Consumer completion rate over the interval." },
  { name: "droppedRate", unit: "events/s", kind: "rate", description: "Drop rate over the interval." },
  {
    name: "producerState",
    unit: "-",
    kind: "state",
    description: "Producer state: 0 running, 1 paused (told to stop), 2 blocked (queue full).",
  },
  {
    name: "consumerUp",
    unit: "-",
    kind: "state",
    description: "1 while the consumer process is up, 0 after an out-of-memory crash until it restarts.",
  },
  {
    name: "latencyP50",
    unit: "s",
    kind: "latency",
    description: "Median latency (emit to finish) of events finished in the interval; NaN if none.",
  },
  {
    name: "latencyP99",
    unit: "s",
    kind: "latency",
    description: "99th-percentile latency of events finished in the interval; NaN if none.",
  },
  {
    name: "latencyMax",
    unit: "s",
    kind: "latency",
    description: "Largest latency of events finished in the interval; NaN if none.",
  },
  {
    name: "latencyMean",
    unit: "s",
    kind: "latency",
    description: "Mean latency of events finished in the interval; NaN if none.",
  },
  {
    name: "oldestAgeSec",
    unit: "s",
    kind: "level",
    description: "Age of the oldest waiting event at the sample; 0 when the queue is empty.",
  },
  {
    name: "upstreamQueued",
    unit: "events",
    kind: "level",
    description: "Events held in the producer's own buffer (onPause = buffer).",
  },
  {
    name: "upstreamBytes",
    unit: "bytes",
    kind: "level",
    description: "Producer buffer memory: upstreamQueued x eventBytes.",
  },
] as const satisfies readonly ColumnSpec[];

/**
 * Each model's own columns. They read NaN ("not applicable") in the samples of other models'
 * strategies. The queue model has none beyond the core columns.
 */
export const MODEL_COLUMNS = {
  queue: [],
  tcp: [
    { name: "tcpWindowBytes", unit: "bytes", kind: "level", description: "Window last advertised by the receiver." },
    {
      name: "tcpInFlightBytes",
      unit: "bytes",
      kind: "level",
      description: "Bytes sent and not yet acknowledged (SND.NXT - SND.UNA).",
    },
    {
      name: "tcpSendBufferBytes",
      unit: "bytes",
      kind: "level",
      description: "Bytes in the sender's socket send buffer (written, not yet acknowledged).",
    },
    {
      name: "tcpReceiveBufferBytes",
      unit: "bytes",
      kind: "level",
      description: "Bytes received and not yet read by the application (RCV.USER).",
    },
    {
      name: "tcpSndUna",
      unit: "bytes",
      kind: "level",
      description: "Oldest unacknowledged sequence number, bytes from the start of the stream.",
    },
    {
      name: "tcpSndNxt",
      unit: "bytes",
      kind: "level",
      description: "Next sequence number to send, bytes from the start of the stream.",
    },
  ],
  kafka: [
    {
      name: "kafkaLogStart",
      unit: "records",
      kind: "level",
      description: "Log start offset: the oldest record retention has kept.",
    },
    { name: "kafkaLogEnd", unit: "records", kind: "level", description: "Log end offset (records appended so far)." },
    {
      name: "kafkaPosition",
      unit: "records",
      kind: "level",
      description: "The consumer's position (next offset poll() returns).",
    },
    { name: "kafkaCommitted", unit: "records", kind: "level", description: "The group's committed offset." },
    {
      name: "kafkaLagRecords",
      unit: "records",
      kind: "level",
      description: "Consumer lag, log end - committed.",
    },
    {
      name: "kafkaLagSec",
      unit: "s",
      kind: "level",
      description: "Lag in time: age of the oldest record not yet consumed.",
    },
    {
      name: "kafkaClearSec",
      unit: "s",
      kind: "level",
      description: "Time to clear the lag at the current rates (Infinity if it grows).",
    },
    {
      name: "kafkaBatchStart",
      unit: "records",
      kind: "level",
      description: "First offset of the batch being processed (the position when none is).",
    },
    {
      name: "kafkaBatchNext",
      unit: "records",
      kind: "level",
      description:
        "Offset of the batch's record being processed: those before it are done (the position when none is).",
    },
    {
      name: "kafkaBatchEnd",
      unit: "records",
      kind: "level",
      description: "End of the batch being processed, exclusive (the position when none is).",
    },
    {
      name: "kafkaPollLeftSec",
      unit: "s",
      kind: "level",
      description:
        "Time left before max.poll.interval passes without a poll (the consumer is evicted then); Infinity while no batch holds the loop.",
    },
    {
      name: "kafkaDuplicates",
      unit: "records",
      kind: "cumulative",
      description: "Records delivered again after an eviction (duplicates).",
    },
  ],
  reactive: [
    {
      name: "rsDemand",
      unit: "items",
      kind: "level",
      description: "Outstanding demand (requested - delivered).",
    },
    { name: "rsRequests", unit: "calls", kind: "cumulative", description: "request(n) calls so far." },
    { name: "rsBuffer", unit: "items", kind: "level", description: "Items in the publisher's overflow buffer." },
  ],
} as const satisfies Record<ModelName, readonly ColumnSpec[]>;

type BaseSpecs = (typeof CORE_COLUMNS)[number] | { [M in ModelName]: (typeof MODEL_COLUMNS)[M][number] }[ModelName];

/** A column the engine or a model writes directly (every column but the envelopes). */
export type BaseColumn = BaseSpecs["name"];

/** A level column: a state read at an instant, which therefore has an envelope. */
export type LevelColumn = Extract<BaseSpecs, { kind: "level" }>["name"];

/** The envelope columns of a level column `x`: `xMin` and `xMax`. */
export type EnvelopeColumn = `${LevelColumn}Min` | `${LevelColumn}Max`;

/** A sample column name. */
export type SampleColumn = BaseColumn | EnvelopeColumn;

const BASE_SPECS: readonly (ColumnSpec & { name: BaseColumn })[] = [
  ...CORE_COLUMNS,
  ...MODEL_NAMES.flatMap((m): readonly (ColumnSpec & { name: BaseColumn })[] => MODEL_COLUMNS[m]),
];

/** The level columns, in {@link COLUMN_SPECS} order (derived from each column's kind). */
export const LEVEL_COLUMNS: readonly LevelColumn[] = BASE_SPECS.filter((c) => c.kind === "level").map(
  (c) => c.name as LevelColumn,
);

/**
 * The envelope of every level column, derived from the schema: `xMin` and `xMax` are the least
 * and the greatest value `x` took in the interval that ends at the sample, both ends included, so
 * a sample's value always lies in [xMin, xMax]. Sample 0's interval is the instant t = 0. A fast
 * sawtooth that the sample instants alias shows here as a band from its troughs to its peaks.
 */
export const ENVELOPE_SPECS: readonly (ColumnSpec & { name: EnvelopeColumn; of: LevelColumn })[] =
  LEVEL_COLUMNS.flatMap((x) => {
    const spec = BASE_SPECS.find((c) => c.name === x) as ColumnSpec;
    return [
      {
        name: `${x}Min` as EnvelopeColumn,
        of: x,
        unit: spec.unit,
        kind: "min" as const,
        description: `Least value of ${x} in the interval ending at the sample.`,
      },
      {
        name: `${x}Max` as EnvelopeColumn,
        of: x,
        unit: spec.unit,
        kind: "max" as const,
        description: `Greatest value of ${x} in the interval ending at the sample.`,
      },
    ];
  });

/**
 * Every column, core first, then each model's in {@link MODEL_NAMES} order, then the envelopes
 * (the CSV order).
 */
export const COLUMN_SPECS: readonly (ColumnSpec & { name: SampleColumn })[] = [...BASE_SPECS, ...ENVELOPE_SPECS];

/** Column names in {@link COLUMN_SPECS} order. */
export const SAMPLE_COLUMNS: readonly SampleColumn[] = COLUMN_SPECS.map((c) => c.name);

/** The spec of each column by name. */
export const COLUMN_BY_NAME: Readonly<Record<SampleColumn, ColumnSpec>> = Object.fromEntries(
  COLUMN_SPECS.map((c) => [c.name, c]),
) as Record<SampleColumn, ColumnSpec>;

/** The envelope columns of a level column. */
export function envelopeOf(x: LevelColumn): { min: EnvelopeColumn; max: EnvelopeColumn } {
  return { min: `${x}Min`, max: `${x}Max` };
}

/** Whether a column is a level column (and so has an envelope). */
export function isLevelColumn(name: string): name is LevelColumn {
  return (LEVEL_COLUMNS as readonly string[]).includes(name);
}

/** The names of a model's own columns. */
export function modelColumns(model: ModelName): readonly BaseColumn[] {
  return MODEL_COLUMNS[model].map((c) => c.name);
}
