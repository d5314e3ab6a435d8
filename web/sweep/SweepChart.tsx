/**
 * One figure of a sweep against the swept parameter, one line per strategy (SVG: at most 100
 * points a line, 8 lines). Each line has its own colour, dash and marker shape, and a legend
 * names them, so colour is never the only cue. A point is a button for the pointer: clicking it
 * opens that run (the results table below offers the same from the keyboard).
 */
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import { memo, useEffect, useRef, useState } from "react";
import type { ParamKey } from "../../src-sim/scenario/params";
import type { Scale } from "../../src-sim/scenario/params";
import type { FigureName } from "../../src-sim/sweep/figures";
import type { SweepRow } from "../../src-sim/sweep/run";
import { figureSpec, formatFigure, formatSwept } from "./sweepFormat";
import { lineId, type SweepLine } from "./sweepLines";

/** Props of {@link SweepChart}. */
export interface SweepChartProps {
  figure: FigureName;
  sweptKey: ParamKey;
  sweptLabel: string;
  scale: Scale;
  /** The swept range (the axis spans it even before every point has run). */
  fromValue: number;
  toValue: number;
  lines: readonly SweepLine[];
  rows: readonly SweepRow[];
  /** Opens the run of one point. */
  onOpen(row: SweepRow): void;
}

const HEIGHT_PX = 220;
const MARGIN = { top: 12, right: 30, bottom: 40, left: 64 };
const DASHES = ["", "6 3", "2 3", "10 3 2 3", "", "6 3", "2 3", "10 3 2 3"];

/** A marker shape per line: circle, square, triangle, diamond, repeated. */
function markerPath(index: number, x: number, y: number): string {
  const r = 3.5;
  switch (index % 4) {
    case 1:
      return `M${x - r},${y - r}h${2 * r}v${2 * r}h${-2 * r}z`;
    case 2:
      return `M${x},${y - r - 1}L${x + r + 0.5},${y + r}L${x - r - 0.5},${y + r}z`;
    case 3:
      return `M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}z`;
    default:
      return `M${x - r},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
}

/** The unit a duration axis ticks in, s: hours, minutes or seconds, by the largest value. */
export function durationTickUnit(maxSec: number): number {
  return maxSec >= 3 * 3600 ? 3600 : maxSec >= 180 ? 60 : 1;
}

/** The CSS colour of the line of the `index`-th strategy (both themes: web/styles.css). */
export function seriesColor(index: number): string {
  return `var(--c-sweep-${(index % 8) + 1})`;
}

/** The legend's swatch for the `index`-th strategy: its dash and marker, in its colour. */
export function SeriesSwatch({ index }: { index: number }) {
  return (
    <svg width="28" height="12" aria-hidden="true" className="sweep-swatch">
      <line
        x1="0"
        x2="28"
        y1="6"
        y2="6"
        stroke={seriesColor(index)}
        strokeWidth="2"
        strokeDasharray={DASHES[index % 8]}
      />
      <path d={markerPath(index, 14, 6)} fill={seriesColor(index)} />
    </svg>
  );
}

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.floor(el.clientWidth)));
    measure();
    if (typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A figure of a sweep, drawn against the swept value (re-drawn only when its props change). */
export const SweepChart = memo(function SweepChart(props: SweepChartProps) {
  const { figure, sweptKey, scale, rows, lines } = props;
  const [ref, width] = useWidth();
  const spec = figureSpec(figure);
  const lo = Math.min(props.fromValue, props.toValue);
  const hi = Math.max(props.fromValue, props.toValue);
  const x =
    scale === "log" && lo > 0
      ? scaleLog()
          .domain([lo, hi])
          .range([MARGIN.left, width - MARGIN.right])
      : scaleLinear()
          .domain([lo, hi === lo ? lo + 1 : hi])
          .range([MARGIN.left, width - MARGIN.right]);
  const values = rows.map((r) => r.figures[figure]).filter((v): v is number => v !== null && Number.isFinite(v));
  const yMax = values.length > 0 ? Math.max(...values) : 1;
  const yMin = Math.min(0, ...values);
  // Durations tick in one unit, round in it (0, 10, 20 min rather than 0 s, 500 s, 17 min).
  const unitSec = spec.unit === "s" ? durationTickUnit(yMax) : 1;
  const scaled = scaleLinear()
    .domain([yMin / unitSec, (yMax > yMin ? yMax : yMin + 1) / unitSec])
    .nice(5);
  const y = scaleLinear()
    .domain(scaled.domain().map((d) => d * unitSec))
    .range([HEIGHT_PX - MARGIN.bottom, MARGIN.top]);
  const xTicks = scale === "log" ? x.ticks(width < 420 ? 3 : 6) : x.ticks(width < 420 ? 3 : 6);
  const shownXTicks =
    scale === "log" ? xTicks.filter((_, i, all) => all.length <= 8 || i % Math.ceil(all.length / 6) === 0) : xTicks;
  const yTicks = scaled.ticks(5).map((t) => t * unitSec);
  const label = `${spec.label} against ${props.sweptLabel}, one line each: ${lines.map((l) => l.label).join("; ")}`;

  return (
    <figure className="sweep-chart" ref={ref}>
      <figcaption className="sweep-chart-title">{spec.label}</figcaption>
      <svg width={width} height={HEIGHT_PX} role="img" aria-label={label}>
        <g className="sweep-grid">
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={MARGIN.left} x2={width - MARGIN.right} y1={y(t)} y2={y(t)} />
              <text x={MARGIN.left - 6} y={y(t)} dy="0.32em" textAnchor="end">
                {formatFigure(figure, t)}
              </text>
            </g>
          ))}
          {shownXTicks.map((t) => (
            <text key={`x${t}`} x={x(t)} y={HEIGHT_PX - MARGIN.bottom + 16} textAnchor="middle">
              {formatSwept(sweptKey, t)}
            </text>
          ))}
          <text
            x={(MARGIN.left + width - MARGIN.right) / 2}
            y={HEIGHT_PX - 6}
            textAnchor="middle"
            className="sweep-axis-name"
          >
            {props.sweptLabel}
          </text>
        </g>
        {lines.map((lineSpec, i) => {
          const mine = rows.filter((r) => lineId(r) === lineSpec.id);
          const path = line<SweepRow>()
            .defined((r) => r.figures[figure] !== null)
            .x((r) => x(r.value))
            .y((r) => y(r.figures[figure] as number))(mine);
          return (
            <g key={lineSpec.id} className="sweep-series">
              {path && (
                <path d={path} fill="none" stroke={seriesColor(i)} strokeWidth="2" strokeDasharray={DASHES[i % 8]} />
              )}
              {mine
                .filter((r) => r.figures[figure] !== null)
                .map((r) => (
                  <path
                    key={r.index}
                    className="sweep-point"
                    d={markerPath(i, x(r.value), y(r.figures[figure] as number))}
                    fill={seriesColor(i)}
                    onClick={() => props.onOpen(r)}
                  >
                    <title>{`${lineSpec.label} at ${formatSwept(sweptKey, r.value)}: ${formatFigure(figure, r.figures[figure])} (click to open this run)`}</title>
                  </path>
                ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
});
