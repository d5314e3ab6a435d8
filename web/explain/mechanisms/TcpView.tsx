/**
 * TCP's mechanism view (issue 15, item 2): the time-sequence graph as tcptrace and Wireshark draw
 * it (SND.UNA, SND.NXT and the window's right edge over the charts' time window, the zoom's fine
 * samples when zoomed) with a cursor at the moment shown, and below it the ladder of segments and
 * ACKs of a zoomed span (TcpLadder.tsx). Drawn with D3 scales into SVG from the samples, in the
 * theme's colours; each picture is named by its facts in a sentence (tcpData.ts).
 */
import { area, line } from "d3-shape";
import { scaleLinear } from "d3-scale";
import { useStore } from "zustand";
import { formatBinaryBytes, formatBytes } from "../../format/numbers";
import { useApp, useRuntime } from "../../components/context";
import { xTicks } from "../../charts/timeAxis";
import { linearTicks } from "../../charts/valueTicks";
import { tcpFactsAt, tcpFactsText, timeSequenceData } from "./tcpData";
import { TcpLadder } from "./TcpLadder";
import { useWidth } from "./useWidth";
import "./mechanisms.css";

const HEIGHT_PX = 230;
const M = { top: 10, right: 12, bottom: 24, left: 64 };

/** The time-sequence graph and the ladder, for the moment and the zoom shown. */
export function TcpView() {
  const moment = useApp((s) => s.moment);
  const duration = useApp((s) => s.scenario.duration);
  const rt = useRuntime();
  const zoomWindow = useStore(rt.zoom, (s) => s.window);
  const fine = useStore(rt.zoom, (s) => s.fine);
  const [ref, width] = useWidth<HTMLDivElement>();

  const facts = moment ? tcpFactsAt(rt.series, moment.index) : null;
  const fromSec = zoomWindow?.fromSec ?? 0;
  const toSec = zoomWindow?.toSec ?? duration;
  // Zoomed: the window's fine samples once they arrived (the run's own samples until then).
  const source = zoomWindow && fine ? fine : rt.series;
  const plotW = Math.max(10, width - M.left - M.right);
  const seq = timeSequenceData(source, fromSec, toSec, Math.ceil(plotW));

  const x = scaleLinear()
    .domain([fromSec, toSec])
    .range([M.left, M.left + plotW]);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < seq.timeSec.length; i++) {
    if (seq.una[i] < lo) lo = seq.una[i];
    if (seq.edge[i] > hi) hi = seq.edge[i];
  }
  if (!(hi > lo)) [lo, hi] = [Number.isFinite(lo) ? lo : 0, (Number.isFinite(lo) ? lo : 0) + 1];
  const y = scaleLinear()
    .domain([lo, hi])
    .range([HEIGHT_PX - M.bottom, M.top]);
  const idx = seq.timeSec.map((_, i) => i);
  const pathOf = (values: number[]) =>
    line<number>()
      .x((i) => x(seq.timeSec[i]))
      .y((i) => y(values[i]))(idx) ?? "";
  const band = (low: number[], high: number[]) =>
    area<number>()
      .x((i) => x(seq.timeSec[i]))
      .y0((i) => y(low[i]))
      .y1((i) => y(high[i]))(idx) ?? "";
  const yTicks = linearTicks(lo, hi, Math.max(2, Math.floor((HEIGHT_PX - M.top - M.bottom) / 40)));
  const ticks = xTicks(x, width);
  const cursorSec = facts && facts.timeSec >= fromSec && facts.timeSec <= toSec ? facts.timeSec : null;
  const label = facts ? tcpFactsText(facts) : "Time-sequence graph: no TCP samples at the moment shown.";

  return (
    <div className="mech-tcp">
      <h3 className="mech-title">TCP: time-sequence graph</h3>
      <div ref={ref} className="mech-plot">
        <svg
          role="img"
          aria-label={label}
          width={width}
          height={HEIGHT_PX}
          className="mech-svg"
          data-testid="tcp-time-sequence"
          data-points={seq.timeSec.length}
          data-sample={moment?.index}
        >
          <g className="mech-grid" aria-hidden="true">
            {yTicks.map((v) => (
              <g key={v} transform={`translate(0,${y(v)})`}>
                <line x1={M.left} x2={M.left + plotW} />
                <text x={M.left - 6} dy="0.32em" textAnchor="end">
                  {formatBytes(v)}
                </text>
              </g>
            ))}
            {ticks.values.map((t) => (
              <text
                key={t}
                x={x(t)}
                y={HEIGHT_PX - 6}
                textAnchor={x(t) > width - 30 ? "end" : x(t) < M.left + 20 ? "start" : "middle"}
              >
                {ticks.format(t)}
              </text>
            ))}
          </g>
          <path className="mech-tcp-inflight" d={band(seq.una, seq.nxt)} />
          <path className="mech-tcp-usable" d={band(seq.nxt, seq.edge)} />
          <path className="mech-tcp-una" d={pathOf(seq.una)} />
          <path className="mech-tcp-nxt" d={pathOf(seq.nxt)} />
          <path className="mech-tcp-edge" d={pathOf(seq.edge)} />
          {cursorSec !== null && facts && (
            <g className="mech-cursor">
              <line x1={x(cursorSec)} x2={x(cursorSec)} y1={M.top} y2={HEIGHT_PX - M.bottom} />
              <circle className="mech-tcp-edge-dot" cx={x(cursorSec)} cy={y(facts.edge)} r={3.5} />
              <circle className="mech-tcp-nxt-dot" cx={x(cursorSec)} cy={y(facts.nxt)} r={3.5} />
              <circle className="mech-tcp-una-dot" cx={x(cursorSec)} cy={y(facts.una)} r={3.5} />
            </g>
          )}
        </svg>
      </div>
      {facts && (
        <ul className="mech-legend" aria-hidden="true">
          <li>
            <span className="mech-swatch mech-tcp-una-swatch" />
            SND.UNA, acknowledged <strong data-fact="una">{formatBytes(facts.una)}</strong>
          </li>
          <li>
            <span className="mech-swatch mech-tcp-nxt-swatch" />
            SND.NXT, sent <strong data-fact="nxt">{formatBytes(facts.nxt)}</strong>
          </li>
          <li>
            <span className="mech-swatch mech-tcp-edge-swatch" />
            right edge, SND.UNA + window <strong data-fact="edge">{formatBytes(facts.edge)}</strong> (window{" "}
            <span data-fact="window">{formatBinaryBytes(facts.windowBytes)}</span>)
          </li>
        </ul>
      )}
      <p className="mech-note">
        The shaded band between SND.UNA and SND.NXT is in flight; the band above it is what the window still lets the
        sender send. The slope is the throughput; where all three lines run flat together, the window is closed.
      </p>
      <TcpLadder />
    </div>
  );
}
