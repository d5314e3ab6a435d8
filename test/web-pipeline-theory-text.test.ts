/**
 * The pipeline page's theory sentences (web/pipeline/theoryText.ts) for the presets: the backlog
 * at the unbounded hop, the cascade's stalls 10 s apart, the drop at the edge.
 */
import { describe, expect, it } from "vitest";
import { pipelineTheory } from "../src-sim/models/pipeline/theory";
import { stageScenario } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { backlogText, oomText, stallsText, throughputText } from "../web/pipeline/theoryText";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";

const theoryOf = (id: string) => {
  const p = PIPELINE_PRESETS.find((x) => x.id === id)!.pipeline;
  return pipelineTheory(
    p.shared,
    p.stages.map((st) => stageScenario(p.shared, st)),
  );
};

describe("the theory's sentences", () => {
  it("the unbounded hop: Stage 2 grows 10K/s and runs out of memory at 60 s", () => {
    const t = theoryOf("pipeline-unbounded-hop");
    expect(backlogText(t)).toBe("Stage 2: its queue grows 10K/s (50K/s in, 40K/s out)");
    expect(stallsText(t)).toBe("Stage 2 at 10.0 s");
    expect(oomText(t)).toBe("Stage 2 at 60.0 s");
  });

  it("the cascade: the source held to 40K/s, the stalls 10 s apart, no crash", () => {
    const t = theoryOf("pipeline-cascade");
    expect(backlogText(t)).toBe("at the source: backpressure holds it to 40K/s of 50K/s");
    expect(stallsText(t)).toBe("Stage 2 at 10.0 s, Stage 1 at 20.0 s, the source at 30.0 s");
    expect(oomText(t)).toBe("never: no queue outgrows its stage's memory");
  });

  it("shedding at the edge: Stage 1 drops 60K/s, nothing stalls", () => {
    const t = theoryOf("pipeline-shed-at-edge");
    expect(backlogText(t)).toBe("Stage 1: it drops 60K/s (100K/s in, 40K/s out)");
    expect(stallsText(t)).toBe("none: no blocking hop fills");
  });

  it("a Kafka topic in the middle: the backlog grows 5K/s on the broker, nothing stalls", () => {
    const t = theoryOf("pipeline-kafka-middle");
    expect(backlogText(t)).toBe("Stage 2: the topic's backlog grows 5.0K/s on the broker (20K/s in, 15K/s out)");
    expect(stallsText(t)).toMatch(/^none/);
    expect(oomText(t)).toMatch(/^never/);
  });

  it("a cold Reactive chain: the source held to the slow end's 20K/s", () => {
    expect(backlogText(theoryOf("pipeline-reactive-cold"))).toBe(
      "at the source: backpressure holds it to 20K/s of 100K/s",
    );
    // Each prefetch fills in milliseconds: "at once", with the time, not "at 0.0 s".
    expect(stallsText(theoryOf("pipeline-reactive-cold"))).toMatch(/^Stage 2 at once \(\d[\d.]* ms\), Stage 1 at once/);
  });

  it("a TCP hop's window as the bottleneck is named, not left to look like its stage's rate", () => {
    const shared = { ...DEFAULT_SCENARIO, producer: 50_000 };
    const stages = [
      { strategy: "block" as const, params: { consumer: 60_000 } },
      { strategy: "tcp" as const, params: { consumer: 60_000 } },
    ];
    const t = pipelineTheory(
      shared,
      stages.map((st) => stageScenario(shared, st)),
    );
    expect(throughputText(t)).toBe(
      "800/s (the least of the rates; bottleneck: Stage 2, whose TCP connection carries at most a window per round trip)",
    );
    expect(throughputText(theoryOf("pipeline-cascade"))).toBe("40K/s (the least of the rates; bottleneck: Stage 3)");
  });
});
