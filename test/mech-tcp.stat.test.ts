/**
 * strategy=tcp over long runs (statistical tier): goodput converging to min(consumer, link,
 * window / RTT) in each regime, and the default workload over its full 180 s. The rest of the TCP
 * model's tests are in mech-tcp.test.ts.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../src-sim/engine/simulation";
import { tcpFigures } from "../src-sim/mechanisms/tcp/figures";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

const TCP: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp" };

function simulate(s: Scenario, untilSec: number, sampleIntervalSec = 0.1): Simulation {
  const sim = new Simulation(s, { sampleIntervalSec });
  sim.advanceTo(untilSec);
  return sim;
}

describe("TCP closed forms", () => {
  const regimes: Array<[string, Partial<Scenario>]> = [
    ["consumer-limited", { consumer: 20_000, sndBuf: 4 << 20, rcvBuf: 4 << 20 }],
    ["link-limited", { link: 20e6, rtt: 0.01, sndBuf: 4 << 20, rcvBuf: 1 << 20 }],
    // A reader faster than the link keeps the receive buffer empty, so the window is all of it.
    ["window-limited", { rtt: 0.2, link: 100e6, sndBuf: 8 << 20, rcvBuf: 1 << 20 }],
    [
      "window-limited, random processes",
      { rtt: 0.2, link: 100e6, sndBuf: 8 << 20, rcvBuf: 1 << 20, arrivals: "poisson", service: "exponential", seed: 9 },
    ],
  ];
  it.each(regimes)("goodput converges within 2%% to min(consumer, link, window / RTT): %s", (_name, over) => {
    const s: Scenario = { ...TCP, ...over };
    const f = tcpFigures(s);
    const theory = Math.min(f.consumerBytesPerSec, f.linkBytesPerSec, f.windowLimitedBytesPerSec);
    expect(f.expectedGoodputBytesPerSec).toBe(theory);
    const c = simulate(s, 60).readSamples(0).columns;
    const from = 100; // t = 10 s: past the start-up transient
    const goodput = ((c.consumed[600] - c.consumed[from]) * s.eventBytes) / (c.timeSec[600] - c.timeSec[from]);
    expect(Math.abs(goodput / theory - 1)).toBeLessThan(0.02);
  });

  it("the default workload (180 s) stays cheap: pinned per-event work", () => {
    const sim = simulate(TCP, 180);
    const work = sim.summary().work;
    expect(work.perEventSteps + work.bulkSteps).toBeLessThan(4_000_000);
    // With send-buffer autotuning the default is window-limited: about rcvBuf / RTT.
    const goodput = (sim.summary().consumed * TCP.eventBytes) / 180;
    expect(tcpFigures(TCP).bottleneck).toBe("receive window");
    expect(goodput / tcpFigures(TCP).windowLimitedBytesPerSec).toBeGreaterThan(0.8);
    expect(goodput / tcpFigures(TCP).windowLimitedBytesPerSec).toBeLessThanOrEqual(1.0001);
  });
});
