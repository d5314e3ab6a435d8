/**
 * Closed-form figures of a Kafka scenario for the command line's `model` object and the UI: how
 * fast lag grows, how long a full batch takes against max.poll.interval (and whether eviction is
 * expected), when retention starts to lose records, when an async hand-off runs out of memory.
 * Pure functions of the scenario (rates in records/s, times in s, sizes in bytes); values that
 * do not exist are null (JSON has no Infinity).
 */
import type { ModelFigures } from "../../engine/model";
import type { Scenario } from "../../scenario/params";
import { gammaSumExceeds } from "./gamma";

/** max.partition.fetch.bytes (ConsumerConfig default, 1 MiB): the most one fetch returns. */
export const MAX_PARTITION_FETCH_BYTES = 1_048_576;

/** Records one fetch returns at most: max.partition.fetch.bytes / eventBytes, at least 1. */
export function recordsPerFetch(s: Scenario): number {
  return Math.max(1, Math.floor(MAX_PARTITION_FETCH_BYTES / s.eventBytes));
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** log.initial.task.delay.ms (30 s): the first retention check after the broker starts, s. */
export const FIRST_RETENTION_CHECK_SEC = 30;

/** The first retention check at or after `tSec` (checks at 30 s + k x interval), s; Infinity stays. */
export function nextRetentionCheckSec(tSec: number, intervalSec: number): number {
  if (!Number.isFinite(tSec)) return Infinity;
  if (tSec <= FIRST_RETENTION_CHECK_SEC) return FIRST_RETENTION_CHECK_SEC;
  return FIRST_RETENTION_CHECK_SEC + Math.ceil((tSec - FIRST_RETENTION_CHECK_SEC) / intervalSec) * intervalSec;
}

/** The `model` figures of a Kafka scenario. */
export function kafkaFigures(s: Scenario): ModelFigures {
  const lambda = s.producer;
  const mu = s.consumer;
  const m = s.maxPollRecords;
  const growth = lambda - mu;
  const batchSec = m / mu;
  const inline = s.handoff === "inline";
  const evictionProbability =
    // The poll timer expires at its deadline (Timer.isExpired: now >= deadline), so equal is too long.
    s.service === "constant" ? (batchSec >= s.maxPollInterval ? 1 : 0) : gammaSumExceeds(m, mu, s.maxPollInterval);
  const fetchRecords = recordsPerFetch(s);
  const unboundedHeap = !inline && s.fetchPause === "off";
  // From an empty log: the record processed at t was appended at t mu / lambda, so the oldest
  // unprocessed record's age is t (1 - mu / lambda); retention starts deleting unread records
  // when that age reaches the retention time, at the broker's first retention check after that
  // (checks run 30 s after start, then every log.retention.check.interval.ms).
  const ageReachesRetentionSec = growth > 0 && !unboundedHeap ? s.retention / (1 - mu / lambda) : Infinity;
  const retentionLossSec = nextRetentionCheckSec(ageReachesRetentionSec, s.retentionCheckInterval);
  const oomSec =
    unboundedHeap && growth > 0 ? Math.max(0, (s.memory - s.baseline) / (growth * s.eventBytes)) : Infinity;
  const boundedRecords = inline ? fetchRecords + m : s.fetchPause === "on" ? s.high + m + fetchRecords : Infinity;
  return {
    mechanism: "kafka",
    handoff: s.handoff,
    /** Where the backlog grows: the broker's log (pull), or the consumer's heap (async hand-off). */
    backlogIn: unboundedHeap ? "consumer heap" : "broker log",
    lagGrowthPerSec: Math.max(0, growth),
    clearRatePerSec: Math.max(0, -growth),
    fullBatchSec: batchSec,
    maxPollIntervalSec: s.maxPollInterval,
    evictionExpected: inline && evictionProbability >= 0.5,
    evictionProbabilityPerFullBatch: inline ? evictionProbability : 0,
    recordsPerFetch: fetchRecords,
    retentionLossStartsSec: finiteOrNull(retentionLossSec),
    timeToOomSec: finiteOrNull(oomSec),
    maxConsumerMemoryBytes: finiteOrNull(s.baseline + boundedRecords * s.eventBytes),
    lossAtOom:
      unboundedHeap && s.commit === "auto" ? "committed records in the in-memory queue" : "none (re-delivered)",
  };
}
