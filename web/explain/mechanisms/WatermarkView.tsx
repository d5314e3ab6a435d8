/**
 * The watermark view (issue 15, item 2): the queue's depth inside the LOW-HIGH band with the
 * capacity above it, a tick for every pause and resume the consumer sent, how far the depth went
 * past the marks while a signal travelled, and the cycle's period measured beside theory's. It
 * shows the window the charts show (their zoom) with a cursor at the moment shown.
 */
import { formatClock, formatCount } from "../../format/numbers";
import { useApp } from "../../components/context";
import { FactList, PLOT_MARGIN, bandPath, linear, ticksPath, tracePath, useViewWindow, useWidth } from "./plotKit";
import { watermarkFacts, watermarkFigures, watermarkText } from "./watermarkFacts";

/** Height of the plot with its margins, px. */
const HEIGHT_PX = 170;
/** Height of the two rows of signal ticks above the plot (pauses, then resumes), px. */
const TICK_PX = 14;

/** The watermark view of the moment shown. */
export function WatermarkView() {
  const scenario = useApp((s) => s.scenario);
  const moment = useApp((s) => s.moment);
  const w = useViewWindow();
  const [ref, width] = useWidth();
  if (!w || !moment) return <div className="mech" aria-busy="true" />;
  const f = watermarkFacts(w, scenario, moment.timeSec);
  const top = Math.max(f.capacity, Number.isNaN(f.peak) ? 0 : f.peak, ...f.depth.max.filter(Number.isFinite)) * 1.05;
  const x = linear(f.fromSec, f.toSec, PLOT_MARGIN.left, width - PLOT_MARGIN.right);
  const y = linear(0, top || 1, HEIGHT_PX - PLOT_MARGIN.bottom, PLOT_MARGIN.top + TICK_PX);
  const x0 = PLOT_MARGIN.left;
  const x1 = width - PLOT_MARGIN.right;
  const cursor = Math.round(x(Math.min(f.toSec, Math.max(f.fromSec, f.momentSec)))) + 0.5;
  const lines: Array<{ v: number; cls: string; label: string }> = [
    { v: f.capacity, cls: "mech-cap", label: `capacity ${formatCount(f.capacity)}` },
    { v: f.high, cls: "mech-high", label: `HIGH ${formatCount(f.high)}` },
    { v: f.low, cls: "mech-low", label: `LOW ${formatCount(f.low)}` },
  ];
  return (
    <div className="mech" data-view="watermark">
      <figure ref={ref} className="mech-figure" role="img" aria-label={watermarkText(f)} data-time={f.momentSec}>
        <div className="mech-head">
          <span className="mech-title">Watermark band</span>
          <span className="mech-key mech-key-depth">depth</span>
          <span className="mech-key mech-key-pause">pause sent</span>
          <span className="mech-key mech-key-resume">resume sent</span>
          <span className="mech-key mech-key-cursor">{formatClock(f.momentSec)}</span>
        </div>
        <svg width={width} height={HEIGHT_PX} aria-hidden="true" focusable="false">
          {/* The band between the marks, under everything. */}
          <rect className="mech-band" x={x0} width={x1 - x0} y={y(f.high)} height={Math.max(0, y(f.low) - y(f.high))} />
          <path className="mech-depth-band" d={bandPath(f.depth, x, y)} />
          <path className="mech-depth" d={tracePath(f.depth, x, y)} />
          {lines.map((l) => (
            <g key={l.cls} className={`mech-ref ${l.cls}`}>
              <line x1={x0} x2={x1} y1={Math.round(y(l.v)) + 0.5} y2={Math.round(y(l.v)) + 0.5} />
              <text x={x0 - 4} y={y(l.v) + 4} textAnchor="end">
                {formatCount(l.v)}
              </text>
            </g>
          ))}
          <path
            className="mech-tick-pause"
            d={ticksPath(
              f.pauses.map((e) => e.timeSec),
              x,
              PLOT_MARGIN.top - 6,
              PLOT_MARGIN.top,
            )}
          />
          <path
            className="mech-tick-resume"
            d={ticksPath(
              f.resumes.map((e) => e.timeSec),
              x,
              PLOT_MARGIN.top + 1,
              PLOT_MARGIN.top + 7,
            )}
          />
          <line
            className="mech-cursor"
            x1={cursor}
            x2={cursor}
            y1={PLOT_MARGIN.top - 4}
            y2={HEIGHT_PX - PLOT_MARGIN.bottom}
          />
          <text className="mech-axis" x={x0} y={HEIGHT_PX - 4}>
            {formatClock(f.fromSec)}
          </text>
          <text className="mech-axis" x={x1} y={HEIGHT_PX - 4} textAnchor="end">
            {formatClock(f.toSec)}
          </text>
        </svg>
      </figure>
      <FactList rows={watermarkFigures(f)} />
    </div>
  );
}
