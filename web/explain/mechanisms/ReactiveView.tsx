/**
 * The Reactive Streams view (issue 15, item 2): the subscriber's outstanding demand against the
 * items it has been delivered and not yet processed, a tick for every request(n), and, for a hot
 * publisher, the overflow buffer on a strip of its own (it can grow to millions while demand
 * stays within the prefetch). It shows the window the charts show, with a cursor at the moment.
 */
import { formatClock, formatCount } from "../../format/numbers";
import { useApp } from "../../components/context";
import { FactList, PLOT_MARGIN, bandPath, linear, ticksPath, tracePath, useViewWindow, useWidth } from "./plotKit";
import { reactiveFacts, reactiveFigures, reactiveText } from "./reactiveFacts";

/** Height of the demand plot with its margins, px. */
const DEMAND_PX = 160;
/** Height of the overflow buffer's strip, px (hot publishers only). */
const BUFFER_PX = 64;
/** Height of the row of request ticks above the plot, px. */
const TICK_PX = 8;

/** The demand view of the moment shown. */
export function ReactiveView() {
  const scenario = useApp((s) => s.scenario);
  const moment = useApp((s) => s.moment);
  const w = useViewWindow();
  const [ref, width] = useWidth();
  if (!w || !moment) return <div className="mech" aria-busy="true" />;
  const f = reactiveFacts(w, scenario, moment.timeSec);
  const x0 = PLOT_MARGIN.left;
  const x1 = width - PLOT_MARGIN.right;
  const x = linear(f.fromSec, f.toSec, x0, x1);
  const finite = (v: number[]) => v.filter(Number.isFinite);
  const top = Math.max(f.prefetch, ...finite(f.demand.max), ...finite(f.delivered.max)) * 1.08;
  const bottom = DEMAND_PX - PLOT_MARGIN.bottom;
  const y = linear(0, top || 1, bottom, PLOT_MARGIN.top + TICK_PX);
  const height = DEMAND_PX + (f.hot ? BUFFER_PX : 0);
  const bufTop = Math.max(1, f.bufferMax) * 1.08;
  const yb = linear(0, bufTop, height - PLOT_MARGIN.bottom, DEMAND_PX + 6);
  const cursor = Math.round(x(Math.min(f.toSec, Math.max(f.fromSec, f.momentSec)))) + 0.5;
  const prefetchY = Math.round(y(f.prefetch)) + 0.5;
  return (
    <div className="mech" data-view="reactive">
      <figure ref={ref} className="mech-figure" role="img" aria-label={reactiveText(f)} data-time={f.momentSec}>
        <div className="mech-head">
          <span className="mech-title">Demand</span>
          <span className="mech-key mech-key-demand">outstanding demand</span>
          <span className="mech-key mech-key-delivered">delivered, not processed</span>
          <span className="mech-key mech-key-request">request(n)</span>
          {f.hot && <span className="mech-key mech-key-buffer">overflow buffer</span>}
          <span className="mech-key mech-key-cursor">{formatClock(f.momentSec)}</span>
        </div>
        <svg width={width} height={height} aria-hidden="true" focusable="false">
          <g className="mech-ref mech-cap">
            <line x1={x0} x2={x1} y1={prefetchY} y2={prefetchY} />
            <text x={x0 - 4} y={prefetchY + 4} textAnchor="end">
              {formatCount(f.prefetch)}
            </text>
          </g>
          <g className="mech-ref mech-zero">
            <line x1={x0} x2={x1} y1={bottom + 0.5} y2={bottom + 0.5} />
            <text x={x0 - 4} y={bottom + 4} textAnchor="end">
              0
            </text>
          </g>
          <path className="mech-demand-band" d={bandPath(f.demand, x, y)} />
          <path className="mech-delivered" d={tracePath(f.delivered, x, y)} />
          <path className="mech-demand" d={tracePath(f.demand, x, y)} />
          <path
            className="mech-tick-request"
            d={ticksPath(
              f.requests.map((e) => e.timeSec),
              x,
              PLOT_MARGIN.top - 4,
              PLOT_MARGIN.top + TICK_PX - 2,
            )}
          />
          {f.hot && (
            <g>
              <path className="mech-buffer-band" d={bandPath(f.buffer, x, yb)} />
              <path className="mech-buffer" d={tracePath(f.buffer, x, yb)} />
              <text className="mech-axis" x={x0 - 4} y={DEMAND_PX + 16} textAnchor="end">
                {formatCount(bufTop / 1.08)}
              </text>
            </g>
          )}
          <line
            className="mech-cursor"
            x1={cursor}
            x2={cursor}
            y1={PLOT_MARGIN.top - 4}
            y2={height - PLOT_MARGIN.bottom}
          />
          <text className="mech-axis" x={x0} y={height - 4}>
            {formatClock(f.fromSec)}
          </text>
          <text className="mech-axis" x={x1} y={height - 4} textAnchor="end">
            {formatClock(f.toSec)}
          </text>
        </svg>
      </figure>
      <FactList rows={reactiveFigures(f)} />
    </div>
  );
}
