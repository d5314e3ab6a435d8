/**
 * The pipeline's Kafka and Reactive hops (issue 14, item 1): a Kafka topic decouples the stages on
 * either side (the stage before is never stalled by the one after; the lag, log end - committed,
 * grows on the broker; retention deletes unread records and counts them lost; a restart delivers
 * again from the committed offset); a Reactive subscription never has more emitted than requested,
 * and a slow sink throttles a cold chain back to the source at its rate. Runs are deterministic:
 * the same link gives the same run, a run cut by budgets is the run not cut, a clone goes on as
 * the original.
 */
import { describe, expect, it } from "vitest";
import { createPipelineSimulation, pipelineStageSeries, pipelineStageSummaries } from "../src-sim/models/pipelineRun";
import { hopReplenishAmount } from "../src-sim/models/pipeline/hops";
import { replenishAmount } from "../src-sim/models/reactive/demand";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { decodePipeline, encodePipeline, type Pipeline } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { checkConservation } from "./support/pipelineConservation";
import { itCutsAndClonesExactly, modelRun, sampleColumns } from "./support/pipelineRuns";

const shared = (over: Partial<Scenario> = {}): Scenario => ({ ...DEFAULT_SCENARIO, ...over });

/** 20K/s through a fast Stage 1, a Kafka topic, a 15K/s Stage 2 and a fast Stage 3. */
const kafkaMiddle = (over: Partial<Scenario> = {}, commit: "auto" | "batch" = "auto"): Pipeline => ({
  shared: shared({ producer: 20_000, duration: 40, ...over }),
  stages: [
    { strategy: "block", params: { consumer: 30_000, capacity: 1000 } },
    { strategy: "kafka", params: { consumer: 15_000, commit } },
    { strategy: "block", params: { consumer: 30_000, capacity: 1000 } },
  ],
});

describe("a Kafka topic between two stages", () => {
  it("never stalls the stage before: the backlog grows on the broker at the difference of the rates", () => {
    const p = kafkaMiddle();
    const { sim, model } = modelRun(p);
    for (let t = 5; t <= 40; t += 5) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const [before, consumer] = pipelineStageSummaries(sim);
    expect(before.stalledSeconds).toBe(0);
    expect(sim.summary().producerPausedSeconds).toBe(0);
    expect(sim.summary().produced).toBe(20_000 * 40);
    const hop = consumer.hop!;
    if (hop.kind !== "kafka") throw new Error("a Kafka hop");
    expect(hop.appended).toBe(before.passed);
    // 5K/s more in than out, for 40 s: the backlog is 200,000 records (to within a poll).
    expect(Math.abs(hop.backlog - 200_000)).toBeLessThanOrEqual(500);
    expect(hop.brokerBytes).toBe(hop.appended * 1000);
    expect(consumer.maxQueued).toBeLessThanOrEqual(500);
    expect(sim.summary().dropped + sim.summary().lost).toBe(0);
  });

  it("lag is log end - committed at every sample; with batch commits that is produced into the topic - consumed, to within a poll", () => {
    const p = kafkaMiddle({}, "batch");
    const sim = createPipelineSimulation(p);
    sim.advanceTo(40);
    const series = pipelineStageSeries(sim)!;
    const lag = series.column(1, "lag");
    const appended = series.column(0, "passed");
    const consumed = series.column(1, "passed");
    const bytes = series.column(1, "brokerBytes");
    expect(lag.length).toBeGreaterThan(300);
    for (let i = 0; i < lag.length; i++) {
      expect(lag[i]).toBeGreaterThanOrEqual(appended[i] - consumed[i] - 1);
      expect(lag[i]).toBeLessThanOrEqual(appended[i] - consumed[i] + 501);
      expect(bytes[i]).toBe(appended[i] * 1000);
    }
    expect(lag[lag.length - 1]).toBeGreaterThan(190_000);
    // The other stages have no Kafka hop: their lag column is 0.
    expect(Math.max(...series.column(0, "lag"), ...series.column(2, "lag"))).toBe(0);
  });

  it("auto-commit: the committed offset moves every auto.commit.interval, so the lag saw-tooths above the backlog", () => {
    const sim = createPipelineSimulation(kafkaMiddle({}, "auto"));
    sim.advanceTo(40);
    const hop = pipelineStageSummaries(sim)[1].hop!;
    if (hop.kind !== "kafka") throw new Error("a Kafka hop");
    expect(hop.commits).toBeGreaterThanOrEqual(7);
    expect(hop.commits).toBeLessThanOrEqual(8);
    expect(hop.lagRecords).toBe(hop.appended - hop.committed);
    expect(hop.lagRecords).toBeGreaterThanOrEqual(hop.backlog);
  });

  it("retention deletes whole segments at its checks; records nobody read are lost and counted", () => {
    // 1 MB records: a 1 GiB segment holds 1,073 of them, 5 s of 200/s; the consumer takes 50/s.
    const p: Pipeline = {
      shared: shared({ producer: 200, eventBytes: 1_000_000, duration: 120 }),
      stages: [
        { strategy: "unbounded", params: { consumer: 1000 } },
        { strategy: "kafka", params: { consumer: 50, retention: 20, retentionCheckInterval: 10 } },
      ],
    };
    const { sim, model } = modelRun(p);
    for (let t = 10; t <= 120; t += 10) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const hop = pipelineStageSummaries(sim)[1].hop!;
    if (hop.kind !== "kafka") throw new Error("a Kafka hop");
    expect(hop.retentionLost).toBeGreaterThan(10_000);
    expect(hop.logStart % 1073).toBe(0);
    expect(sim.summary().lost).toBe(hop.retentionLost);
    // The broker keeps what retention allows: a segment goes at the first check (every 10 s) after
    // its newest record is 20 s old, so at most 30 s of records and the segment being expired.
    expect(hop.appended - hop.logStart).toBeLessThanOrEqual(200 * 30 + 2 * 1073);
  });

  it("a consumer whose poll does not fit in its memory: each rejoin gets the same poll again (a crash loop), and the broker keeps every record", () => {
    // Stage 2 holds a poll of up to 400 records, more than its 300 KB fit: its first large poll
    // kills it; it rejoins at the committed offset, and the same records come again.
    const p: Pipeline = {
      shared: shared({ producer: 2000, duration: 20 }),
      stages: [
        { strategy: "unbounded", params: { consumer: 4000 } },
        {
          strategy: "kafka",
          params: {
            consumer: 1000,
            maxPollRecords: 400,
            memory: 300_000,
            restart: 1,
            rebalance: 0.5,
            autoCommitInterval: 0.2,
          },
        },
      ],
    };
    const { sim, model } = modelRun(p);
    let committedAtFirstCrash = -1;
    for (let t = 1; t <= 20; t++) {
      sim.advanceTo(t);
      checkConservation(sim, model());
      const consumer = model().stageSummaries()[1];
      const hop = consumer.hop!;
      if (hop.kind !== "kafka") throw new Error("a Kafka hop");
      if (consumer.oomCount > 0 && committedAtFirstCrash < 0) committedAtFirstCrash = hop.committed;
      if (committedAtFirstCrash >= 0) expect(hop.committed).toBe(committedAtFirstCrash);
    }
    const consumer = pipelineStageSummaries(sim)[1];
    expect(consumer.oomCount).toBeGreaterThan(5);
    expect(consumer.lost).toBe(0);
    expect(sim.summary().lost).toBe(0);
    const hop = consumer.hop!;
    if (hop.kind !== "kafka") throw new Error("a Kafka hop");
    // Everything not processed waits on the broker.
    expect(hop.backlog).toBe(hop.appended - consumer.passed);
  });
});

/** A cold chain: a slow source-facing chain of Reactive hops into a 20K/s sink stage. */
const coldChain: Pipeline = {
  shared: shared({ producer: 100_000, duration: 30 }),
  stages: [
    { strategy: "reactive", params: { consumer: 80_000 } },
    { strategy: "reactive", params: { consumer: 60_000, prefetch: 256 } },
    { strategy: "reactive", params: { consumer: 20_000, prefetch: 32 } },
  ],
};

describe("Reactive Streams demand between stages", () => {
  it("never has more in flight at a hop than requested", () => {
    const { sim, model } = modelRun(coldChain);
    for (let t = 0.25; t <= 5; t += 0.25) {
      sim.advanceTo(t);
      checkConservation(sim, model());
      for (const [k, st] of model().stageSummaries().entries()) {
        const hop = st.hop!;
        if (hop.kind !== "reactive") throw new Error("a Reactive hop");
        expect(hop.outstanding).toBeGreaterThanOrEqual(0);
        // Waiting and in service never pass the prefetch.
        expect(st.queued + st.inService).toBeLessThanOrEqual(model().stageScenarios()[k].prefetch);
      }
    }
  });

  it("a cold chain: the source emits only what Stage 1 requested, and the slow sink sets its rate within 0.1%", () => {
    const sim = createPipelineSimulation(coldChain);
    sim.advanceTo(30);
    const produced = sim.column("produced");
    const from = Math.round(10 / sim.sampleIntervalSec);
    const to = Math.round(30 / sim.sampleIntervalSec);
    const rate = (produced[to] - produced[from]) / 20;
    expect(Math.abs(rate - 20_000) / 20_000).toBeLessThan(0.001);
    const [first] = pipelineStageSummaries(sim);
    const hop = first.hop!;
    if (hop.kind !== "reactive") throw new Error("a Reactive hop");
    expect(sim.summary().produced).toBe(hop.emitted);
    expect(hop.emitted).toBeLessThanOrEqual(hop.requested);
    // The demand reached the source: it waited most of the time, and nothing was lost anywhere.
    expect(sim.summary().producerPausedSeconds).toBeGreaterThan(20);
    expect(sim.summary().dropped + sim.summary().lost).toBe(0);
    // Each stage before the sink stage holds its finished item while it has no demand.
    const stages = pipelineStageSummaries(sim);
    expect(stages[1].stalledSeconds).toBeGreaterThan(15);
  });

  it("a stage that crashes cancels its subscription: the stage before holds (nothing sent into the void), and a restart requests again", () => {
    const p: Pipeline = {
      shared: shared({ producer: 5000, duration: 10 }),
      stages: [
        { strategy: "unbounded", params: { consumer: 8000 } },
        { strategy: "reactive", params: { consumer: 2000, prefetch: 500, memory: 400_000, restart: 1 } },
      ],
    };
    const { sim, model } = modelRun(p);
    for (let t = 0.5; t <= 10; t += 0.5) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const [before, after] = pipelineStageSummaries(sim);
    expect(after.oomCount).toBeGreaterThan(0);
    expect(before.stalledSeconds).toBeGreaterThan(1);
    const hop = after.hop!;
    if (hop.kind !== "reactive") throw new Error("a Reactive hop");
    expect(hop.requests).toBeGreaterThan(after.oomCount);
  });

  it("replenishes by the Reactive model's limitRate rule", () => {
    for (const [prefetch, lowTide] of [
      [128, 0.75],
      [5, 0.8],
      [1, 0.5],
      [1000, 0.01],
      [7, 1],
    ])
      expect(hopReplenishAmount(prefetch, lowTide)).toBe(replenishAmount(prefetch, lowTide));
  });
});

describe("a TCP connection between two stages", () => {
  it("a connection's throughput is at most a window per round trip: rcvBuf / RTT", () => {
    // 64 events of window over a 20 ms round trip: 3,200 events/s, whatever the rates around it.
    const p: Pipeline = {
      shared: shared({ producer: 10_000, duration: 10 }),
      stages: [
        { strategy: "unbounded", params: { consumer: 50_000 } },
        { strategy: "tcp", params: { consumer: 50_000, rcvBuf: 64_000, sndBuf: 4_000_000, rtt: 0.02 } },
      ],
    };
    const { sim, model } = modelRun(p);
    for (let t = 1; t <= 10; t++) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const consumed = sim.column("consumed");
    const rate =
      (consumed[Math.round(10 / sim.sampleIntervalSec)] - consumed[Math.round(2 / sim.sampleIntervalSec)]) / 8;
    // At most a window unacknowledged: 64 events a round trip.
    const bound = 64 / 0.02;
    expect(rate).toBeLessThanOrEqual(bound * 1.001);
    expect(rate).toBeGreaterThan(bound * 0.99);
  });

  it("a slow receiver fills its buffer: the window is used up, the send buffer fills, the writer blocks and the stall reaches the source", () => {
    // A 1 ms round trip: the 64-event receive buffer (32 ms of the receiver's work) stays nearly full.
    const p: Pipeline = {
      shared: shared({ producer: 5000, duration: 20 }),
      stages: [
        { strategy: "block", params: { consumer: 10_000, capacity: 500 } },
        { strategy: "tcp", params: { consumer: 2000, rcvBuf: 64_000, sndBuf: 100_000, rtt: 0.001 } },
      ],
    };
    const { sim, model } = modelRun(p);
    for (let t = 1; t <= 20; t++) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const [before, after] = model().stageSummaries();
    const hop = after.hop!;
    if (hop.kind !== "tcp") throw new Error("a TCP hop");
    expect(hop.windowBytes).toBe(0);
    expect(hop.sendBufferBytes).toBeGreaterThan(50_000);
    expect(after.queued).toBeGreaterThanOrEqual(56);
    expect(after.maxQueued).toBeLessThanOrEqual(64);
    expect(before.stalledSeconds).toBeGreaterThan(10);
    expect(sim.summary().producerPausedSeconds).toBeGreaterThan(10);
    expect(sim.summary().dropped + sim.summary().lost).toBe(0);
    // The receiver's buffer (64 events = 32 ms of work) outlasts a window update's trip: it runs at its rate.
    const consumed = sim.column("consumed");
    const rate =
      (consumed[Math.round(20 / sim.sampleIntervalSec)] - consumed[Math.round(5 / sim.sampleIntervalSec)]) / 15;
    expect(Math.abs(rate - 2000) / 2000).toBeLessThan(0.001);
  });

  it("a receiver slower than one window step per round trip advertises a zero window (silly-window avoidance)", () => {
    // 20 reads a second over a 50 ms round trip: the window can open by 2 events (MSS 1,460 B) only every 100 ms.
    const p: Pipeline = {
      shared: shared({ producer: 100, duration: 10 }),
      stages: [
        { strategy: "unbounded", params: { consumer: 1000 } },
        { strategy: "tcp", params: { consumer: 20, rcvBuf: 16_000, sndBuf: 100_000, rtt: 0.05 } },
      ],
    };
    const { sim, model } = modelRun(p);
    for (let t = 1; t <= 10; t++) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const hop = model().stageSummaries()[1].hop!;
    if (hop.kind !== "tcp") throw new Error("a TCP hop");
    expect(hop.zeroWindows).toBeGreaterThan(5);
    const consumed = sim.column("consumed");
    expect(consumed[consumed.length - 1]).toBeGreaterThanOrEqual(20 * 10 - 2);
  });

  it("a receiver that crashes resets the connection: what was in transit is lost at it, and it comes back with a fresh one", () => {
    const p: Pipeline = {
      shared: shared({ producer: 3000, duration: 10 }),
      stages: [
        { strategy: "unbounded", params: { consumer: 10_000 } },
        { strategy: "tcp", params: { consumer: 1000, rcvBuf: 200_000, sndBuf: 200_000, memory: 100_000, restart: 1 } },
      ],
    };
    const { sim, model } = modelRun(p);
    for (let t = 0.5; t <= 10; t += 0.5) {
      sim.advanceTo(t);
      checkConservation(sim, model());
    }
    const after = model().stageSummaries()[1];
    const hop = after.hop!;
    if (hop.kind !== "tcp") throw new Error("a TCP hop");
    // Its 100 KB hold 100 events, its receive buffer 200: it dies each time the buffer passes 100.
    expect(after.oomCount).toBeGreaterThan(1);
    expect(hop.resetLost).toBeGreaterThan(0);
    expect(after.passed).toBeGreaterThan(0);
  });
});

describe("determinism with Kafka, Reactive and TCP hops", () => {
  const chains: Array<[string, Pipeline]> = [
    ["a Kafka topic in the middle", kafkaMiddle({ duration: 4 })],
    ["a cold Reactive chain", { ...coldChain, shared: { ...coldChain.shared, duration: 2 } }],
    [
      "random, a Kafka crash loop and a Reactive hop",
      {
        shared: shared({ producer: 3000, arrivals: "poisson", duration: 4 }),
        stages: [
          { strategy: "reactive", params: { consumer: 4000, service: "exponential", prefetch: 64 } },
          {
            strategy: "kafka",
            params: { consumer: 2000, maxPollRecords: 300, memory: 200_000, restart: 0.3, rebalance: 0.1 },
          },
          { strategy: "block", params: { consumer: 2500, capacity: 50, service: "exponential" } },
        ],
      },
    ],
    [
      "a TCP hop with a slow receiver",
      {
        shared: shared({ producer: 4000, arrivals: "poisson", duration: 4 }),
        stages: [
          { strategy: "block", params: { consumer: 6000, capacity: 100 } },
          { strategy: "tcp", params: { consumer: 2500, service: "exponential", rcvBuf: 32_000, sndBuf: 50_000 } },
        ],
      },
    ],
  ];

  it.each(chains)("the same link runs the same, bit for bit: %s", (_, p) => {
    const link = encodePipeline(p);
    const a = createPipelineSimulation(decodePipeline(link).pipeline!);
    const b = createPipelineSimulation(decodePipeline(link).pipeline!);
    a.advanceTo(p.shared.duration);
    b.advanceTo(p.shared.duration);
    expect(sampleColumns(a)).toEqual(sampleColumns(b));
    expect(pipelineStageSummaries(a)).toEqual(pipelineStageSummaries(b));
  });

  itCutsAndClonesExactly(chains, 97, [
    [1, "lag"],
    [1, "brokerBytes"],
    [1, "demand"],
  ]);
});

describe("a Kafka hop's mean time (Little's law) counts the wait on the broker", () => {
  it("the Kafka preset: the backlog grows 5K/s for 60 s, so a record waits about 10 s on average behind the topic, not 17 ms", () => {
    const p = PIPELINE_PRESETS.find((x) => x.id === "pipeline-kafka-middle")!.pipeline;
    const sim = createPipelineSimulation(p);
    sim.advanceTo(60);
    const [, kafka, after] = pipelineStageSummaries(sim);
    // The backlog rises from 0 to 300K: 150K on average, read at 15K/s: 10 s (plus the poll's own).
    expect(kafka.meanSojournSec).toBeGreaterThan(9.5);
    expect(kafka.meanSojournSec).toBeLessThan(10.5);
    expect(after.meanSojournSec).toBeLessThan(0.01);
  });
});
