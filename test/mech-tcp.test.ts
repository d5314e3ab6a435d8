/**
 * strategy=tcp: the receiver's window rules, docs/DOMAIN.md section 8 item 5 as fast-check properties
 * over random TCP parameters (checked at every change of the connection's state through the
 * model's observer hook), the accounting invariant, determinism, and the closed forms: the probe
 * sequence, goodput against min(consumer, link, window / RTT), and a slow reader's backpressure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../src-sim/engine/eventLog";
import { seedStreams } from "../src-sim/engine/rng";
import { RunContext } from "../src-sim/engine/runContext";
import { type Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { COL } from "../src-sim/engine/columnStore";
import { TcpModel } from "../src-sim/models/tcp/model";
import type { TcpObserver } from "../src-sim/models/tcp/connection";
import { rcvBufCeilingBytes, tcpFigures } from "../src-sim/models/tcp/figures";
import { SNDBUF_AUTOTUNE_MAX_BYTES } from "../src-sim/models/tcp/autotune";
import { persistIntervalSec } from "../src-sim/models/tcp/timers";
import { maxWindow, selectWindow, updateFreeBytes } from "../src-sim/models/tcp/window";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

const TCP: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp" };

/** The most the send buffer can hold in a scenario (autotuning grows it up to tcp_wmem[2]), bytes. */
const sendBuffer = (s: Scenario) => (s.sndBufAuto === "on" ? Math.max(s.sndBuf, SNDBUF_AUTOTUNE_MAX_BYTES) : s.sndBuf);

/** A number drawn evenly on a log scale (fc.double is even over bit patterns: tiny values dominate). */
const logDouble = (lo: number, hi: number) =>
  fc.noBias(fc.integer({ min: 0, max: 1e9 })).map((k) => lo * Math.pow(hi / lo, k / 1e9));
const logInt = (lo: number, hi: number) => logDouble(lo, hi).map(Math.round);

/**
 * Random TCP scenarios, kept to a few hundred thousand events a run: rates up to 20,000 events/s
 * and 20 MB/s, every buffer from 4 KiB, readers from nearly stalled (zero windows, probes) up.
 */
const tcpScenario: fc.Arbitrary<Scenario> = fc
  .record({
    mss: fc.integer({ min: 536, max: 9000 }),
    rtt: logDouble(0.0001, 0.5),
    link: logDouble(1e6, 1e10),
    rcvBuf: logInt(4096, 4 << 20),
    sndBuf: logInt(4096, 4 << 20),
    delayedAck: fc.constantFrom("on" as const, "off" as const),
    eventBytes: logInt(1, 20_000),
    producer: logDouble(10, 20_000),
    consumer: fc.oneof(logDouble(0.01, 20_000), logDouble(100, 20_000), fc.constant(1e-9)),
    arrivals: fc.constantFrom("constant" as const, "poisson" as const),
    service: fc.constantFrom("constant" as const, "exponential" as const),
    onPause: fc.constantFrom("slow" as const, "buffer" as const, "drop" as const),
    producerMemory: logInt(1e5, 1e8),
    seed: fc.integer({ min: 1, max: 1e9 }),
  })
  .map((r) => {
    // Cap the byte rate at 20 MB/s so a run stays small.
    const producer = Math.max(1, Math.min(r.producer, 2e7 / r.eventBytes));
    return { ...TCP, ...r, producer };
  });

/** Simulated seconds for a run of about `budget` events. */
function runSec(s: Scenario, budget = 2e5): number {
  const bytes = Math.min(s.producer * s.eventBytes, s.link / 8);
  const work = s.producer + Math.min(s.consumer, s.producer) + (3 * bytes) / Math.min(s.mss, 1460) + 2 / s.rtt;
  return Math.min(30, Math.max(0.5, budget / work));
}

/** Checks docs/DOMAIN.md 8.5 after every change of the connection's state; collects violations. */
function invariantObserver(s: Scenario, violations: string[]): TcpObserver {
  let lastRightEdge = -Infinity;
  let lastProbeSec = 0;
  const note = (msg: string, now: number) => {
    if (violations.length < 5) violations.push(`t=${now}: ${msg}`);
  };
  return (kind, c, now) => {
    if (!(c.sndUna <= c.sndNxt)) note(`SND.UNA ${c.sndUna} > SND.NXT ${c.sndNxt}`, now);
    if (!(c.sndNxt - c.sndUna <= c.sndWnd)) note(`in flight ${c.sndNxt - c.sndUna} > SND.WND ${c.sndWnd}`, now);
    if (!(c.rcvNxt <= c.rightEdge)) note(`RCV.NXT ${c.rcvNxt} past the right edge ${c.rightEdge}`, now);
    const user = c.userAt(now);
    if (!(c.rcvBuf >= s.rcvBuf && c.rcvBuf <= rcvBufCeilingBytes(s)))
      note(`RCV.BUFF ${c.rcvBuf} outside [rcvBuf, its ceiling]`, now);
    if (!(user + Math.max(0, c.rightEdge - c.rcvNxt) <= c.rcvBuf + 1e-6))
      note(`RCV.USER ${user} + RCV.WND > RCV.BUFF`, now);
    if (!(c.sendUsed() <= c.sendCapacity())) note(`send buffer ${c.sendUsed()} > ${c.sendCapacity()}`, now);
    // Liveness: data in flight will be acknowledged; data waiting with nothing in flight has a timer.
    const ackComing = c.segmentsOnWire > 0 || c.acksOnWire > 0 || c.delackSec !== Infinity;
    if (c.sndNxt > c.sndUna && !ackComing) note(`${c.sndNxt - c.sndUna} B in flight and no ACK to come`, now);
    if (c.writeSeq > c.sndNxt && !ackComing && c.persistSec === Infinity && c.linkEventSec === Infinity)
      note(`data waits with no timer`, now);
    if (c.readRate > 0 && c.rcvNxt >= c.readLimit && c.readerSec === Infinity)
      note(`the reader's event has arrived but it will never finish`, now);
    if (kind === "ack-sent") {
      if (c.rightEdge < lastRightEdge) note(`right edge moved left: ${lastRightEdge} -> ${c.rightEdge}`, now);
      lastRightEdge = c.rightEdge;
    } else if (kind === "persist-reset") {
      lastProbeSec = 0;
    } else if (kind === "probe") {
      const p = c.probeIntervalSec;
      if (!(p >= 0.2 && p <= 120)) note(`probe interval ${p} outside [0.2, 120]`, now);
      if (p < lastProbeSec) note(`probe interval fell ${lastProbeSec} -> ${p} without an opening ACK`, now);
      lastProbeSec = p;
    }
  };
}

function contextFor(s: Scenario): RunContext {
  return new RunContext(seedStreams(s.seed), new EventLog(0.1));
}

function simulate(s: Scenario, untilSec: number, sampleIntervalSec = 0.1): Simulation {
  const sim = createSimulation(s, { sampleIntervalSec });
  sim.advanceTo(untilSec);
  return sim;
}

describe("TCP receiver window rules (RFC 9293 3.8.6.2.2, Linux tcp_cleanup_rbuf)", () => {
  it("selectWindow(free, cur) rounds free space down to the MSS and never shrinks the window", () => {
    expect(selectWindow(131_072, 0, 1460, 131_072)).toBe(89 * 1460);
    // Silly-window avoidance: 1,459 B more than the open window is not enough to open it.
    expect(selectWindow(1000 + 1459, 1000, 1460, 131_072)).toBe(1000);
    expect(selectWindow(1000 + 1460, 1000, 1460, 131_072)).toBe(1460);
    // The right edge never moves left: an open window larger than the free space stays.
    expect(selectWindow(2000, 2920, 1460, 131_072)).toBe(2920);
    // A buffer smaller than the MSS: the unit is the buffer, and the threshold half of it.
    expect(maxWindow(9000, 4096)).toBe(4096);
    expect(selectWindow(2048, 0, 9000, 4096)).toBe(0);
    expect(selectWindow(4096, 0, 9000, 4096)).toBe(4096);
  });

  it("updateFreeBytes(cur) is where reading triggers an immediate update: reopening from 0, or doubling", () => {
    expect(updateFreeBytes(0, 1460, 131_072)).toBe(1460);
    expect(updateFreeBytes(1460, 1460, 131_072)).toBe(2920);
    expect(updateFreeBytes(3000, 1460, 131_072)).toBe(5 * 1460); // 6,000 B rounded up to the MSS
    // More than half the largest window still open: no immediate update.
    expect(updateFreeBytes(65_000, 1460, 131_072)).toBe(Infinity);
  });

  it("persistIntervalSec(rto, k) doubles from max(RTO, 200 ms) to a 120 s cap", () => {
    expect([0, 1, 2, 3, 9, 10, 11].map((k) => persistIntervalSec(0.05, k))).toEqual([
      0.2, 0.4, 0.8, 1.6, 102.4, 120, 120,
    ]);
    expect(persistIntervalSec(0.3, 1)).toBeCloseTo(0.6, 12);
  });
});

describe("docs/DOMAIN.md 8.5 over random TCP parameters (fast-check)", () => {
  it("SND.UNA <= SND.NXT; in flight <= SND.WND; right edge never left; RCV.USER + RCV.WND <= RCV.BUFF; probes 0.2-120 s, never falling between opening ACKs", () => {
    let probed = 0;
    fc.assert(
      fc.property(tcpScenario, (s) => {
        const violations: string[] = [];
        const model = new TcpModel(contextFor(s), s, 0, { observer: invariantObserver(s, violations) });
        model.advanceTo(runSec(s));
        if ((model.figures().probes as number) > 0) probed++;
        expect(violations).toEqual([]);
      }),
      { seed: 5, numRuns: 70 },
    );
    // The generator must reach zero windows and the persist timer, or the probe checks are idle.
    expect(probed).toBeGreaterThan(5);
  });

  it("produced = consumed + queued + inService + upstream + dropped + lost at every sample; memory <= baseline + rcvBuf", () => {
    fc.assert(
      fc.property(tcpScenario, (s) => {
        const b = simulate(s, runSec(s, 1e5), 0.05).readSamples(0);
        const c = b.columns;
        const bad: number[] = [];
        for (let i = 0; i < b.count; i++) {
          const held = c.consumed[i] + c.queued[i] + c.inService[i] + c.upstreamQueued[i] + c.dropped[i] + c.lost[i];
          const grows = i === 0 || (c.produced[i] >= c.produced[i - 1] && c.consumed[i] >= c.consumed[i - 1]);
          const bounded =
            c.memoryBytes[i] <= s.baseline + rcvBufCeilingBytes(s) &&
            c.tcpSendBufferBytes[i] <= sendBuffer(s) &&
            c.consumerUp[i] === 1;
          const finite = SAMPLE_COLUMNS.slice(
            SAMPLE_COLUMNS.indexOf("tcpWindowBytes"),
            SAMPLE_COLUMNS.indexOf("tcpSndNxt") + 1,
          ).every((k) => Number.isFinite(c[k][i]));
          if (c.produced[i] !== held || !grows || !bounded || !finite || c.inService[i] > 1 || c.queued[i] < 0)
            bad.push(i);
        }
        expect(bad.slice(0, 3).map((i) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v[i]])))).toEqual(
          [],
        );
      }),
      { seed: 6, numRuns: 60 },
    );
  });
});

describe("TCP determinism", () => {
  const random: Scenario = {
    ...TCP,
    arrivals: "poisson",
    service: "exponential",
    onPause: "buffer",
    producer: 20_000,
    consumer: 3000,
    rcvBuf: 65_536,
    sndBuf: 32_768,
    producerMemory: 2e6,
    seed: 42,
  };

  it("the same seed gives the same samples and events, bit for bit; a clone continues identically", () => {
    const a = simulate(random, 6);
    const b = simulate(random, 6);
    const mid = createSimulation(random);
    mid.advanceTo(2.5);
    const c = mid.clone();
    mid.advanceTo(6);
    c.advanceTo(6);
    for (const other of [b, mid, c]) {
      const x = a.readSamples(0).columns;
      const y = other.readSamples(0).columns;
      for (const k of SAMPLE_COLUMNS) expect(Buffer.from(y[k].buffer).equals(Buffer.from(x[k].buffer)), k).toBe(true);
      expect(other.readEvents(0)).toEqual(a.readEvents(0));
    }
    expect(a.summary().lost).toBeGreaterThan(0); // the producer's buffer did run out of memory
  });

  it("a blocked hot producer's ticks counted in bulk equal ticks handled one at a time (constant arrivals)", () => {
    for (const onPause of ["buffer", "drop"] as const) {
      const s: Scenario = { ...TCP, onPause, producer: 50_000, consumer: 2000, rcvBuf: 32_768, producerMemory: 3e6 };
      const rows = [true, false].map((bulk) => {
        const ctx = contextFor(s);
        const m = new TcpModel(ctx, s, 0, { bulk });
        const out: number[][] = [];
        const row = new Float64Array(SAMPLE_COLUMNS.length);
        for (let t = 0.05; t <= 4; t += 0.05) {
          m.advanceTo(t);
          m.writeSample(row);
          out.push([
            ctx.produced,
            ctx.consumed,
            ctx.dropped,
            ctx.lost,
            row[COL.queued],
            row[COL.upstreamQueued],
            row[COL.tcpSndNxt],
          ]);
        }
        return { out, bulkSteps: ctx.bulkSteps };
      });
      expect(rows[0].bulkSteps).toBeGreaterThan(0);
      expect(rows[0].out).toEqual(rows[1].out);
    }
  });
});

describe("TCP closed forms", () => {
  it("a stalled reader: zero window, then probes at max(RTO, 200 ms) doubling to 120 s, each re-armed at the probe's ACK; an opening ACK resets them", () => {
    const stalled: Scenario = {
      ...TCP,
      consumer: 1e-9,
      producer: 1000,
      eventBytes: 1460,
      rcvBuf: 64 * 1460,
      rcvBufAuto: "off",
    };
    const sim = createSimulation(stalled);
    sim.advanceTo(700);
    const probes = sim.readEvents(0).filter((e) => e.kind === "probe");
    // Linux: RTO = SRTT + rttvar >= SRTT + 200 ms; tcp_probe0_base = max(RTO, 200 ms).
    const base = sim.modelFigures().rtoSec as number;
    expect(base).toBeGreaterThanOrEqual(stalled.rtt + 0.2);
    expect(base).toBeLessThan(stalled.rtt + 0.2 + 0.05);
    // After probe k the interval is base x 2^k (at most 120 s), counted from the probe's ACK one
    // RTT later; a probe arriving within 500 ms of the last answered one gets no ACK
    // (tcp_invalid_ratelimit), and its interval counts from the probe itself.
    let lastAnswered = -Infinity;
    for (let i = 1; i < probes.length; i++) {
      const interval = Math.min(base * 2 ** i, 120);
      const arrival = probes[i - 1].timeSec + stalled.rtt / 2;
      const answered = arrival - lastAnswered >= 0.5;
      if (answered) lastAnswered = arrival;
      expect(probes[i].timeSec - probes[i - 1].timeSec).toBeCloseTo((answered ? stalled.rtt : 0) + interval, 9);
      expect(probes[i - 1].value).toBeCloseTo(interval, 9);
    }
    expect(probes.length).toBe(13);
    const zero = sim.readEvents(0).filter((e) => e.kind === "zero-window");
    expect(zero.length).toBe(1);
    expect(probes[0].timeSec - zero[0].timeSec).toBeCloseTo(base + stalled.rtt / 2, 9);
    // The receive buffer is full and stays so; the producer is blocked; nothing was lost.
    const live = sim.live();
    expect(Math.abs(live.memoryBytes - 64 * 1460)).toBeLessThan(0.01);
    expect(live.producerState).toBe(2);
    // The reader wakes for a second: the window reopens (an update, not a probe), then closes.
    sim.setScenario({ ...stalled, consumer: 50_000 });
    sim.advanceTo(701);
    sim.setScenario(stalled);
    sim.advanceTo(760);
    const after = sim.readEvents(0).filter((e) => e.timeSec > 700);
    expect(after.some((e) => e.kind === "window-update")).toBe(true);
    // The backoff starts again from the base.
    const again = after.filter((e) => e.kind === "probe");
    expect(again.length).toBe(8);
    // (from the RTO the reopened connection's new RTT samples gave)
    const base2 = sim.modelFigures().rtoSec as number;
    again.forEach((p, i) => expect(p.value).toBeCloseTo(Math.min(base2 * 2 ** (i + 1), 120), 9));
  });

  it("a slow reader: the producer's effective rate equals the consumer's, memory stays within rcvBuf, no OOM", () => {
    const s: Scenario = { ...TCP, consumer: 2000, sndBuf: 1 << 20, rcvBuf: 256 << 10 };
    const sim = simulate(s, 60);
    const c = sim.readSamples(0).columns;
    const produced = (c.produced[600] - c.produced[100]) / 50;
    const consumed = (c.consumed[600] - c.consumed[100]) / 50;
    expect(Math.abs(consumed / 2000 - 1)).toBeLessThan(0.02);
    expect(Math.abs(produced / consumed - 1)).toBeLessThan(0.02);
    expect(Math.max(...c.memoryBytes)).toBeLessThanOrEqual(s.baseline + s.rcvBuf);
    expect(Math.max(...c.tcpSendBufferBytes)).toBeLessThanOrEqual(sendBuffer(s));
    expect(sim.summary().oomAt).toBeNull();
    // The producer is blocked about 1 - 2,000 / 100,000 of the time.
    expect(sim.summary().producerPausedSeconds / 60).toBeGreaterThan(0.95);
  });

  it("a hot producer that buffers moves the backlog upstream: the producer runs out of memory, not the consumer", () => {
    const s: Scenario = { ...TCP, onPause: "buffer", consumer: 2000, producer: 10_000, producerMemory: 1e8 };
    const sim = simulate(s, 20);
    const events = sim.readEvents(0);
    const oom = events.find((e) => e.kind === "producer-oom");
    expect(oom).toBeDefined();
    // 1e8 B / 1,000 B = 100,000 events at about 10,000 - 819 events/s.
    expect(oom!.timeSec).toBeGreaterThan(9);
    expect(oom!.timeSec).toBeLessThan(13);
    expect(sim.summary().oomAt).toBeNull();
  });

  it("without autotuning the 16 KiB send buffer limits the default: about sndBuf / RTT", () => {
    const fixed: Scenario = { ...TCP, sndBufAuto: "off" };
    const sim = simulate(fixed, 60);
    const goodput = (sim.summary().consumed * fixed.eventBytes) / 60;
    expect(tcpFigures(fixed).bottleneck).toBe("send buffer");
    expect(goodput / tcpFigures(fixed).sendBufferLimitedBytesPerSec).toBeGreaterThan(0.8);
    expect(goodput / tcpFigures(fixed).sendBufferLimitedBytesPerSec).toBeLessThan(1);
  });
});
