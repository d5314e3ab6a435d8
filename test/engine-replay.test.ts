/**
 * Checkpoints and mid-run changes: a run continued from a clone, or replayed with the same
 * parameter changes at the same times, is the same run, bit for bit (seek relies on this).
 */
import { describe, expect, it } from "vitest";
import { type Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

function columns(sim: Simulation): number[][] {
  return SAMPLE_COLUMNS.map((c) => Array.from(sim.column(c)));
}

const SCENARIOS: Array<[string, Partial<Scenario>]> = [
  ["constant story", {}],
  [
    "poisson/exponential watermark",
    { strategy: "watermark", arrivals: "poisson", service: "exponential", signalDelay: 0.01 },
  ],
  ["drop-oldest with restarts", { strategy: "drop-oldest", arrivals: "poisson", memory: 5e6, capacity: 20_000 }],
];

describe("clone() and replay", () => {
  for (const [name, over] of SCENARIOS) {
    it(`${name}: a clone continues exactly as the original`, () => {
      const original = createSimulation({ ...DEFAULT_SCENARIO, ...over });
      original.advanceTo(3.05);
      const copy = original.clone();
      original.advanceTo(8);
      copy.advanceTo(8);
      expect(columns(copy)).toEqual(columns(original));
      expect(copy.readEvents()).toEqual(original.readEvents());
      expect(copy.summary()).toEqual(original.summary());
    });

    it(`${name}: the same changes at the same times give the same run`, () => {
      const scenario = { ...DEFAULT_SCENARIO, ...over };
      const play = () => {
        const sim = createSimulation(scenario);
        sim.advanceTo(2);
        sim.setScenario({ ...scenario, consumer: 120_000 });
        sim.advanceTo(4.5);
        sim.setScenario({ ...scenario, producer: 30_000, capacity: 5_000 });
        sim.advanceTo(7);
        return sim;
      };
      const a = play();
      const b = play();
      expect(columns(a)).toEqual(columns(b));
    });
  }

  it("a clone is independent: advancing it leaves the original untouched", () => {
    const original = createSimulation({ ...DEFAULT_SCENARIO, arrivals: "poisson" });
    original.advanceTo(1);
    const before = columns(original);
    const copy = original.clone();
    copy.advanceTo(5);
    expect(columns(original)).toEqual(before);
    expect(original.timeSec).toBe(1);
  });

  it("raising the consumer rate mid-run drains the queue from that moment", () => {
    const sim = createSimulation({ ...DEFAULT_SCENARIO });
    sim.advanceTo(10);
    sim.setScenario({ ...DEFAULT_SCENARIO, consumer: 150_000 });
    sim.advanceTo(20);
    // 500,000 queued at 10 s, then a net drain of 50,000/s: empty by 20 s.
    expect(sim.column("queued")[150]).toBe(250_000);
    expect(sim.live().queued).toBe(0);
  });
});
