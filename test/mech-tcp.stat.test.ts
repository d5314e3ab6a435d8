/**
 * strategy=tcp over long runs (statistical tier): goodput converging to min(consumer, link
 * payload, window / RTT) in each regime, and the default workload's pinned work. The rest of the
 * TCP model's tests are in mech-tcp.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import { tcpFigures } from "../src-sim/models/tcp/figures";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

const TCP: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp" };

function simulate(s: Scenario, untilSec: number, sampleIntervalSec = 0.1): Simulation {
  const sim = createSimulation(s, { sampleIntervalSec });
  sim.advanceTo(untilSec);
  return sim;
}

describe("TCP closed forms", () => {
  // Fixed buffers (SO_RCVBUF): the window limit is the one set. The link carries mss of every mss + 78 B.
  const regimes: Array<[string, Partial<Scenario>]> = [
    ["consumer-limited", { consumer: 20_000, sndBuf: 4 << 20, rcvBuf: 4 << 20, rcvBufAuto: "off" }],
    ["link-limited", { link: 20e6, rtt: 0.01, sndBuf: 4 << 20, rcvBuf: 1 << 20, rcvBufAuto: "off" }],
    // A reader faster than the link keeps the receive buffer empty, so the window is all of it.
    ["window-limited", { rtt: 0.2, link: 100e6, sndBuf: 8 << 20, rcvBuf: 1 << 20, rcvBufAuto: "off" }],
    [
      "window-limited, random processes",
      {
        rtt: 0.2,
        link: 100e6,
        sndBuf: 8 << 20,
        rcvBuf: 1 << 20,
        rcvBufAuto: "off",
        arrivals: "poisson",
        service: "exponential",
        seed: 9,
      },
    ],
  ];
  it.each(regimes)(
    "goodput converges within 2%% to min(consumer, link payload, window / RTT): %s",
    (_name, over) => {
      const s: Scenario = { ...TCP, ...over };
      const f = tcpFigures(s);
      const theory = Math.min(f.consumerBytesPerSec, f.linkPayloadBytesPerSec, f.windowLimitedBytesPerSec);
      expect(f.expectedGoodputBytesPerSec).toBe(theory);
      const c = simulate(s, 60).readSamples(0).columns;
      const from = 100; // t = 10 s: past the start-up transient
      const goodput = ((c.consumed[600] - c.consumed[from]) * s.eventBytes) / (c.timeSec[600] - c.timeSec[from]);
      expect(Math.abs(goodput / theory - 1)).toBeLessThan(0.02);
    },
    60_000,
  );

  it("the default workload stays cheap: pinned work per segment; reader-limited with receive autotuning", () => {
    const sim = simulate(TCP, 30);
    const work = sim.summary().work;
    const segments = sim.modelFigures().segments as number;
    // A segment costs its transmission, its arrival, half an ACK, and the reader's milestones.
    expect(work.perEventSteps + work.bulkSteps).toBeLessThan(6 * segments);
    const goodput = (sim.summary().consumed * TCP.eventBytes) / 30;
    expect(tcpFigures(TCP).bottleneck).toBe("consumer");
    expect(goodput / tcpFigures(TCP).consumerBytesPerSec).toBeGreaterThan(0.95);
    expect(goodput / tcpFigures(TCP).consumerBytesPerSec).toBeLessThanOrEqual(1.0001);
  }, 120_000);
});
