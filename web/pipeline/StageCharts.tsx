/**
 * Each stage's queue depth over time (behind a Kafka topic: the topic's lag, the backlog that
 * waits on the broker, since the stage itself holds at most a poll), as small multiples sharing one time axis (the run's whole
 * duration, so a stall reaching a stage lines up with the one after it), with a strip under each
 * chart coloured by the stage's state (running, blocked, paused, down) and a cursor at the
 * moment. SVG, drawn from the page's samples, at most one point per pixel column.
 */
import { scaleLinear } from "d3-scale";
import { line } from "d3-shape";
import { useEffect, useRef, useState } from "react";
import { stageName, stageScenario } from "../../src-sim/scenario/pipeline";
import { formatClock, formatCount } from "../format/numbers";
import { stageStatusAt, type PipelineData, type StageStatus } from "./pipelineData";

const HEIGHT_PX = 86;
const STRIP_PX = 6;
const MARGIN = { left: 52, right: 12, top: 8, bottom: 4 };
const AXIS_PX = 22;

/** The width of an element, kept up to date. */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== "function") return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    observer.observe(el);
    setWidth(Math.max(200, el.clientWidth));
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** Runs of equal state, as [from index, to index, state]. */
function stateRuns(data: PipelineData, k: number): Array<[number, number, StageStatus]> {
  const out: Array<[number, number, StageStatus]> = [];
  const n = data.times.length;
  for (let i = 0; i < n; i++) {
    const s = stageStatusAt(data, k, i);
    const last = out[out.length - 1];
    if (last && last[2] === s) last[1] = i;
    else out.push([i, i, s]);
  }
  return out;
}

/** The charts. */
export function StageCharts({ data }: { data: PipelineData }) {
  const [ref, width] = useWidth();
  const duration = data.pipeline.shared.duration;
  const x = scaleLinear()
    .domain([0, duration])
    .range([MARGIN.left, width - MARGIN.right]);
  const n = data.times.length;
  const cursor = x(data.timeSec);
  const ticks = x.ticks(Math.max(2, Math.floor(width / 90)));
  return (
    <div className="pl-charts" ref={ref}>
      {data.pipeline.stages.map((spec, k) => {
        const sc = stageScenario(data.pipeline.shared, spec);
        const topic = sc.strategy === "kafka";
        const values = topic ? data.stages[k].lag : data.stages[k].queued;
        let peak = 0;
        for (let i = 0; i < n; i++) if (values[i] > peak) peak = values[i];
        const top = sc.strategy === "unbounded" || topic ? Math.max(1, peak) : Math.max(1, sc.capacity, peak);
        const y = scaleLinear()
          .domain([0, top])
          .range([HEIGHT_PX - MARGIN.bottom - STRIP_PX - 2, MARGIN.top]);
        // At most one point per pixel column: the deepest sample in it.
        const points: Array<[number, number]> = [];
        let col = -1;
        for (let i = 0; i < n; i++) {
          const px = Math.round(x(data.times[i]));
          if (px !== col) {
            points.push([px, values[i]]);
            col = px;
          } else if (values[i] > points[points.length - 1][1]) points[points.length - 1][1] = values[i];
        }
        const path = line<[number, number]>()
          .x((p) => p[0])
          .y((p) => y(p[1]))(points);
        const now = n > 0 ? values[n - 1] : 0;
        const blockedRuns = stateRuns(data, k);
        const firstBlocked = blockedRuns.find((r) => r[2] === "blocked");
        const firstDown = blockedRuns.find((r) => r[2] === "down");
        const label =
          (topic
            ? `${stageName(k)} topic lag over time: ${formatCount(now)} records at ${formatClock(data.timeSec)}, on the broker`
            : `${stageName(k)} queue depth over time: ${formatCount(now)} events at ${formatClock(data.timeSec)}` +
              (sc.strategy === "unbounded" ? ", no limit" : ` of ${formatCount(sc.capacity)}`)) +
          `, peak ${formatCount(peak)}` +
          (firstBlocked ? `; blocked from ${formatClock(data.times[firstBlocked[0]])}` : "") +
          (firstDown ? `; down from ${formatClock(data.times[firstDown[0]])}` : "") +
          ".";
        return (
          <figure className="pl-chart" key={k}>
            <figcaption>
              {stageName(k)} {topic ? "topic lag" : "queue"} <span className="pl-chart-now">{formatCount(now)}</span>
            </figcaption>
            <svg width={width} height={HEIGHT_PX} role="img" aria-label={label} data-stage={k + 1}>
              <line className="pl-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(0)} y2={y(0)} />
              <line className="pl-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={y(top)} y2={y(top)} />
              <text className="pl-tick" x={MARGIN.left - 6} y={y(top) + 4} textAnchor="end">
                {formatCount(top)}
              </text>
              <text className="pl-tick" x={MARGIN.left - 6} y={y(0) + 4} textAnchor="end">
                0
              </text>
              {path && <path className="pl-line" d={path} />}
              {blockedRuns
                .filter((r) => r[2] !== "running")
                .map(([from, to, s]) => (
                  <rect
                    key={from}
                    className={`pl-strip is-${s}`}
                    x={x(data.times[from])}
                    width={Math.max(1, x(data.times[to]) - x(data.times[from]))}
                    y={HEIGHT_PX - MARGIN.bottom - STRIP_PX}
                    height={STRIP_PX}
                  />
                ))}
              <line className="pl-cursor" x1={cursor} x2={cursor} y1={MARGIN.top} y2={HEIGHT_PX - MARGIN.bottom} />
            </svg>
          </figure>
        );
      })}
      <svg className="pl-axis" width={width} height={AXIS_PX} aria-hidden="true">
        <line className="pl-grid" x1={MARGIN.left} x2={width - MARGIN.right} y1={1} y2={1} />
        {ticks.map((t) => (
          <text key={t} className="pl-tick" x={x(t)} y={16} textAnchor="middle">
            {t} s
          </text>
        ))}
      </svg>
      <p className="pl-legend">
        Strip under each chart: <span className="pl-key is-blocked">blocked</span>{" "}
        <span className="pl-key is-paused">paused</span> <span className="pl-key is-down">down</span>; none while
        running.
      </p>
    </div>
  );
}
