/**
 * Issue 9, item 1: switching "Producer when stopped" from slow to buffer or drop while the
 * producer is blocked (block) or paused (watermark) stalled it for good: `produced` stayed at
 * 1,510,000 from 30 s to 50 s while the producer's state said "running".
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { Timeline } from "../src-sim/worker/timeline";

describe("a change of onPause while the producer is stopped (issue 9)", () => {
  for (const strategy of ["block", "watermark"] as const) {
    for (const onPause of ["buffer", "drop"] as const) {
      it(`${strategy}: slow -> ${onPause} at 30 s keeps the producer emitting to 50 s`, () => {
        const s: Scenario = { ...DEFAULT_SCENARIO, strategy };
        const t = new Timeline(s);
        t.advanceTo(300);
        const at30 = t.sim.live().produced;
        t.setScenario({ ...s, onPause });
        t.advanceTo(500);
        const live = t.sim.live();
        // 20 s at 100,000 events/s, give or take the ticks at the edges.
        expect(live.produced - at30).toBeGreaterThan(1_900_000);
      });
    }
  }
});
