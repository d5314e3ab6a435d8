/**
 * The readout cards' own arithmetic (web/components/Readouts.tsx): the producer card counts the
 * crashes of the producer's own buffer up to the moment shown. (The guided tour's chapter 3 is
 * about that crash; before, the card read "paused" throughout and only Lost told of it.)
 */
import { describe, expect, it } from "vitest";
import { EVENT_KINDS } from "../src-sim/engine/types";
import { createSimulation } from "../src-sim/models/index";
import { decodeScenario } from "../src-sim/scenario/codec";
import { producerCrashesBy, timeToOomText } from "../web/components/Readouts";

describe("producerCrashesBy", () => {
  it("counts the producer buffer's OOMs at or before the moment, from the run's log", () => {
    const s = decodeScenario("strategy=watermark&onPause=buffer&producerMemory=2000000000").scenario;
    const sim = createSimulation(s);
    sim.advanceTo(90);
    const events = sim.readEvents();
    const log = {
      length: events.length,
      kind: Uint8Array.from(events.map((e) => EVENT_KINDS.indexOf(e.kind))),
      timeSec: Float64Array.from(events.map((e) => e.timeSec)),
    };
    const crashes = events.filter((e) => e.kind === "producer-oom").map((e) => e.timeSec);
    expect(crashes.length).toBeGreaterThan(0);
    expect(producerCrashesBy(log, crashes[0] - 1)).toBe(0);
    expect(producerCrashesBy(log, crashes[0])).toBe(1);
    expect(producerCrashesBy(log, 90)).toBe(crashes.length);
  });

  it("the time-to-OOM card says crashed for a dead consumer, never for no growth", () => {
    expect(timeToOomText(false, 10)).toBe("crashed");
    expect(timeToOomText(true, Infinity)).toBe("never");
  });
});
