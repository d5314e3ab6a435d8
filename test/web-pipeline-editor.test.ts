/**
 * The pipeline page's stage editor, its logic (web/pipeline/stageEdits.ts): each edit gives the
 * chain its link reopens (the same codec), repairs come back as notes, and nothing throws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodePipeline,
  encodePipeline,
  MAX_STAGES,
  STAGE_STRATEGIES,
  stageKeys,
  type Pipeline,
} from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import {
  addStage,
  removeStage,
  setSourceValue,
  setStageStrategy,
  setStageValue,
  stageFields,
  stageStrategyChoices,
  sourceFields,
  type EditResult,
} from "../web/pipeline/stageEdits";

const cascade = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.pipeline;

/** The pipeline a link of `p` reopens. */
const reopened = (p: Pipeline): Pipeline => {
  const d = decodePipeline(encodePipeline(p));
  return { shared: { ...d.pipeline!.shared, t: p.shared.t }, stages: d.pipeline!.stages };
};

describe("the stage editor's edits", () => {
  it("adds a stage before the sink, a copy of the last one, and the link reopens the same chain", () => {
    const { pipeline, notes } = addStage(cascade);
    expect(notes).toEqual([]);
    expect(pipeline.stages).toHaveLength(4);
    expect(stageFields(pipeline, 3)).toEqual(stageFields(cascade, 2));
    expect(reopened(pipeline)).toEqual(pipeline);
    expect(encodePipeline(pipeline)).toMatch(
      /stages=block,consumer:60000;block,consumer:55000;block,consumer:40000;block,consumer:40000$/,
    );
  });

  it("stops at five stages with a note, and at one", () => {
    let p = cascade;
    while (p.stages.length < MAX_STAGES) p = addStage(p).pipeline;
    const full = addStage(p);
    expect(full.pipeline).toBe(p);
    expect(full.notes).toEqual(["A pipeline has at most 5 stages; remove one first."]);
    let q = cascade;
    q = removeStage(q, 0).pipeline;
    q = removeStage(q, 0).pipeline;
    expect(q.stages).toHaveLength(1);
    const last = removeStage(q, 0);
    expect(last.pipeline).toBe(q);
    expect(last.notes).toEqual(["A pipeline keeps at least one stage."]);
  });

  it("removes the stage asked for and keeps the others' values", () => {
    const { pipeline } = removeStage(cascade, 1);
    expect(pipeline.stages.map((st) => st.params.consumer)).toEqual([60_000, 40_000]);
    expect(reopened(pipeline)).toEqual(pipeline);
  });

  it("changes a strategy keeping the keys both carry, and offers the new strategy's keys", () => {
    const { pipeline, notes } = setStageStrategy(cascade, 1, "watermark");
    expect(notes).toEqual([]);
    expect(pipeline.stages[1].strategy).toBe("watermark");
    const fields = Object.fromEntries(stageFields(pipeline, 1).map((f) => [f.param.key, f.value]));
    expect(fields.consumer).toBe(55_000);
    expect(fields.capacity).toBe(100_000);
    expect(Object.keys(fields)).toEqual(stageKeys("watermark"));
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(["high", "low", "signalDelay"]));
    expect(reopened(pipeline)).toEqual(pipeline);
    // An unbounded stage has no capacity.
    const unbounded = setStageStrategy(cascade, 0, "unbounded").pipeline;
    expect(stageFields(unbounded, 0).map((f) => f.param.key)).not.toContain("capacity");
  });

  it("takes typed values in the key's unit and clamps out-of-range ones with a note", () => {
    let r = setStageValue(cascade, 2, "consumer", "45K");
    expect(r.notes).toEqual([]);
    expect(r.pipeline.stages[2].params.consumer).toBe(45_000);
    r = setStageValue(cascade, 0, "memory", "500 MB");
    expect(r.pipeline.stages[0].params.memory).toBe(500_000_000);
    r = setStageValue(cascade, 1, "consumer", "1e12");
    expect(r.pipeline.stages[1].params.consumer).toBe(10_000_000);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/^Stage 2: /);
    r = setStageValue(cascade, 1, "consumer", "-3");
    expect(r.pipeline.stages[1].params.consumer).toBe(1);
    expect(r.notes[0]).toMatch(/^Stage 2: /);
  });

  it("keeps the old value of text that is no number, with a note", () => {
    for (const text of ["", "fast", "NaN", "1..2", "x".repeat(5000)]) {
      const r = setStageValue(cascade, 0, "capacity", text);
      expect(r.pipeline).toBe(cascade);
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0]).toMatch(/^Stage 1: .* kept the old value\.$/);
    }
  });

  it("repairs a high watermark above the capacity as the link does, and says so", () => {
    const wm = setStageStrategy(cascade, 2, "watermark").pipeline;
    const r = setStageValue(wm, 2, "high", "200000");
    expect(r.pipeline.stages[2].params.high).toBe(100_000);
    expect(r.notes.some((n) => n.startsWith("Stage 3:") && /high/i.test(n))).toBe(true);
    expect(reopened(r.pipeline)).toEqual(r.pipeline);
  });

  it("sets the source's rate, arrivals and reaction; random arrivals put the schema version in the link", () => {
    let r = setSourceValue(cascade, "producer", "70K");
    expect(r.pipeline.shared.producer).toBe(70_000);
    r = setSourceValue(r.pipeline, "arrivals", "poisson");
    expect(r.pipeline.shared.arrivals).toBe("poisson");
    expect(encodePipeline(r.pipeline)).toMatch(/^v=2&/);
    expect(reopened(r.pipeline)).toEqual(r.pipeline);
    r = setSourceValue(r.pipeline, "arrivals", "bursty");
    expect(r.notes).toEqual(['Source: "bursty" is not one of constant, poisson; kept the old value.']);
    expect(sourceFields(r.pipeline).map((f) => f.param.key)).toEqual(["producer", "arrivals", "onPause"]);
  });

  it("refuses a strategy a hop does not run, and a key that is not the stage's", () => {
    const r = setStageStrategy(cascade, 0, "teleport");
    expect(r.pipeline).toBe(cascade);
    expect(r.notes).toHaveLength(1);
    expect(setStageValue(cascade, 0, "high", "5").pipeline).toBe(cascade);
    expect(setStageValue(cascade, 7, "consumer", "5").pipeline).toBe(cascade);
  });

  it("offers the codec's strategies, each with its table name", () => {
    expect(stageStrategyChoices().map((c) => c.value)).toEqual([...STAGE_STRATEGIES]);
    expect(stageStrategyChoices().find((c) => c.value === "block")!.label).toBe("Bounded, block producer");
  });

  it("keeps the moment: t stays what it was", () => {
    const at = { ...cascade, shared: { ...cascade.shared, t: 25 } };
    expect(addStage(at).pipeline.shared.t).toBe(25);
  });
});

describe("any sequence of edits (fast-check)", () => {
  const text = fc.oneof(
    fc.constantFrom(
      "0",
      "-1",
      "1e999",
      "60K",
      "500 MB",
      "250 ms",
      "NaN",
      "",
      "poisson",
      "exponential",
      "slow",
      "buffer",
    ),
    fc.string({ maxLength: 12 }),
    fc.double({ noNaN: false }).map(String),
  );
  const edit = fc.oneof(
    fc.constant((p: Pipeline): EditResult => addStage(p)),
    fc.nat(6).map((k) => (p: Pipeline) => removeStage(p, k)),
    fc.tuple(fc.nat(6), fc.constantFrom(...STAGE_STRATEGIES, "tcp", "bogus")).map(
      ([k, s]) =>
        (p: Pipeline) =>
          setStageStrategy(p, k, s),
    ),
    fc
      .tuple(
        fc.nat(6),
        fc.constantFrom(
          "consumer",
          "service",
          "memory",
          "baseline",
          "restart",
          "capacity",
          "high",
          "low",
          "signalDelay",
        ),
        text,
      )
      .map(
        ([k, key, t]) =>
          (p: Pipeline) =>
            setStageValue(p, k, key as never, t),
      ),
    fc.tuple(fc.constantFrom("producer", "arrivals", "onPause"), text).map(
      ([key, t]) =>
        (p: Pipeline) =>
          setSourceValue(p, key as never, t),
    ),
  );

  it("never throws, keeps 1 to 5 stages, and always gives the chain its link reopens", () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        // The page's chain is always a decoded link's.
        let p = reopened(cascade);
        for (const e of edits) {
          const r = e(p);
          p = r.pipeline;
          expect(p.stages.length).toBeGreaterThanOrEqual(1);
          expect(p.stages.length).toBeLessThanOrEqual(MAX_STAGES);
          expect(reopened(p)).toEqual(p);
          for (const n of r.notes) expect(typeof n).toBe("string");
        }
      }),
      { numRuns: 200, seed: 14 },
    );
  });
});
