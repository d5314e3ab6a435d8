/**
 * What the Kafka mechanism view draws at one sample, read from the model's columns (pure; tested
 * in test/web-mech-tcp-kafka.test.ts): the partition log as a strip from the log start to the log
 * end, with the committed offset and the consumer's position inside it, the batch being processed,
 * the retention boundary (the offset the log ended at `retention` seconds ago: older records are
 * deleted at the broker's next retention check), the lag in records and in time with the time to
 * clear it, and the max.poll.interval deadline while a batch holds the poll loop.
 */
import type { SampleColumn } from "../../../src-sim/scenario/columns";
import type { Scenario } from "../../../src-sim/scenario/params";
import { formatCount, formatDuration } from "../../format/numbers";
import { valueAt, type SampleSource } from "../../runtime/moment";

/** The strip at one sample. Offsets are record numbers from the start of the partition. */
export interface KafkaStrip {
  timeSec: number;
  logStart: number;
  committed: number;
  position: number;
  logEnd: number;
  /** Offsets older than the retention time (at or past the log start: due for deletion); NaN before `retention` has passed. */
  retentionBoundary: number;
  /** The batch being processed: [batchStart, batchEnd), done up to batchNext; all equal to the position when none is. */
  batchStart: number;
  batchNext: number;
  batchEnd: number;
  lagRecords: number;
  lagSec: number;
  /** Time to clear the lag at the current rates, s (Infinity: it grows). */
  clearSec: number;
  /** Time left on max.poll.interval, s; Infinity while no batch holds the poll loop. */
  pollLeftSec: number;
  maxPollIntervalSec: number;
  /** Time the batch still needs at the consumer's mean rate, s (0 when none is in progress). */
  batchNeedsSec: number;
  /** The batch will outlast the deadline: the consumer will be evicted at it. */
  evictionAhead: boolean;
  /** Retention deleted the committed offset (the strip draws it at the log start). */
  committedDeleted: boolean;
}

/**
 * The strip at sample `index` of `series` under `scenario` (the scenario in force: its
 * retention, max.poll.interval and consumer rate); null outside the samples or where Kafka is
 * not in force.
 */
export function kafkaStripAt(series: SampleSource, scenario: Scenario, index: number): KafkaStrip | null {
  const at = (name: SampleColumn) => valueAt(series, name, index);
  const logStart = at("kafkaLogStart");
  const logEnd = at("kafkaLogEnd");
  const committed = at("kafkaCommitted");
  const position = at("kafkaPosition");
  if (![logStart, logEnd, committed, position].every(Number.isFinite)) return null;
  const timeSec = at("timeSec");
  const batchStart = at("kafkaBatchStart");
  const batchNext = at("kafkaBatchNext");
  const batchEnd = at("kafkaBatchEnd");
  const pollLeftSec = at("kafkaPollLeftSec");
  const batchNeedsSec = batchEnd > batchNext ? (batchEnd - batchNext) / scenario.consumer : 0;
  return {
    timeSec,
    logStart,
    committed,
    position,
    logEnd,
    retentionBoundary: retentionBoundaryAt(series, scenario, timeSec),
    batchStart,
    batchNext,
    batchEnd,
    lagRecords: at("kafkaLagRecords"),
    lagSec: at("kafkaLagSec"),
    clearSec: at("kafkaClearSec"),
    pollLeftSec,
    maxPollIntervalSec: scenario.maxPollInterval,
    batchNeedsSec,
    evictionAhead: Number.isFinite(pollLeftSec) && batchNeedsSec >= pollLeftSec,
    committedDeleted: committed < logStart,
  };
}

/**
 * The offset the log ended at `retention` seconds before `timeSec`: records below it are older
 * than retention (read from the kafkaLogEnd column at that earlier sample; NaN while the run is
 * younger than retention, or that sample is not held).
 */
function retentionBoundaryAt(series: SampleSource, scenario: Scenario, timeSec: number): number {
  const t = timeSec - scenario.retention;
  if (!(t >= 0)) return NaN;
  const i = Math.floor(t / series.sampleIntervalSec + 1e-9);
  return valueAt(series, "kafkaLogEnd", i);
}

/** The strip's offsets in drawing order, clamped to the log (a committed offset retention deleted sits at the log start). */
export function stripOffsets(s: KafkaStrip): { logStart: number; committed: number; position: number; logEnd: number } {
  const clamp = (x: number) => Math.min(s.logEnd, Math.max(s.logStart, x));
  return { logStart: s.logStart, committed: clamp(s.committed), position: clamp(s.position), logEnd: s.logEnd };
}

/** An offset in full ("2,999,500"): a batch's ends differ in the last digits. */
export function exactOffset(offset: number): string {
  return Number.isFinite(offset) ? Math.round(offset).toLocaleString("en-US") : "–";
}

/** The deadline in words ("12 s left of 30 s", or null while no batch holds the loop). */
export function deadlineText(s: KafkaStrip): string | null {
  if (!Number.isFinite(s.pollLeftSec)) return null;
  return `${formatDuration(s.pollLeftSec)} left of ${formatDuration(s.maxPollIntervalSec)}`;
}

/** The time to clear the lag in words. */
export function clearText(s: KafkaStrip): string {
  if (s.lagRecords <= 0) return "no lag";
  return Number.isFinite(s.clearSec) ? `clears in ${formatDuration(s.clearSec)}` : "never: the lag grows";
}

/** The strip's text alternative: the same facts in sentences. */
export function kafkaStripText(s: KafkaStrip): string {
  const parts = [
    `The partition log at ${formatDuration(s.timeSec)}: log start ${formatCount(s.logStart)}, committed offset ${formatCount(s.committed)}, ` +
      `position ${formatCount(s.position)}, log end ${formatCount(s.logEnd)}.`,
  ];
  if (s.committedDeleted) parts.push("Retention has deleted records at the committed offset.");
  if (Number.isFinite(s.retentionBoundary) && s.retentionBoundary > s.logStart) {
    parts.push(
      `Records below ${formatCount(s.retentionBoundary)} are older than retention and go at the next retention check.`,
    );
  }
  if (s.batchEnd > s.batchStart) {
    parts.push(
      `Batch in progress: offsets ${exactOffset(s.batchStart)} to ${exactOffset(s.batchEnd)}, ${formatCount(s.batchNext - s.batchStart)} of ${formatCount(s.batchEnd - s.batchStart)} done.`,
    );
  } else {
    parts.push("No batch in progress.");
  }
  parts.push(`Lag ${formatCount(s.lagRecords)} records, ${formatDuration(s.lagSec)} behind; ${clearText(s)}.`);
  const deadline = deadlineText(s);
  if (deadline) {
    parts.push(
      `max.poll.interval: ${deadline}${s.evictionAhead ? `; the batch needs about ${formatDuration(s.batchNeedsSec)} more, so the consumer will be evicted` : ""}.`,
    );
  }
  return parts.join(" ");
}
