/**
 * The chain's fluid theory (src-sim/models/pipeline/theory.ts) in the page's words: where the
 * backlog builds and how fast, which stages stall and when, and the first out-of-memory crash.
 * Pure, so tests read the same sentences the page shows.
 */
import type { PipelineTheory } from "../../src-sim/models/pipeline/theory";
import { formatClock, formatDuration, formatRate } from "../format/numbers";

/** A moment from t = 0: on the sample grid's tenth within the first minutes, then coarser. */
const at = (sec: number): string => (sec < 600 ? formatClock(sec) : formatDuration(sec));

/**
 * Where the excess goes for good, from the source on: the source held back by a full blocking
 * Stage 1 hop, each queue that grows, each Kafka topic whose backlog grows on the broker, and
 * each hop that drops, with their rates.
 */
export function backlogText(theory: PipelineTheory): string {
  const parts: string[] = [];
  const first = theory.hops[0];
  if (first?.excess === "pushes back")
    parts.push(`at the source: backpressure holds it to ${formatRate(first.inflow)} of ${formatRate(theory.producer)}`);
  for (const hop of theory.hops) {
    const flows = `${formatRate(hop.inflow)} in, ${formatRate(hop.outflow)} out`;
    if (hop.excess === "grows") parts.push(`${hop.name}: its queue grows ${formatRate(hop.growthPerSec)} (${flows})`);
    else if (hop.excess === "lags")
      parts.push(`${hop.name}: the topic's backlog grows ${formatRate(hop.growthPerSec)} on the broker (${flows})`);
    else if (hop.excess === "drops")
      parts.push(`${hop.name}: it drops ${formatRate(hop.inflow - hop.outflow)} (${flows})`);
  }
  return parts.length === 0 ? "nowhere: every stage keeps up" : parts.join("; ");
}

/** When each stage (and the source) stalls behind a full blocking hop, in time order. */
export function stallsText(theory: PipelineTheory): string {
  if (theory.stalls.length === 0) return "none: no blocking hop fills";
  // A stall within half a sample (a Reactive hop's prefetch fills in milliseconds) reads "at once",
  // with its time, rather than a bare "at 0.0 s" that looks like a missing figure.
  const when = (sec: number) => (sec < 0.05 ? `at once (${formatDuration(sec)})` : `at ${at(sec)}`);
  return theory.stalls.map((s) => `${s.name === "source" ? "the source" : s.name} ${when(s.atSec)}`).join(", ");
}

/** The first out-of-memory crash the fluid run reaches, or that none comes. */
export function oomText(theory: PipelineTheory): string {
  if (theory.firstOom === null) return "never: no queue outgrows its stage's memory";
  return `${theory.firstOom.name} at ${at(theory.firstOom.atSec)}`;
}

/** The chain's throughput and its bottleneck, saying when a TCP hop's window is what limits it. */
export function throughputText(theory: PipelineTheory): string {
  const hop = theory.hops.find((h) => h.name === theory.bottleneck);
  const why = hop?.windowLimited ? ", whose TCP connection carries at most a window per round trip" : "";
  return `${formatRate(theory.throughput)} (the least of the rates; bottleneck: ${theory.bottleneck}${why})`;
}
