/**
 * The chain's fluid theory beside the run (issue 14): its throughput and bottleneck, where the
 * backlog builds for good, when each stage stalls behind a full blocking hop, and the first
 * out-of-memory crash (theoryText.ts has the sentences).
 */
import type { PipelineTheory } from "../../src-sim/models/pipeline/theory";
import { backlogText, oomText, stallsText, throughputText } from "./theoryText";

/** The theory's figures as a description list. */
export function TheoryPanel({ theory }: { theory: PipelineTheory }) {
  return (
    <>
      <h2>Theory</h2>
      <dl className="pl-theory" data-testid="theory">
        <dt>Chain throughput</dt>
        <dd>{throughputText(theory)}</dd>
        <dt>Backlog builds</dt>
        <dd data-testid="theory-backlog">{backlogText(theory)}</dd>
        <dt>Stalled by backpressure</dt>
        <dd data-testid="theory-stalls">{stallsText(theory)}</dd>
        <dt>First out of memory</dt>
        <dd data-testid="theory-oom">{oomText(theory)}</dd>
      </dl>
      <p className="pl-note">
        Fluid figures from empty queues at t = 0: a blocking hop carries the slower rate after it back to the stage
        before, until an unbounded or dropping hop (or the source) takes the difference.
      </p>
    </>
  );
}
