/**
 * The ladder diagram of a zoomed span under TCP: the sender on the left, the receiver on the
 * right, time running down; each data segment an arrow to the right, each ACK an arrow back with
 * the window it advertises (a zero window in the alarm colour, a window update in its own), each
 * zero-window probe dashed with the persist timer's wait before the next one, so the backoff
 * doubling is read off the picture. The records come with the zoom's fine samples: the worker's
 * replay of the span recorded them (src-sim/models/tcp/ladder.ts; the first few hundred sent in
 * the span). Not zoomed, the view offers to zoom the charts to a span that holds about that many.
 */
import { useStore } from "zustand";
import {
  LADDER_ACK,
  LADDER_PROBE,
  LADDER_SEGMENT,
  LADDER_WINDOW_UPDATE,
  MAX_LADDER_RECORDS,
  type LadderTrace,
} from "../../../src-sim/models/tcp/ladder";
import { valueAt } from "../../runtime/moment";
import { clampWindow, type ZoomWindow } from "../../runtime/zoomStore";
import { formatBinaryBytes, formatClock, formatCount, formatDuration } from "../../format/numbers";
import { plotSamples } from "../../charts/useZoomGestures";
import { windowText } from "../../components/ZoomBar";
import { useApp, useAppStore, useRuntime } from "../../components/context";
import { ladderLayout, ladderText, spanClock, summarizeLadder } from "./tcpData";
import { useWidth } from "./useWidth";

const TOP_PX = 26;
/** Room beside each side's line for labels, px. */
const SIDE_PX = 96;
/** Least vertical gap between two labels on one side, px. */
const LABEL_GAP_PX = 13;

/** The longest span the "show the ladder" button opens, s (long enough for a few persist backoffs). */
const LONGEST_SPAN_SEC = 5;

/**
 * The span the button opens at the moment shown: about as long as the connection takes to send
 * {@link MAX_LADDER_RECORDS} records at its rate in the last sample interval (a segment per MSS
 * and an ACK for every second one), so that the ladder draws all of it; at least 2 ms, at most
 * {@link LONGEST_SPAN_SEC} (a stalled connection: the persist timer's probes then fill it). A
 * fast connection's span is shorter than a round trip: its ACKs answer segments sent before the
 * span began. (A floor of two round trips held 2,100 records at 50 MB/s, of which the ladder
 * drew the first 240, 5 ms of a 40 ms span.)
 */
export function ladderSpanSec(bytesPerSec: number, mss: number): number {
  const recordsPerSec = (1.5 * Math.max(0, bytesPerSec)) / mss;
  const span = recordsPerSec > 0 ? MAX_LADDER_RECORDS / recordsPerSec : LONGEST_SPAN_SEC;
  return Math.min(LONGEST_SPAN_SEC, Math.max(span, 0.002));
}

const KIND_CLASS: Record<number, string> = {
  [LADDER_SEGMENT]: "seg",
  [LADDER_ACK]: "ack",
  [LADDER_WINDOW_UPDATE]: "upd",
  [LADDER_PROBE]: "probe",
};

/** The ladder of the zoomed span, or the offer to zoom to one. */
export function TcpLadder() {
  const rt = useRuntime();
  const store = useAppStore();
  const moment = useApp((s) => s.moment);
  const zoomWindow = useStore(rt.zoom, (s) => s.window);
  const fine = useStore(rt.zoom, (s) => s.fine);
  const ladder = zoomWindow && fine ? fine.ladder : null;

  const showAtMoment = () => {
    const s = store.getState();
    const i = s.moment?.index ?? -1;
    const interval = rt.series.sampleIntervalSec;
    const rate =
      i > 0
        ? (valueAt(rt.series, "tcpSndNxt", i) - valueAt(rt.series, "tcpSndNxt", i - 1)) / interval
        : s.scenario.consumer * s.scenario.eventBytes;
    const span = ladderSpanSec(Number.isFinite(rate) ? rate : 0, s.scenario.mss);
    const t = s.timeSec;
    const w: ZoomWindow | null = clampWindow(t, t + span, s.scenario.duration);
    rt.requestZoom(w, plotSamples(document.querySelector<HTMLElement>(".chart .plot")));
  };

  return (
    <div className="mech-ladder">
      <h3 className="mech-title">TCP: segments and ACKs</h3>
      {!zoomWindow ? (
        <p className="mech-note">
          The ladder draws each segment, ACK and probe of a short span, with the window each ACK carries. Zoom the
          charts to a span, or{" "}
          <button type="button" className="mech-button" onClick={showAtMoment}>
            Show the ladder from {formatClock(moment?.timeSec ?? 0)}
          </button>
        </p>
      ) : !fine ? (
        <p className="mech-note" aria-live="polite">
          Reading the segments of {windowText(zoomWindow)}…
        </p>
      ) : ladder ? (
        <LadderPicture ladder={ladder} momentSec={moment?.timeSec ?? NaN} />
      ) : null}
    </div>
  );
}

function LadderPicture({ ladder, momentSec }: { ladder: LadderTrace; momentSec: number }) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const summary = summarizeLadder(ladder);
  const cut = summary.drawn < summary.total;
  const fromSec = ladder.fromSec;
  const clock = (t: number) => spanClock(t, ladder.toSec - fromSec);
  const layout = ladderLayout(ladder, TOP_PX);
  const heightPx = layout.heightPx;
  const y = layout.y;
  const endSec = layout.pieces[layout.pieces.length - 1].toSec;
  const sideW = Math.min(SIDE_PX, Math.max(64, width / 4));
  const senderX = sideW;
  const receiverX = Math.max(senderX + 40, width - sideW);
  const lastLabelY = { left: -Infinity, right: -Infinity };
  const items = [];
  for (let i = 0; i < ladder.count; i++) {
    const kind = ladder.kind[i];
    const fromRight = kind === LADDER_ACK || kind === LADDER_WINDOW_UPDATE;
    const x1 = fromRight ? receiverX : senderX;
    const x2 = fromRight ? senderX : receiverX;
    const y1 = y(ladder.sentSec[i]);
    const y2 = y(ladder.arrivesSec[i]);
    const zero = fromRight && ladder.windowBytes[i] === 0;
    const key = zero ? "zero" : KIND_CLASS[kind];
    let label: string | null = null;
    if (fromRight) label = zero ? "win 0" : `win ${formatBinaryBytes(ladder.windowBytes[i])}`;
    else if (kind === LADDER_PROBE) label = `probe +${formatDuration(ladder.nextProbeSec[i])}`;
    const side = fromRight ? "right" : "left";
    // A label where it does not crowd the one above it on its side.
    const showLabel = label !== null && y1 - lastLabelY[side] >= LABEL_GAP_PX;
    if (showLabel) lastLabelY[side] = y1;
    items.push(
      <g key={i} className={`mech-ladder-${key}`}>
        <line x1={x1} y1={y1} x2={x2} y2={y2} markerEnd={`url(#mech-arrow-${key})`} />
        {showLabel && (
          <text x={fromRight ? receiverX + 5 : senderX - 5} y={y1} dy="0.32em" textAnchor={fromRight ? "start" : "end"}>
            {label}
          </text>
        )}
      </g>,
    );
  }
  const cursor = momentSec >= fromSec && momentSec <= endSec ? y(momentSec) : null;
  return (
    <>
      <div ref={ref} className="mech-plot">
        <svg
          role="img"
          aria-label={ladderText(ladder)}
          width={width}
          height={heightPx}
          className="mech-svg"
          data-testid="tcp-ladder"
          data-records={ladder.count}
        >
          <defs>
            {["seg", "ack", "upd", "probe", "zero"].map((k) => (
              <marker
                key={k}
                id={`mech-arrow-${k}`}
                className={`mech-ladder-${k}`}
                viewBox="0 0 8 8"
                refX="7"
                refY="4"
                markerWidth="6"
                markerHeight="6"
                orient="auto-start-reverse"
              >
                <path d="M0,0 L8,4 L0,8 z" />
              </marker>
            ))}
          </defs>
          <g className="mech-grid" aria-hidden="true">
            <text x={senderX} y={12} textAnchor="middle" className="mech-ladder-head">
              Sender
            </text>
            <text x={receiverX} y={12} textAnchor="middle" className="mech-ladder-head">
              Receiver
            </text>
            <text x={(senderX + receiverX) / 2} y={12} textAnchor="middle">
              {clock(fromSec)}
            </text>
            <line className="mech-ladder-side" x1={senderX} x2={senderX} y1={TOP_PX - 4} y2={heightPx - 8} />
            <line className="mech-ladder-side" x1={receiverX} x2={receiverX} y1={TOP_PX - 4} y2={heightPx - 8} />
            {layout.pieces
              .filter((p) => p.elided)
              .map((p) => (
                <g key={p.fromSec} className="mech-ladder-gap">
                  <rect x={senderX - 3} y={p.y0 + 2} width={receiverX - senderX + 6} height={p.y1 - p.y0 - 4} />
                  <text x={(senderX + receiverX) / 2} y={(p.y0 + p.y1) / 2} dy="0.32em" textAnchor="middle">
                    {`${formatDuration(p.toSec - p.fromSec)} idle, to ${clock(p.toSec)}`}
                  </text>
                </g>
              ))}
          </g>
          {items}
          {cut && (
            <g className="mech-ladder-cut">
              <line x1={senderX} x2={receiverX} y1={y(summary.lastDrawnSec)} y2={y(summary.lastDrawnSec)} />
              <text x={2} y={y(summary.lastDrawnSec) - 8} dy="0.32em">
                not drawn after
              </text>
            </g>
          )}
          {cursor !== null && (
            <g className="mech-cursor">
              <line x1={0} x2={width} y1={cursor} y2={cursor} />
            </g>
          )}
        </svg>
      </div>
      <p className="mech-note" data-testid="tcp-ladder-summary">
        {formatCount(summary.segments)} segments, {formatCount(summary.acks)} ACKs
        {summary.zeroWindowAcks > 0 && <> ({formatCount(summary.zeroWindowAcks)} with a zero window)</>}
        {summary.windowUpdates > 0 && <>, {formatCount(summary.windowUpdates)} window updates</>}
        {summary.probes > 0 && <>, {formatCount(summary.probes)} zero-window probes</>} from {clock(fromSec)}
        {cut ? (
          <>
            ; the first {formatCount(summary.drawn)} of {formatCount(summary.total)} are drawn, to{" "}
            {clock(summary.lastDrawnSec)}. Zoom in to see the rest.
          </>
        ) : (
          <> to {clock(ladder.toSec)}.</>
        )}
        {layout.pieces.some((p) => p.elided) && <> Idle stretches are cut short and labelled with their length.</>}
        {summary.probes > 0 && (
          <>
            {" "}
            &ldquo;probe +1.0 s&rdquo; is a zero-window probe and the persist timer&rsquo;s wait before the next one: it
            doubles while the window stays shut.
          </>
        )}
      </p>
    </>
  );
}
