/**
 * The data of the TCP and Kafka mechanism views (issue 15, item 2) on short runs: thinning, the
 * ladder's summary, the max.poll.interval countdown and the retention boundary. The invariants over
 * every TCP and Kafka preset's whole run are in web-mech-tcp-kafka.stat.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import type { SampleColumn } from "../src-sim/scenario/columns";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { presetById } from "../src-sim/scenario/presets";
import { LADDER_ACK, LADDER_PROBE, LADDER_SEGMENT, MAX_LADDER_RECORDS, TcpLadder } from "../src-sim/models/tcp/ladder";
import { Timeline } from "../src-sim/worker/timeline";
import { zoomFrame } from "../src-sim/worker/zoom";
import { ladderSpanSec } from "../web/explain/mechanisms/TcpLadder";
import type { SampleSource } from "../web/runtime/moment";
import { kafkaStripAt, kafkaStripText, stripOffsets } from "../web/explain/mechanisms/kafkaData";
import {
  ladderLayout,
  ladderText,
  summarizeLadder,
  tcpFactsAt,
  timeSequenceData,
} from "../web/explain/mechanisms/tcpData";

/** A whole run of `scenario` as the page's series store would hold it. */
function runOf(scenario: Scenario): SampleSource {
  const sim = createSimulation(scenario);
  sim.advanceTo(scenario.duration);
  const batch = sim.readSamples(0);
  return {
    length: batch.count,
    sampleIntervalSec: sim.sampleIntervalSec,
    column: (name: SampleColumn) => batch.columns[name],
  };
}

describe("the TCP time-sequence graph's data", () => {
  it("thins a long window to at most the points asked for, keeping the last sample", () => {
    const run = runOf({ ...DEFAULT_SCENARIO, strategy: "tcp", consumer: 1, duration: 30 });
    const seq = timeSequenceData(run, 5, 25, 50);
    expect(seq.timeSec.length).toBeLessThanOrEqual(51);
    expect(seq.timeSec[0]).toBeCloseTo(5, 9);
    expect(seq.timeSec[seq.timeSec.length - 1]).toBeCloseTo(25, 9);
  });

  it("is empty where another strategy is in force", () => {
    const run = runOf({ ...DEFAULT_SCENARIO, duration: 5 });
    expect(timeSequenceData(run, 0, 5).timeSec).toEqual([]);
    expect(tcpFactsAt(run, 10)).toBeNull();
  });
});

describe("the ladder's summary", () => {
  it("counts segments, ACKs (zero windows among them), probes and their waits, and says what is not drawn", () => {
    const ladder = new TcpLadder(1, 2, 3);
    ladder.add(LADDER_SEGMENT, 1.0, 1.01, 0, 1460, NaN, NaN);
    ladder.add(LADDER_ACK, 1.01, 1.02, 1460, 0, 0, NaN);
    ladder.add(LADDER_PROBE, 1.2, 1.21, 1460, 0, NaN, 0.4);
    ladder.add(LADDER_PROBE, 1.6, 1.61, 1460, 0, NaN, 0.8);
    ladder.add(LADDER_SEGMENT, 2.5, 2.51, 1460, 1460, NaN, NaN); // after the span
    const trace = ladder.result();
    const s = summarizeLadder(trace);
    expect(s).toMatchObject({ segments: 1, acks: 1, zeroWindowAcks: 1, probes: 1, total: 4, drawn: 3 });
    expect(s.probeWaitsSec).toEqual([0.4]);
    const text = ladderText(trace);
    expect(text).toContain("1 ACKs (1 advertising a zero window)");
    expect(text).toContain("Only the first 3 of 4 are drawn");
  });
});

describe("the span 'Show the ladder' opens", () => {
  it("holds about as many records as the ladder draws, on the default workload and on a slow reader", () => {
    // Before: at least two round trips (40 ms), which at 50 MB/s held 2,100 records, 240 drawn.
    for (const [scenario, atSec] of [
      [{ ...DEFAULT_SCENARIO, strategy: "tcp", duration: 30 }, 10],
      [{ ...DEFAULT_SCENARIO, strategy: "tcp", consumer: 1, duration: 30 }, 10],
    ] as const) {
      const s = scenario as Scenario;
      const timeline = new Timeline(s);
      const index = Math.round(atSec / timeline.sampleIntervalSec);
      timeline.seek(index);
      const sndNxt = timeline.sim.column("tcpSndNxt");
      const rate = (sndNxt[index] - sndNxt[index - 1]) / timeline.sampleIntervalSec;
      const span = ladderSpanSec(rate, s.mss);
      const answer = zoomFrame(
        timeline,
        { type: "zoom", requestId: 1, fromSec: atSec, toSec: atSec + span, samples: 200 },
        () => 0,
      );
      const ladder = answer.ladder!;
      expect(ladder.total).toBeGreaterThan(0);
      // Within a few tens of the cap: the span is drawn (nearly) whole.
      expect(ladder.total).toBeLessThanOrEqual(MAX_LADDER_RECORDS * 1.25);
    }
  });
});

describe("the ladder's layout", () => {
  it("draws busy stretches to scale and cuts idle ones short, keeping time in order", () => {
    const ladder = new TcpLadder(0, 5);
    // Two exchanges 10 ms long, 2 s apart: a probe and its ACK, twice.
    ladder.add(LADDER_PROBE, 0.5, 0.51, 0, 0, NaN, 2);
    ladder.add(LADDER_ACK, 0.51, 0.52, 0, 0, 0, NaN);
    ladder.add(LADDER_PROBE, 2.5, 2.51, 0, 0, NaN, 4);
    ladder.add(LADDER_ACK, 2.51, 2.52, 0, 0, 0, NaN);
    const layout = ladderLayout(ladder.result(), 20);
    const elided = layout.pieces.filter((p) => p.elided).map((p) => [p.fromSec, p.toSec]);
    expect(elided).toEqual([
      [0, 0.5],
      [0.52, 2.5],
      [2.52, 5],
    ]);
    // Each exchange gets real height, so its arrows slope; the whole stays within bounds.
    expect(layout.y(0.52) - layout.y(0.5)).toBeGreaterThanOrEqual(30);
    expect(layout.heightPx).toBeLessThanOrEqual(500);
    let last = -Infinity;
    for (let t = 0; t <= 5; t += 0.005) {
      const y = layout.y(t);
      expect(y).toBeGreaterThanOrEqual(last);
      last = y;
    }
  });

  it("a ladder cut short runs to the last arrival of what it draws", () => {
    const ladder = new TcpLadder(0, 1, 2);
    ladder.add(LADDER_SEGMENT, 0, 0.01, 0, 1460, NaN, NaN);
    ladder.add(LADDER_SEGMENT, 0.001, 0.011, 1460, 1460, NaN, NaN);
    ladder.add(LADDER_SEGMENT, 0.002, 0.012, 2920, 1460, NaN, NaN);
    const layout = ladderLayout(ladder.result(), 20);
    expect(layout.pieces[layout.pieces.length - 1].toSec).toBeCloseTo(0.011, 12);
    expect(layout.y(0.011)).toBeGreaterThan(layout.y(0.001));
  });
});

describe("the Kafka partition-log strip's data", () => {
  it("the eviction preset: the deadline counts down during the long batch and the eviction is seen coming", () => {
    const scenario = { ...DEFAULT_SCENARIO, ...presetById("kafka-eviction")!.params } as Scenario;
    const run = runOf(scenario);
    let ahead = -1;
    for (let i = 0; i < run.length && ahead < 0; i++) if (kafkaStripAt(run, scenario, i)!.evictionAhead) ahead = i;
    expect(ahead).toBeGreaterThanOrEqual(0);
    const a = kafkaStripAt(run, scenario, ahead)!;
    const b = kafkaStripAt(run, scenario, ahead + 10)!;
    expect(a.pollLeftSec).toBeLessThanOrEqual(scenario.maxPollInterval);
    expect(b.pollLeftSec).toBeCloseTo(a.pollLeftSec - 10 * run.sampleIntervalSec, 6);
    expect(kafkaStripText(a)).toContain("will be evicted");
  });

  it("retention: the boundary is the log end of `retention` seconds ago, and a deleted committed offset is drawn at the log start", () => {
    const scenario: Scenario = {
      ...DEFAULT_SCENARIO,
      strategy: "kafka",
      producer: 200,
      consumer: 100,
      eventBytes: 1_000_000,
      retention: 20,
      retentionCheckInterval: 10,
      duration: 60,
    };
    const run = runOf(scenario);
    const i = run.length - 1;
    const s = kafkaStripAt(run, scenario, i)!;
    expect(s.logStart).toBeGreaterThan(0);
    const back = Math.round((s.timeSec - 20) / run.sampleIntervalSec);
    expect(s.retentionBoundary).toBe(run.column("kafkaLogEnd")[back]);
    expect(s.retentionBoundary).toBeGreaterThanOrEqual(s.logStart);
    const o = stripOffsets({ ...s, committed: s.logStart - 5, committedDeleted: true });
    expect(o.committed).toBe(s.logStart);
  });
});
