/** The preset gallery's data: every preset in a family with a heading, and matching the scenario shown. */
import { describe, expect, it } from "vitest";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { PRESETS, presetById } from "../src-sim/scenario/presets";
import { PRESET_FAMILIES } from "../web/content/presetText";
import { matchingPreset, presetChanges, presetScenario } from "../web/scenario/presetMatch";

describe("gallery data", () => {
  it("every preset's family has a heading, and every heading has presets", () => {
    const families = PRESET_FAMILIES.map(([f]) => f);
    expect(PRESETS.filter((p) => !families.includes(p.family)).map((p) => p.id)).toEqual([]);
    for (const f of families)
      expect(
        PRESETS.some((p) => p.family === f),
        f,
      ).toBe(true);
  });

  it("presetScenario(p) is the preset's link decoded, opening at 0 s", () => {
    for (const p of PRESETS) {
      expect(presetScenario(p)).toEqual(decodeScenario(p.query).scenario);
      expect(presetScenario(p).t).toBe(0);
    }
  });

  it("presetScenario returns a copy (the gallery cannot corrupt it)", () => {
    const a = presetScenario(presetById("block")!);
    a.producer = 1;
    expect(presetScenario(presetById("block")!).producer).toBe(100_000);
  });
});

describe("matchingPreset", () => {
  it("the default scenario is the story, at any moment", () => {
    expect(matchingPreset({ ...DEFAULT_SCENARIO })?.id).toBe("story");
    expect(matchingPreset({ ...DEFAULT_SCENARIO, t: 60 })?.id).toBe("story");
  });

  it("each preset's scenario matches that preset", () => {
    for (const p of PRESETS) expect(matchingPreset(presetScenario(p), presetChanges(p))?.id).toBe(p.id);
  });

  it("a changed parameter matches no preset", () => {
    expect(matchingPreset({ ...DEFAULT_SCENARIO, consumer: 50_001 })).toBeUndefined();
  });
});
