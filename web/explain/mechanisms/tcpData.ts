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

/** A time inside a span `spanSec` long, with the decimals that tell its instants apart: "12.345 s". */
export function spanClock(sec: number, spanSec: number): string {
  const decimals = Math.max(1, Math.min(6, 2 - Math.floor(Math.log10(Math.max(spanSec, 1e-6)))));
  return `${sec.toFixed(decimals)} s`;
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
  const width = l.toSec - l.fromSec;
  const span = `from ${spanClock(l.fromSec, width)} to ${spanClock(l.toSec, width)}`;
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
      ? ` Only the first ${formatCount(s.drawn)} of ${formatCount(s.total)} are drawn, up to ${spanClock(s.lastDrawnSec, width)}; zoom in further to see the rest.`
      : "";
  return `Segment ladder ${span}: ${parts.join(", ")}.${cut}`;
}

/** A stretch of the ladder's time axis: drawn to scale (busy), or elided to a fixed height (idle). */
export interface LadderPiece {
  fromSec: number;
  toSec: number;
  y0: number;
  y1: number;
  /** An idle stretch drawn shorter than its time: the picture says how long it was. */
  elided: boolean;
}

/** The ladder's vertical layout: time maps to y piece by piece. */
export interface LadderLayout {
  heightPx: number;
  pieces: LadderPiece[];
  /** y of an instant (clamped to the axis; inside an elided gap, in proportion). */
  y(timeSec: number): number;
}

/** Height an elided idle stretch takes, px. */
export const LADDER_GAP_PX = 18;

/**
 * Lays out the ladder's time axis from `fromSec`: stretches with something on the wire are drawn
 * to scale, idle stretches longer than a few flight times (a zero-window stall between probes)
 * are cut to {@link LADDER_GAP_PX}, so a span of seconds with a few 10 ms exchanges still shows
 * each arrow's slope, and the persist timer's growing waits are read from the gaps' labels.
 * Heights: each busy stretch gets at least `minBusyPx`; the whole is between `minPx` and `maxPx`.
 */
export function ladderLayout(
  l: LadderTrace,
  topPx: number,
  options: { minPx?: number; maxPx?: number; minBusyPx?: number } = {},
): LadderLayout {
  const { minPx = 300, maxPx = 480, minBusyPx = 30 } = options;
  const n = l.count;
  // The axis runs to the last arrival of what is drawn (and to the span's end unless the ladder
  // was cut short: its last departures then end the span drawn).
  let endSec = n < l.total && n > 0 ? l.sentSec[n - 1] : l.toSec;
  const flights: number[] = [];
  for (let i = 0; i < n; i++) {
    flights.push(l.arrivesSec[i] - l.sentSec[i]);
    if (l.arrivesSec[i] > endSec) endSec = l.arrivesSec[i];
  }
  flights.sort((a, b) => a - b);
  const flight = flights.length > 0 ? flights[flights.length >> 1] : 0;
  const span = Math.max(endSec - l.fromSec, 1e-9);
  // An idle stretch is cut when it is longer than four flights and a twentieth of the span.
  const minIdle = Math.max(4 * flight, span / 20);
  // Busy stretches: each record's time on the wire, merged where they touch.
  const busy: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = l.sentSec[i];
    const b = Math.min(l.arrivesSec[i], endSec);
    const last = busy[busy.length - 1];
    if (last && a <= last[1] + minIdle) last[1] = Math.max(last[1], b);
    else busy.push([a, Math.max(a, b)]);
  }
  // Pieces in time order, idle ones between (and around) the busy ones.
  const raw: { fromSec: number; toSec: number; elided: boolean }[] = [];
  const busyTo = (from: number, to: number) => {
    const last = raw[raw.length - 1];
    if (last && !last.elided) last.toSec = Math.max(last.toSec, to);
    else raw.push({ fromSec: from, toSec: Math.max(from, to), elided: false });
  };
  let t = l.fromSec;
  for (const [a, b] of busy) {
    if (a - t > minIdle) {
      raw.push({ fromSec: t, toSec: a, elided: true });
      busyTo(a, b);
    } else {
      busyTo(t, b);
    }
    t = Math.max(t, b);
  }
  if (endSec - t > minIdle) raw.push({ fromSec: t, toSec: endSec, elided: true });
  else busyTo(t, endSec);

  const busyPieces = raw.filter((p) => !p.elided);
  const gaps = raw.length - busyPieces.length;
  const heightPx = Math.min(maxPx, Math.max(minPx, topPx + gaps * LADDER_GAP_PX + busyPieces.length * minBusyPx * 2));
  const room = Math.max(busyPieces.length, heightPx - topPx - 8 - gaps * LADDER_GAP_PX);
  const busyTime = busyPieces.reduce((s, p) => s + (p.toSec - p.fromSec), 0);
  const floor = Math.min(minBusyPx, room / Math.max(1, busyPieces.length));
  const spare = Math.max(0, room - floor * busyPieces.length);
  const pieces: LadderPiece[] = [];
  let y = topPx;
  for (const p of raw) {
    const h = p.elided
      ? LADDER_GAP_PX
      : floor + (busyTime > 0 ? (spare * (p.toSec - p.fromSec)) / busyTime : spare / busyPieces.length);
    pieces.push({ ...p, y0: y, y1: y + h });
    y += h;
  }
  const yOf = (timeSec: number): number => {
    if (!(timeSec > pieces[0].fromSec)) return pieces[0].y0;
    for (const p of pieces) {
      if (timeSec <= p.toSec) {
        const d = p.toSec - p.fromSec;
        return d > 0 ? p.y0 + ((timeSec - p.fromSec) / d) * (p.y1 - p.y0) : p.y0;
      }
    }
    return pieces[pieces.length - 1].y1;
  };
  return { heightPx: y + 8, pieces, y: yOf };
}
