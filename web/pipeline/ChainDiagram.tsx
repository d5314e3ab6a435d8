/**
 * The chain drawn from the source to the sink: a box per stage with its rate, its queue's fill
 * against its capacity, its memory against its limit and its state, coloured; between two boxes
 * an arrow for the flow, highlighted and pointing back while the stage after it holds the one
 * before (backpressure travelling upstream). One image for assistive technology, with a label
 * that names every stage and its state.
 */
import { stageName, stageScenario, type Pipeline } from "../../src-sim/scenario/pipeline";
import { formatBytes, formatCount, formatDuration, formatRate } from "../format/numbers";
import {
  hopReadout,
  projectedOomSec,
  sourceStatus,
  stageBound,
  stageStatus,
  type HopReadout,
  type PipelineData,
  type StageStatus,
} from "./pipelineData";

/** The words for a state, as the boxes and the label say it. */
const STATUS_TEXT: Record<StageStatus, string> = {
  running: "running",
  blocked: "blocked",
  paused: "paused",
  down: "down",
};

function Meter({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  const share = max > 0 && Number.isFinite(max) ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div className="pl-meter">
      <span className="pl-meter-label">{label}</span>
      <span className="pl-meter-bar">
        <span className="pl-meter-fill" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="pl-meter-text">{text}</span>
    </div>
  );
}

/**
 * The arrow between two boxes: the flow, or the backpressure signal when `back`; a Kafka topic or
 * a Reactive subscription is named, with its figures (lag and bytes on the broker, or demand).
 */
function Hop({ back, readout, stage }: { back: boolean; readout?: HopReadout | null; stage?: number }) {
  return (
    <div
      className={back ? "pl-hop is-back" : "pl-hop"}
      data-hop={readout ? readout.kind : undefined}
      data-testid={readout && stage !== undefined ? `hop-${stage}` : undefined}
    >
      {readout && <span className="pl-hop-text">{readout.kind}</span>}
      <span className="pl-hop-arrow">{back ? "◀" : "▶"}</span>
      {back && <span className="pl-hop-text">backpressure</span>}
      {readout?.figures.map((f) => (
        <span className="pl-hop-text" key={f}>
          {f}
        </span>
      ))}
    </div>
  );
}

/** Every state of the chain now, in words (the diagram's label, and tests). */
export function chainLabel(data: PipelineData): string {
  const parts = [`Source ${STATUS_TEXT[sourceStatus(data)]}`];
  data.pipeline.stages.forEach((_, k) => {
    const hop = hopReadout(data, k, formatCount, formatBytes);
    const via = hop === null ? "" : ` (after a ${hop.kind}: ${hop.figures.join(", ")})`;
    parts.push(`${stageName(k)} ${STATUS_TEXT[stageStatus(data, k)]}${via}`);
  });
  return `The chain from the source to the sink: ${parts.join(", ")}.`;
}

/** The diagram. */
export function ChainDiagram({ data }: { data: PipelineData }) {
  const pipeline: Pipeline = data.pipeline;
  const n = data.times.length;
  const source = sourceStatus(data);
  const statuses = pipeline.stages.map((_, k) => stageStatus(data, k));
  return (
    <div className="pl-chain" role="img" aria-label={chainLabel(data)} data-testid="chain">
      <div className={`pl-node pl-source is-${source}`} data-status={source}>
        <span className="pl-node-name">Source</span>
        <span className="pl-node-rate">{formatRate(pipeline.shared.producer)}</span>
        <span className={`pl-state is-${source}`}>{STATUS_TEXT[source]}</span>
      </div>
      {pipeline.stages.map((spec, k) => {
        const sc = stageScenario(pipeline.shared, spec);
        const st = data.stages[k];
        const queued = n > 0 ? st.queued[n - 1] : 0;
        const memory = n > 0 ? st.memoryBytes[n - 1] : 0;
        const bound = stageBound(data, k);
        const bounded = Number.isFinite(bound);
        const status = statuses[k];
        const before = k === 0 ? source : statuses[k - 1];
        const oomIn = projectedOomSec(data, k);
        const hop = hopReadout(data, k, formatCount, formatBytes);
        // Nothing travels back through a Kafka topic: the stage before never waits on it.
        const back = sc.strategy !== "kafka" && (before === "blocked" || before === "paused");
        return (
          <div className="pl-step" key={k}>
            <Hop back={back} readout={hop} stage={k + 1} />
            <div className={`pl-node is-${status}`} data-stage={k + 1} data-status={status}>
              <span className="pl-node-name">{stageName(k)}</span>
              <span className="pl-node-rate">
                {formatRate(sc.consumer)} · {sc.strategy}
              </span>
              <Meter
                label={
                  sc.strategy === "kafka"
                    ? "Poll"
                    : sc.strategy === "reactive"
                      ? "Buffer"
                      : sc.strategy === "tcp"
                        ? "Socket"
                        : "Queue"
                }
                value={queued}
                max={bounded ? bound : NaN}
                text={bounded ? `${formatCount(queued)} / ${formatCount(bound)}` : `${formatCount(queued)} (no limit)`}
              />
              <Meter
                label="Memory"
                value={memory}
                max={sc.memory}
                text={`${formatBytes(memory)} / ${formatBytes(sc.memory)}`}
              />
              {oomIn !== null && (
                <span className="pl-oom" data-testid={`oom-in-${k + 1}`}>
                  Out of memory in {formatDuration(oomIn)} at this growth
                </span>
              )}
              <span className={`pl-state is-${status}`}>{STATUS_TEXT[status]}</span>
            </div>
          </div>
        );
      })}
      <div className="pl-step pl-step-sink">
        <Hop back={false} />
        <div className="pl-node pl-sink">
          <span className="pl-node-name">Sink</span>
          <span className="pl-node-rate">{formatCount(data.summary?.consumed ?? 0)} consumed</span>
        </div>
      </div>
    </div>
  );
}
