/**
 * strategy=kafka against Kafka's own rules where an engineer will check them (issue 11). Each
 * expected figure is derived here from the rule, cited next to it:
 *
 * - A group with no committed offset starts at auto.offset.reset when it (re)joins (clients:
 *   SubscriptionState.resetInitializingPositions -> requestOffsetReset(defaultResetStrategy);
 *   ConsumerConfig AUTO_OFFSET_RESET_DOC: "What to do when there is no initial offset in Kafka").
 *   latest (the default) skips the backlog; earliest starts from the log start.
 * - Retention deletes only when the broker's retention check runs: LogManager.startup schedules
 *   "kafka-log-retention" (cleanupLogs) at a fixed rate of log.retention.check.interval.ms
 *   (ServerLogConfigs.LOG_CLEANUP_INTERVAL_MS_DEFAULT, 300,000) after log.initial.task.delay.ms
 *   (LOG_INITIAL_TASK_DELAY_MS_DEFAULT, 30,000).
 * - The poll timer expires at its deadline: Timer.isExpired() is currentTimeMs >= deadlineMs
 *   (clients common/utils/Timer.java; Heartbeat.pollTimeoutExpired), so a batch lasting exactly
 *   max.poll.interval.ms gets the consumer evicted.
 */
import { describe, expect, it } from "vitest";
import { EventLog } from "../src-sim/engine/eventLog";
import { seedStreams } from "../src-sim/engine/rng";
import { RunContext } from "../src-sim/engine/runContext";
import { createSimulation } from "../src-sim/models/index";
import { KafkaModel, SEGMENT_BYTES, type KafkaObserver } from "../src-sim/models/kafka/model";
import { kafkaFigures } from "../src-sim/models/kafka/figures";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

const KAFKA: Scenario = { ...DEFAULT_SCENARIO, strategy: "kafka" };
/** log.initial.task.delay.ms and log.retention.check.interval.ms defaults, s. */
const INITIAL_TASK_DELAY_SEC = 30;
const RETENTION_CHECK_DEFAULT_SEC = 300;

/** Drives a model with an observer, stepping like the engine (0.1 s samples). */
function drive(s: Scenario, untilSec: number, observer: KafkaObserver) {
  const ctx = new RunContext(seedStreams(s.seed), new EventLog(0.1));
  const model = new KafkaModel(ctx, s, 0, { observer });
  for (let k = 1; k * 0.1 <= untilSec + 1e-9; k++) {
    model.advanceTo(k * 0.1);
    model.afterSample();
  }
  return { ctx, model };
}

/** The example: batches of 500 at 10/s (50 s) against a 30 s max.poll.interval, auto-commit every 100 s. */
const EXAMPLE =
  "strategy=kafka&producer=100&consumer=10&maxPollRecords=500&maxPollInterval=30&commit=auto&autoCommitInterval=100";

describe("auto.offset.reset for a group that never committed", () => {
  it("the issue's example never commits before its first eviction", () => {
    const { scenario: s } = decodeScenario(EXAMPLE);
    const commits: number[] = [];
    const evictions: number[] = [];
    drive(s, 120, { commit: (t) => commits.push(t), eviction: (t) => evictions.push(t) });
    expect(evictions.length).toBeGreaterThan(0);
    expect(commits.filter((t) => t <= evictions[0])).toEqual([]);
  });

  it("latest (the default): the rejoined consumer starts at the log end; the backlog is skipped, no duplicates by 120 s", () => {
    const { scenario: s } = decodeScenario(EXAMPLE);
    expect(s.offsetReset).toBe("latest");
    const resumes: Array<[number, number]> = [];
    const { ctx, model } = drive(s, 120, { resume: (t, offset) => resumes.push([t, offset]) });
    expect(resumes.length).toBeGreaterThan(0);
    // Constant arrivals at 100/s: the log end at t is floor(100 t) + 1 records (the first at t = 0).
    for (const [t, offset] of resumes) expect(Math.abs(offset - 100 * t)).toBeLessThanOrEqual(1);
    expect(model.inspect().duplicates).toBe(0);
    // What the group skipped is lost to it, and the accounting still closes.
    expect(ctx.lost).toBeGreaterThan(0);
    const sim = createSimulation(s);
    sim.advanceTo(120);
    expect(sim.column("kafkaDuplicates")[sim.sampleCount - 1]).toBe(0);
    expect(sim.readEvents(0).some((e) => e.kind === "offset-reset")).toBe(true);
  });

  it("earliest: the rejoined consumer starts again from offset 0 and redelivers what it had processed", () => {
    const { scenario: s } = decodeScenario(`${EXAMPLE}&offsetReset=earliest`);
    const resumes: Array<[number, number]> = [];
    const { ctx, model } = drive(s, 120, { resume: (t, offset) => resumes.push([t, offset]) });
    expect(resumes[0][1]).toBe(0);
    expect(model.inspect().duplicates).toBeGreaterThan(0);
    expect(ctx.lost).toBe(0);
  });

  it("a group that has committed resumes at its committed offset, as before", () => {
    const { scenario: s } = decodeScenario(`${EXAMPLE.replace("&autoCommitInterval=100", "")}&commit=batch`);
    const commits: number[] = [];
    const resumes: number[] = [];
    drive(s, 120, { commit: (_t, o) => commits.push(o), resume: (_t, o) => resumes.push(o) });
    expect(resumes.length).toBeGreaterThan(0);
    expect(commits).toContain(resumes[0]);
  });
});

describe("retention runs at the broker's retention checks", () => {
  // 1 GiB segments of 10 MB records: 107 records a segment, so deletions are easy to see.
  const s: Scenario = {
    ...KAFKA,
    producer: 100,
    consumer: 10,
    eventBytes: 1e7,
    retention: 60,
    retentionCheckInterval: 100,
    duration: 600,
  };

  it("losses appear only in samples holding a check instant (30 s + k x interval), in steps", () => {
    const checks: number[] = [];
    for (let t = INITIAL_TASK_DELAY_SEC; t <= 600; t += s.retentionCheckInterval) checks.push(t);
    const sim = createSimulation(s);
    sim.advanceTo(600);
    const lost = sim.column("lost");
    const time = sim.column("timeSec");
    let steps = 0;
    for (let i = 1; i < sim.sampleCount; i++) {
      if (lost[i] === lost[i - 1]) continue;
      steps++;
      // An event at a sample's time is handled in the interval that starts there: [t(i-1), t(i)).
      const holdsCheck = checks.some((c) => c >= time[i - 1] && c < time[i]);
      expect(holdsCheck, `loss between ${time[i - 1]} and ${time[i]}`).toBe(true);
    }
    expect(steps).toBeGreaterThanOrEqual(3);
    // At a check, whole segments older than retention go: what was appended before check - 60 s.
    const perSegment = Math.floor(SEGMENT_BYTES / s.eventBytes);
    const at = checks[2]; // 230 s
    const i = Math.round(at * 10) + 1;
    // Records are appended at k / 100 s; those strictly before check - 60 s, in whole segments.
    const deletableEnd = Math.floor(Math.floor(100 * (at - s.retention)) / perSegment) * perSegment;
    // Below that, a record was processed, is in the consumer's memory (a fetch is one record), or is lost.
    expect(lost[i]).toBeGreaterThan(0);
    expect(lost[i] + sim.column("consumed")[i] + 2).toBeGreaterThanOrEqual(deletableEnd);
  });

  it("the default interval is 300 s (log.retention.check.interval.ms) and the figure names the first check", () => {
    expect(KAFKA.retentionCheckInterval).toBe(RETENTION_CHECK_DEFAULT_SEC);
    const f = kafkaFigures(s);
    const unread = s.retention / (1 - s.consumer / s.producer); // the oldest unread record's age hits retention
    const firstCheck = INITIAL_TASK_DELAY_SEC + Math.ceil((unread - INITIAL_TASK_DELAY_SEC) / 100) * 100;
    expect(f.retentionLossStartsSec).toBeGreaterThanOrEqual(unread);
    expect(f.retentionLossStartsSec).toBe(firstCheck);
  });
});

describe("max.poll.interval: the poll timer expires at its deadline (Timer.isExpired: now >= deadline)", () => {
  // 240 records at 8/s take exactly 30 s (0.125 s each: exact in binary).
  const base: Scenario = { ...KAFKA, producer: 100, consumer: 8, maxPollRecords: 240, commit: "batch", duration: 200 };

  it("a batch lasting exactly max.poll.interval is evicted", () => {
    const s = { ...base, maxPollInterval: 30 };
    const evictions: number[] = [];
    drive(s, 200, { eviction: (t) => evictions.push(t) });
    expect(evictions.length).toBeGreaterThan(0);
    expect(kafkaFigures(s).evictionExpected).toBe(true);
  });

  it("a batch shorter than max.poll.interval is not", () => {
    const s = { ...base, maxPollInterval: 30.01 };
    const evictions: number[] = [];
    drive(s, 200, { eviction: (t) => evictions.push(t) });
    expect(evictions).toEqual([]);
    expect(kafkaFigures(s).evictionExpected).toBe(false);
  });
});
