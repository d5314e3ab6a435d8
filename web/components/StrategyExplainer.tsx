/**
 * A short explanation of the strategy in force, in the page's own words, with the one number
 * that matters most at the current settings (how fast the backlog grows, when memory runs out).
 */
import { tcpFigures, type TcpBottleneck } from "../../src-sim/models/tcp/figures";
import type { Scenario } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { LEAVES_OUT_TEXT, ON_PAUSE_TEXT, STRATEGY_TEXT } from "../content/strategyText";
import { formatCount, formatDuration, formatRate } from "../format/numbers";
import { useApp } from "./context";

/** What limits a TCP connection, in words. */
const TCP_BOTTLENECK_TEXT: Record<TcpBottleneck, string> = {
  "producer": "producer",
  "consumer": "reader",
  "link": "link",
  "receive window": "receive window (one window per round trip)",
  "send buffer": "send buffer (one buffer per round trip)",
};

/** The consequence of the current rates, as one sentence (fluid model: growth = lambda - mu). */
export function atTheseSettings(s: Scenario): string {
  const excess = s.producer - s.consumer;
  const spec = STRATEGY_TABLE[s.strategy];
  if (spec.model === "tcp") {
    // The model's own closed form: the tightest of producer, reader, link, window/RTT, sndBuf/RTT.
    const f = tcpFigures(s);
    // Window and send-buffer limits are ceilings: unread data shrinks each advertised window.
    const amount = f.expectedGoodputIsUpperBound ? "at most" : "about";
    const through = `${amount} ${formatRate(f.expectedGoodputEventsPerSec)} get through, limited by the ${TCP_BOTTLENECK_TEXT[f.bottleneck]}`;
    const headers =
      f.bottleneck === "link" ? " (the link also carries 78 B of TCP/IP and Ethernet headers per segment)" : "";
    return `At these settings ${through}${headers}, against a producer at ${formatRate(s.producer)}.`;
  }
  if (excess <= 0) {
    const rho = s.producer / s.consumer;
    return `At these settings the consumer keeps up (utilisation ${Math.round(rho * 100)}%): only randomness builds a queue.`;
  }
  if (spec.model === "kafka") {
    return `At these settings the lag on the broker grows by ${formatRate(excess)}; it is the broker's disk, not the consumer's memory, that holds it.`;
  }
  if (spec.model === "reactive") {
    return s.publisher === "cold"
      ? `At these settings the publisher is held to what the subscriber requests, about ${formatRate(s.consumer)}: nothing piles up.`
      : `At these settings a hot publisher makes ${formatRate(excess)} more than is requested, and the "${s.overflow}" overflow strategy decides their fate.`;
  }
  const oomDepth = Math.max(0, (s.memory - s.baseline) / s.eventBytes);
  if (!spec.holdsCapacity || s.capacity >= oomDepth) {
    return `At these settings the backlog grows by ${formatRate(excess)}, so memory runs out after about ${formatDuration(oomDepth / excess)} (${formatCount(oomDepth)} events).`;
  }
  // A bounded queue that never stops the producer sheds the excess.
  if (spec.producerReactions.length === 0) {
    return `At these settings the queue fills in ${formatDuration(s.capacity / excess)}, then drops about ${formatRate(excess)}.`;
  }
  return `At these settings the producer has to give way to ${formatRate(s.consumer)}, ${Math.round((excess / s.producer) * 100)}% below its rate.`;
}

/** The explanation card under the strategy picker. */
export function StrategyExplainer() {
  const scenario = useApp((s) => s.scenario);
  const stops = STRATEGY_TABLE[scenario.strategy].producerReactions.length > 0;
  return (
    <div className="explainer" aria-live="polite">
      <p>
        {STRATEGY_TEXT[scenario.strategy]}
        {stops ? ` ${ON_PAUSE_TEXT[scenario.onPause]}` : ""}
      </p>
      <p className="explainer-figure">{atTheseSettings(scenario)}</p>
      {LEAVES_OUT_TEXT[scenario.strategy] ? (
        <p className="explainer-leaves-out">{LEAVES_OUT_TEXT[scenario.strategy]}</p>
      ) : null}
    </div>
  );
}
