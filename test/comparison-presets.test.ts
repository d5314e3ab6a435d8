/**
 * The presets for decisions (issue 13, item 4): each link opens as the comparison it describes,
 * without a warning, and each tells the lesson its text claims when its lanes run to the end.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { COMPARISON_PRESETS } from "../src-sim/scenario/comparisons";
import { laneScenario, openLink } from "../src-sim/scenario/lanes";
import { runFigures, type RunFigures } from "../src-sim/sweep/figures";

function figuresOf(id: string): RunFigures[] {
  const preset = COMPARISON_PRESETS.find((p) => p.id === id)!;
  const opened = openLink(preset.query);
  if (opened.kind !== "compare") throw new Error(`${id} is not a comparison`);
  return opened.comparison.lanes.map((lane) => {
    const s = laneScenario(opened.comparison.shared, lane);
    const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
    sim.advanceTo(s.duration);
    return runFigures(sim, s);
  });
}

describe("comparison presets", () => {
  it.each(COMPARISON_PRESETS.map((p) => [p.id, p] as const))("%s opens as its lanes, with no warning", (_id, p) => {
    const opened = openLink(p.query);
    expect(opened.kind).toBe("compare");
    if (opened.kind !== "compare") return;
    expect(opened.warnings).toEqual([]);
    expect(opened.comparison.lanes.map((l) => l.strategy)).toEqual(p.lanes.map((l) => l.strategy));
  });

  it("the story: only the unbounded lane runs out of memory; block and watermarks lose nothing", () => {
    const [unbounded, watermark, block] = figuresOf("story-five-2");
    expect(unbounded.oomAtSec).toBeCloseTo(120, 3);
    expect(watermark.oomAtSec).toBeNull();
    expect(block.oomAtSec).toBeNull();
    expect([watermark.lost, watermark.dropped, block.lost, block.dropped]).toEqual([0, 0, 0, 0]);
  });

  it("the same burst: both drop policies drop, block drops nothing and stops the producer", () => {
    const [newest, oldest, block] = figuresOf("burst-drop-or-block");
    expect(newest.dropped).toBeGreaterThan(0);
    expect(oldest.dropped).toBeGreaterThan(0);
    expect(block.dropped).toBe(0);
    expect(block.producerStoppedPct).toBeGreaterThan(0);
  });

  it("how big a buffer: 150K and 300K drop, 600K and 1M drop nothing", () => {
    const [small, medium, exact, large] = figuresOf("burst-buffer-size");
    expect(exact.dropped).toBe(0);
    expect(small.dropped!).toBeGreaterThan(medium.dropped!);
    expect(medium.dropped).toBeGreaterThan(0);
    expect(large.dropped).toBe(0);
  });
});
