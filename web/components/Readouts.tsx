/**
 * The figures of the moment shown: Queue depth, Memory (% of the limit), Time to OOM (a
 * countdown; "never" while the queue is not growing towards the limit), p99 latency, Dropped,
 * Lost, the watermark signals (rate and counts, where watermarks apply) and the producer's state. Each value is an <output> named by its visible label; `data-value` carries
 * the raw number for tools and tests.
 */
import { useId, type ReactNode } from "react";
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { formatBytes, formatClock, formatCount, formatDuration, formatPercent, formatRate } from "../format/numbers";
import { EVENT_KINDS } from "../../src-sim/engine/types";
import { useApp, useRuntime } from "./context";

/** Producer states as the engine numbers them. */
const PRODUCER_STATES = ["running", "paused", "blocked"] as const;

function Readout(props: {
  label: string;
  value: string;
  raw: number | string;
  sub?: ReactNode;
  tone?: "ok" | "warn" | "bad";
  /** An extra class for the card (layout). */
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`readout${props.tone ? ` tone-${props.tone}` : ""}${props.className ? ` ${props.className}` : ""}`}>
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

/**
 * How many times the producer's own buffer ran out of memory at or before `timeSec` (a hot
 * source that buffers: the engine then drops what the buffer held, as a crash of the producer
 * would, and the source goes on). The events are the page's stored log, where such crashes are
 * rare enough to be all kept.
 */
export function producerCrashesBy(
  events: { readonly length: number; readonly kind: ArrayLike<number>; readonly timeSec: ArrayLike<number> },
  timeSec: number,
): number {
  const kind = EVENT_KINDS.indexOf("producer-oom");
  let n = 0;
  for (let i = 0; i < events.length; i++) if (events.kind[i] === kind && events.timeSec[i] <= timeSec) n++;
  return n;
}

/** The signals readout's sub-line: "1.2K pause · 1.2K resume". */
export function signalCountsText(pause: number, resume: number): string {
  return `${formatCount(pause)} pause · ${formatCount(resume)} resume`;
}

/** The readouts strip: the figures of one sample, the one the chart legends show too. */
export function Readouts() {
  const rt = useRuntime();
  const live = useApp((s) => s.live);
  const m = useApp((s) => s.moment);
  const memoryLimit = useApp((s) => s.scenario.memory);
  const oomAt = useApp((s) => s.oomAtSec);
  const signals = useApp((s) => STRATEGY_TABLE[s.scenario.strategy].usesWatermarks(s.scenario));
  if (!live || !m) return <div className="readouts" aria-busy="true" />;
  const memShare = m.memoryBytes / memoryLimit;
  const oomText = timeToOomText(m.consumerUp, live.timeToOomSec);
  const state = PRODUCER_STATES[m.producerState] ?? "running";
  const producerCrashes = producerCrashesBy(rt.events, m.timeSec);
  return (
    <section className="readouts" aria-label="Live readouts" data-sample={m.index}>
      <Readout
        label="Queue depth"
        value={formatCount(m.queued)}
        raw={m.queued}
        sub={<span data-peak={m.peakQueued}>peak {formatCount(m.peakQueued)}</span>}
      />
      <Readout
        label="Memory"
        value={formatPercent(memShare)}
        raw={memShare}
        sub={`${formatBytes(m.memoryBytes)} of ${formatBytes(memoryLimit)}`}
        tone={memShare > 0.9 ? "bad" : memShare > 0.6 ? "warn" : undefined}
      />
      <Readout
        label="Time to OOM"
        value={oomText}
        raw={m.consumerUp ? live.timeToOomSec : "crashed"}
        sub={
          !m.consumerUp && oomAt !== null
            ? `at ${formatClock(oomAt)}`
            : oomText === "never"
              ? "not growing"
              : "if rates hold"
        }
        tone={!m.consumerUp ? "bad" : Number.isFinite(live.timeToOomSec) ? "warn" : "ok"}
      />
      <Readout
        label="p99 latency"
        value={formatDuration(m.p99Sec)}
        raw={m.p99Sec}
        sub={`oldest ${formatDuration(m.oldestAgeSec)}`}
      />
      <Readout
        label="Dropped"
        value={formatCount(m.dropped)}
        raw={m.dropped}
        sub="by policy"
        tone={m.dropped > 0 ? "warn" : undefined}
      />
      <Readout
        label="Lost"
        value={formatCount(m.lost)}
        raw={m.lost}
        sub="in crashes"
        tone={m.lost > 0 ? "bad" : undefined}
      />
      {signals && (
        <Readout
          className="readout-signals"
          label="Signals"
          value={formatRate(m.signalsPerSec)}
          raw={m.signalsPerSec}
          sub={
            <span className="readout-lines" title={signalCountsText(m.pauseSignals, m.resumeSignals)}>
              <span>{formatCount(m.pauseSignals)} pause</span> <span>{formatCount(m.resumeSignals)} resume</span>
            </span>
          }
          tone={m.signalsPerSec >= FLAPPING_SIGNALS_PER_SEC ? "bad" : undefined}
        />
      )}
      <Readout
        label="Producer"
        value={state}
        raw={state}
        sub={
          (m.consumerUp ? "consumer up" : "consumer down") +
          (producerCrashes > 0 ? ` · its buffer OOM ×${formatCount(producerCrashes)}` : "")
        }
        tone={
          producerCrashes > 0 || (state !== "running" && state !== "paused")
            ? "bad"
            : state === "paused"
              ? "warn"
              : undefined
        }
      />
    </section>
  );
}

/**
 * Signals per second from which the watermarks are flapping: a healthy cycle signals a few
 * times a second (the 80% / 20% preset about eight), a flapping one thousands of times.
 */
export const FLAPPING_SIGNALS_PER_SEC = 100;
