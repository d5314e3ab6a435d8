/**
 * The chain's theory (issue 14, "theory beside it"): the fluid rates through each hop, the
 * bottleneck and the chain's throughput (the least of the rates), where a backlog builds and how
 * fast, the time to out-of-memory at a hop whose queue is not bounded in memory, and for a
 * blocking chain how many stages the slowdown stalls. Fluid figures: rates as flows, no
 * randomness; the engine (model.ts) is the run itself.
 */
import type { Scenario } from "../../scenario/params";
import { maxInMemory } from "./stage";

/** What the fluid model says about one hop (the queue in front of a stage, and the stage). */
export interface HopTheory {
  /** "Stage 1", ... */
  name: string;
  strategy: string;
  /** The stage's service rate, events/s. */
  rate: number;
  /** Events/s offered to the hop when nothing pushes back (the rate out of the hop before). */
  inflow: number;
  /** Events/s the stage passes on: min(inflow, rate). */
  outflow: number;
  /**
   * What the hop does with the excess inflow - rate when it is positive: "grows" (an unbounded
   * queue, or a bounded one larger than memory), "drops", "pushes back" (block, watermark), or
   * "keeps up".
   */
  excess: "keeps up" | "grows" | "drops" | "pushes back";
  /** Growth of the hop's queue, events/s (0 unless it grows). */
  growthPerSec: number;
  /** Seconds from an empty queue to the stage's out-of-memory crash at that growth; null if never. */
  timeToOomSec: number | null;
}

/** The chain's fluid figures. */
export interface PipelineTheory {
  /** The source's rate, events/s. */
  producer: number;
  /** The chain's throughput, events/s: the least of the source's and the stages' rates. */
  throughput: number;
  /** The slowest stage's name ("Stage 3"), or "source" when the source is the slowest. */
  bottleneck: string;
  /** The first hop where the excess goes somewhere (null: every stage keeps up). */
  backlogAt: string | null;
  /** Stages held still by backpressure from the first hop that pushes back (0 if none pushes back). */
  stalledStages: number;
  hops: HopTheory[];
}

/** The fluid figures of a chain: the source's scenario and the stages', in order. */
export function pipelineTheory(shared: Scenario, stages: readonly Scenario[]): PipelineTheory {
  let inflow = shared.producer;
  let throughput = shared.producer;
  let bottleneck = "source";
  let backlogAt: string | null = null;
  let stalledStages = 0;
  const hops: HopTheory[] = stages.map((s, k) => {
    const name = `Stage ${k + 1}`;
    const rate = s.consumer;
    if (rate < throughput) {
      throughput = rate;
      bottleneck = name;
    }
    const memoryBound =
      s.strategy === "unbounded" || s.capacity + 1 > maxInMemory({ ...s, eventBytes: shared.eventBytes });
    let excess: HopTheory["excess"] = "keeps up";
    let growthPerSec = 0;
    let timeToOomSec: number | null = null;
    if (inflow > rate) {
      if (memoryBound && (s.strategy === "unbounded" || s.strategy === "drop-newest" || s.strategy === "drop-oldest")) {
        excess = "grows";
        growthPerSec = inflow - rate;
        timeToOomSec = (s.memory - s.baseline) / (growthPerSec * shared.eventBytes);
      } else if (s.strategy === "block" || s.strategy === "watermark") {
        excess = "pushes back";
      } else {
        excess = "drops";
      }
      if (backlogAt === null) {
        backlogAt = name;
        if (excess === "pushes back") {
          // The stages before it stall while the hops into them carry the backpressure on.
          for (let j = k - 1; j >= 0; j--) {
            stalledStages++;
            const hop = stages[j].strategy;
            if (hop !== "block" && hop !== "watermark") break;
          }
        }
      }
    }
    const outflow = Math.min(inflow, rate);
    const hop: HopTheory = { name, strategy: s.strategy, rate, inflow, outflow, excess, growthPerSec, timeToOomSec };
    inflow = outflow;
    return hop;
  });
  return { producer: shared.producer, throughput, bottleneck, backlogAt, stalledStages, hops };
}
