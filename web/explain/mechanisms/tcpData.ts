/**
 * What the TCP mechanism view draws, read from the samples (pure; tested in
 * test/web-mech-tcp-kafka.test.ts):
 * - the time-sequence graph as tcptrace and Wireshark draw it: SND.UNA (what the receiver has
 *   acknowledged), SND.NXT (what the sender has sent) and the window's right edge SND.UNA +
 *   SND.WND (the most it may have sent), over the charts' time window (the zoom's fine samples
 *   when zoomed), from the columns tcpSndUna, tcpSndNxt and tcpWindowBytes;
 * - the facts at the moment shown, in the same words for the picture's caption and its text;
 * - the ladder of a zoomed span (src-sim/models/tcp/ladder.ts, recorded by the worker) in a few
 *   counts and the persist timer's waits, for its text alternative.
 */
import type { SampleColumn } from "../../../src-sim/scenario/columns";
import {
  LADDER_ACK,
  LADDER_PROBE,
  LADDER_SEGMENT,
  LADDER_WINDOW_UPDATE,
  type LadderTrace,
} from "../../../src-sim/models/tcp/ladder";
import { formatBinaryBytes, formatBytes, formatCount, formatDuration } from "../../format/numbers";
import { valueAt, type SampleSource } from "../../runtime/moment";

/** The three lines of the time-sequence graph over a time window, one point per kept sample. */
export interface TimeSequence {
  timeSec: number[];
  /** SND.UNA, bytes from the start of the stream. */
  una: number[];
  /** SND.NXT, bytes. */
  nxt: number[];
  /** The right edge of the window, SND.UNA + SND.WND, bytes. */
  edge: number[];
}

/** Index of the first sample at or after `timeSec` in a time column that never decreases. */
function lowerBound(times: Float64Array, n: number, timeSec: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < timeSec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The time-sequence graph's points: the samples of `source` with fromSec <= t <= toSec where the
 * TCP columns hold numbers (another strategy's stretch reads NaN), at most `maxPoints` of them
 * (every k-th sample, the last one always kept). SND.UNA and SND.NXT never decrease, so thinning
 * keeps their shape; each point is a sample, exactly.
 */
export function timeSequenceData(source: SampleSource, fromSec: number, toSec: number, maxPoints = 1200): TimeSequence {
  const out: TimeSequence = { timeSec: [], una: [], nxt: [], edge: [] };
  const n = source.length;
  if (n === 0) return out;
  const times = source.column("timeSec");
  const una = source.column("tcpSndUna");
  const nxt = source.column("tcpSndNxt");
  const wnd = source.column("tcpWindowBytes");
  const first = lowerBound(times, n, fromSec);
  const end = lowerBound(times, n, toSec + 1e-9);
  const count = end - first;
  if (count <= 0) return out;
  const step = Math.max(1, Math.ceil(count / Math.max(2, maxPoints)));
  for (let i = first; i < end; i += step) push(i);
  if ((end - 1 - first) % step !== 0) push(end - 1);
  return out;

  function push(i: number): void {
    if (Number.isNaN(una[i]) || Number.isNaN(nxt[i]) || Number.isNaN(wnd[i])) return;
    out.timeSec.push(times[i]);
    out.una.push(una[i]);
    out.nxt.push(nxt[i]);
    out.edge.push(una[i] + wnd[i]);
  }
}

/** The connection at one sample, as the view's caption and text tell it. */
export interface TcpFacts {
  timeSec: number;
  una: number;
  nxt: number;
  windowBytes: number;
  /** SND.UNA + SND.WND. */
  edge: number;
  /** SND.NXT - SND.UNA: sent, not yet acknowledged. */
  inFlightBytes: number;
  /** Right edge - SND.NXT: what the sender may still send before it must wait. */
  usableBytes: number;
}

/** The facts at sample `index` of `series`; null outside the samples or where TCP is not in force. */
export function tcpFactsAt(series: SampleSource, index: number): TcpFacts | null {
  const at = (name: SampleColumn) => valueAt(series, name, index);
  const una = at("tcpSndUna");
  const nxt = at("tcpSndNxt");
  const windowBytes = at("tcpWindowBytes");
  if (![una, nxt, windowBytes].every(Number.isFinite)) return null;
  const edge = una + windowBytes;
  return {
    timeSec: at("timeSec"),
    una,
    nxt,
    windowBytes,
    edge,
    inFlightBytes: nxt - una,
    usableBytes: Math.max(0, edge - nxt),
  };
}

/** The time-sequence graph's text alternative: the moment's figures in a sentence. */
export function tcpFactsText(f: TcpFacts): string {
  const state =
    f.windowBytes === 0
      ? "The window is closed (zero window): the sender may send nothing new until the receiver reopens it."
      : f.usableBytes === 0
        ? "The sender has sent up to the window's edge and waits for ACKs."
        : `The sender may still send ${formatBinaryBytes(f.usableBytes)} before it reaches the edge.`;
  return (
    `Time-sequence graph at ${formatDuration(f.timeSec)}: acknowledged up to ${formatBytes(f.una)} of the stream (SND.UNA), ` +
    `sent up to ${formatBytes(f.nxt)} (SND.NXT, ${formatBinaryBytes(f.inFlightBytes)} in flight), ` +
    `window ${formatBinaryBytes(f.windowBytes)}, so its right edge is at ${formatBytes(f.edge)}. ${state}`
  );
}

/** A ladder in counts, for its text alternative and caption. */
export interface LadderSummary {
  segments: number;
  acks: number;
  zeroWindowAcks: number;
  windowUpdates: number;
  probes: number;
  /** Each probe's wait before the next one, s, in order (the persist timer's backoff). */
  probeWaitsSec: number[];
  /** Records in the span, drawn or not. */
  total: number;
  /** Records drawn (the first ones). */
  drawn: number;
  /** Departure of the last record drawn, s (the span's start when none). */
  lastDrawnSec: number;
}

/** Counts the records of a ladder. */
export function summarizeLadder(l: LadderTrace): LadderSummary {
  const s: LadderSummary = {
    segments: 0,
    acks: 0,
    zeroWindowAcks: 0,
    windowUpdates: 0,
    probes: 0,
    probeWaitsSec: [],
    total: l.total,
    drawn: l.count,
    lastDrawnSec: l.count > 0 ? l.sentSec[l.count - 1] : l.fromSec,
  };
  for (let i = 0; i < l.count; i++) {
    switch (l.kind[i]) {
      case LADDER_SEGMENT:
        s.segments++;
        break;
      case LADDER_ACK:
        s.acks++;
        if (l.windowBytes[i] === 0) s.zeroWindowAcks++;
        break;
      case LADDER_WINDOW_UPDATE:
        s.windowUpdates++;
        break;
      case LADDER_PROBE:
        s.probes++;
        s.probeWaitsSec.push(l.nextProbeSec[i]);
        break;
      default:
        break;
    }
  }
  return s;
}

/** The ladder's text alternative: what crossed the wire in the span, in a sentence or two. */
export function ladderText(l: LadderTrace): string {
  const s = summarizeLadder(l);
  const span = `from ${formatDuration(l.fromSec)} to ${formatDuration(l.toSec)}`;
  if (s.total === 0) return `Segment ladder ${span}: nothing was sent in this span.`;
  const parts = [
    `${formatCount(s.segments)} data segments`,
    `${formatCount(s.acks)} ACKs${s.zeroWindowAcks > 0 ? ` (${formatCount(s.zeroWindowAcks)} advertising a zero window)` : ""}`,
  ];
  if (s.windowUpdates > 0) parts.push(`${formatCount(s.windowUpdates)} window updates`);
  if (s.probes > 0) {
    const waits = s.probeWaitsSec.slice(0, 6).map(formatDuration).join(", ");
    parts.push(
      `${formatCount(s.probes)} zero-window probes (each followed by a wait of ${waits}${s.probes > 6 ? ", ..." : ""})`,
    );
  }
  const cut =
    s.drawn < s.total
      ? ` Only the first ${formatCount(s.drawn)} of ${formatCount(s.total)} are drawn, up to ${formatDuration(s.lastDrawnSec)}; zoom in further to see the rest.`
      : "";
  return `Segment ladder ${span}: ${parts.join(", ")}.${cut}`;
}
