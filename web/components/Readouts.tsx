/**
 * The live figures: Queue depth, Memory (% of the limit), Time to OOM (a countdown; "never"
 * while the queue is not growing towards the limit), p99 latency, Dropped, Lost and the
 * producer's state. Each value is an <output> named by its visible label; `data-value` carries
 * the raw number for tools and tests.
 */
import { useId, type ReactNode } from "react";
import { formatBytes, formatClock, formatCount, formatDuration, formatPercent } from "../format/numbers";
import { useApp } from "./context";

/** Producer states as the engine numbers them. */
const PRODUCER_STATES = ["running", "paused", "blocked"] as const;

function Readout(props: {
  label: string;
  value: string;
  raw: number | string;
  sub?: ReactNode;
  tone?: "ok" | "warn" | "bad";
}) {
  const id = useId();
  return (
    <div className={`readout${props.tone ? ` tone-${props.tone}` : ""}`}>
      <label htmlFor={id} className="readout-label">
        {props.label}
      </label>
      {/* aria-live off: ten updates a second would drown a screen reader. */}
      <output id={id} className="readout-value" aria-live="off" data-value={String(props.raw)}>
        {props.value}
      </output>
      <span className="readout-sub">{props.sub}</span>
    </div>
  );
}

/** The time-to-OOM readout's text: a countdown, "never", or when it crashed. */
export function timeToOomText(consumerUp: boolean, timeToOomSec: number): string {
  if (!consumerUp) return "crashed";
  if (!Number.isFinite(timeToOomSec)) return "never";
  return formatDuration(timeToOomSec);
}

/** The readouts strip. */
export function Readouts() {
  const live = useApp((s) => s.live);
  const memoryLimit = useApp((s) => s.scenario.memory);
  const p99 = useApp((s) => s.p99Sec);
  const oomAt = useApp((s) => s.oomAtSec);
  const peak = useApp((s) => s.peakQueued);
  if (!live) return <div className="readouts" aria-busy="true" />;
  const memShare = live.memoryBytes / memoryLimit;
  const oomText = timeToOomText(live.consumerUp, live.timeToOomSec);
  const state = PRODUCER_STATES[live.producerState] ?? "running";
  return (
    <section className="readouts" aria-label="Live readouts">
      <Readout
        label="Queue depth"
        value={formatCount(live.queued)}
        raw={live.queued}
        sub={<span data-peak={peak}>peak {formatCount(peak)}</span>}
      />
      <Readout
        label="Memory"
        value={formatPercent(memShare)}
        raw={memShare}
        sub={`${formatBytes(live.memoryBytes)} of ${formatBytes(memoryLimit)}`}
        tone={memShare > 0.9 ? "bad" : memShare > 0.6 ? "warn" : undefined}
      />
      <Readout
        label="Time to OOM"
        value={oomText}
        raw={live.consumerUp ? live.timeToOomSec : "crashed"}
        sub={
          !live.consumerUp && oomAt !== null
            ? `at ${formatClock(oomAt)}`
            : oomText === "never"
              ? "not growing"
              : "if rates hold"
        }
        tone={!live.consumerUp ? "bad" : Number.isFinite(live.timeToOomSec) ? "warn" : "ok"}
      />
      <Readout
        label="p99 latency"
        value={formatDuration(p99)}
        raw={p99}
        sub={`oldest ${formatDuration(live.oldestAgeSec)}`}
      />
      <Readout
        label="Dropped"
        value={formatCount(live.dropped)}
        raw={live.dropped}
        sub="by policy"
        tone={live.dropped > 0 ? "warn" : undefined}
      />
      <Readout
        label="Lost"
        value={formatCount(live.lost)}
        raw={live.lost}
        sub="in crashes"
        tone={live.lost > 0 ? "bad" : undefined}
      />
      <Readout
        label="Producer"
        value={state}
        raw={state}
        sub={live.consumerUp ? "consumer up" : "consumer down"}
        tone={state === "running" ? undefined : state === "paused" ? "warn" : "bad"}
      />
    </section>
  );
}
