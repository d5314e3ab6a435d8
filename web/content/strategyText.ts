/**
 * The page's own short explanations: one paragraph per strategy, one sentence per producer
 * reaction, and plain names for enum values. Plain text only (never rendered as HTML).
 */
import type { OnPause } from "../../src-sim/scenario/params";
import { STRATEGIES, STRATEGY_TABLE, type Strategy } from "../../src-sim/scenario/strategies";

/** Human names of the strategies, for the picker (from the strategy table). */
export const STRATEGY_NAMES: Record<Strategy, string> = Object.fromEntries(
  STRATEGIES.map((s) => [s, STRATEGY_TABLE[s].label]),
) as Record<Strategy, string>;

/** One paragraph per strategy: what it does and what it costs (the strategy table's explainer). */
export const STRATEGY_TEXT: Record<Strategy, string> = Object.fromEntries(
  STRATEGIES.map((s) => [s, STRATEGY_TABLE[s].explainer]),
) as Record<Strategy, string>;

/** What the producer does when told to stop, one sentence each. */
export const ON_PAUSE_TEXT: Record<OnPause, string> = {
  slow: "Here the producer is a cold source: asked to stop, it simply waits, and nothing is lost.",
  buffer:
    "Here the producer is a hot source that keeps accepting work and holds it in its own memory: the queue moves upstream, and so does the out-of-memory risk.",
  drop: "Here the producer discards what it cannot send while stopped: bounded memory everywhere, paid for with loss at the source.",
};

/** What each mechanism's model leaves out (the strategy table's `leavesOut`), or nothing. */
export const LEAVES_OUT_TEXT: Partial<Record<Strategy, string>> = Object.fromEntries(
  STRATEGIES.flatMap((s) => {
    const text = STRATEGY_TABLE[s].leavesOut;
    return text ? [[s, text]] : [];
  }),
);
