/**
 * Kafka's mechanism view (issue 15, item 2): the partition log as a strip from the log start to
 * the log end, with the committed offset and the consumer's position moving inside it, the batch
 * in progress above it, the retention boundary, the lag in records and in time with the time to
 * clear it, and the max.poll.interval deadline counting down while a batch holds the poll loop
 * (in the alarm colour when the batch will outlast it: the eviction trap seen coming). When the
 * lag is a sliver of a long log, a second strip magnifies the log's tail. Drawn from the samples at
 * the moment shown (kafkaData.ts); its accessible name reads the same facts.
 */
import { scaleLinear } from "d3-scale";
import { formatCount, formatDuration } from "../../format/numbers";
import { useApp, useRuntime } from "../../components/context";
import {
  clearText,
  deadlineText,
  exactOffset,
  kafkaStripAt,
  kafkaStripText,
  stripOffsets,
  type KafkaStrip,
} from "./kafkaData";
import { useWidth } from "./useWidth";
import "./mechanisms.css";

const STRIP_HEIGHT_PX = 78;
const PAD_PX = 10;

/** The partition log at the moment shown. */
export function KafkaView() {
  const moment = useApp((s) => s.moment);
  const scenario = useApp((s) => s.scenario);
  const rt = useRuntime();
  const [ref, width] = useWidth<HTMLDivElement>();
  const strip = moment ? kafkaStripAt(rt.series, scenario, moment.index) : null;
  if (!strip) return <div className="mech-kafka" ref={ref} aria-busy="true" />;
  const o = stripOffsets(strip);
  const span = Math.max(1, o.logEnd - o.logStart);
  const near = consumerRange(strip);
  const showNear = near.to - near.from < 0.2 * span;
  const retentionShown =
    Number.isFinite(strip.retentionBoundary) &&
    strip.retentionBoundary > o.logStart &&
    strip.retentionBoundary <= o.logEnd;
  const deadline = deadlineText(strip);
  const batchShare =
    strip.batchEnd > strip.batchStart ? (strip.batchNext - strip.batchStart) / (strip.batchEnd - strip.batchStart) : 0;
  const pollShare = Number.isFinite(strip.pollLeftSec)
    ? Math.max(0, Math.min(1, strip.pollLeftSec / strip.maxPollIntervalSec))
    : 1;

  return (
    <div className="mech-kafka" ref={ref}>
      <h3 className="mech-title">Kafka: the partition log</h3>
      <figure
        className="mech-figure"
        role="img"
        aria-label={kafkaStripText(strip)}
        data-testid="kafka-strip"
        data-sample={moment?.index}
        data-log-start={strip.logStart}
        data-committed={strip.committed}
        data-position={strip.position}
        data-log-end={strip.logEnd}
        data-lag={strip.lagRecords}
      >
        <div aria-hidden="true">
          <Strip
            strip={strip}
            from={o.logStart}
            to={Math.max(o.logEnd, o.logStart + 1)}
            width={width}
            caption="The whole log"
          />
          {showNear && (
            <Strip strip={strip} from={near.from} to={near.to} width={width} caption="Around the consumer, magnified" />
          )}
          <ul className="mech-legend">
            <li>
              <span className="mech-swatch mech-kafka-done-swatch" />
              committed
            </li>
            <li>
              <span className="mech-swatch mech-kafka-polled-swatch" />
              polled, not committed
            </li>
            <li>
              <span className="mech-swatch mech-kafka-lag-swatch" />
              not yet polled
            </li>
            <li>
              <span className="mech-swatch mech-kafka-batch-swatch" />
              batch in progress (above)
            </li>
            {retentionShown && (
              <li>
                <span className="mech-swatch mech-kafka-retention-swatch" />
                older than retention, deleted at the next check
              </li>
            )}
          </ul>
          <dl className="mech-facts">
            <div>
              <dt>Log start</dt>
              <dd data-fact="log-start">{formatCount(strip.logStart)}</dd>
            </div>
            <div>
              <dt>Committed</dt>
              <dd data-fact="committed">{formatCount(strip.committed)}</dd>
            </div>
            <div>
              <dt>Position</dt>
              <dd data-fact="position">{formatCount(strip.position)}</dd>
            </div>
            <div>
              <dt>Log end</dt>
              <dd data-fact="log-end">{formatCount(strip.logEnd)}</dd>
            </div>
            <div>
              {/* Kafka's own measure (kafka-consumer-groups): log end − committed. The Queue depth card
                  counts from the position instead, what the consumer has yet to fetch. */}
              <dt title="Log end − committed offset, as kafka-consumer-groups reports it">Lag (log end − committed)</dt>
              <dd data-fact="lag">
                {formatCount(strip.lagRecords)} records, {formatDuration(strip.lagSec)}
              </dd>
            </div>
            <div>
              <dt>Time to clear</dt>
              <dd data-fact="clear">{clearText(strip)}</dd>
            </div>
          </dl>
          <div className="mech-deadline mech-batch" data-testid="kafka-batch">
            <span className="mech-deadline-name">batch</span>
            <span className="mech-deadline-track">
              <span className="mech-batch-bar" style={{ width: `${(batchShare * 100).toFixed(1)}%` }} />
            </span>
            <span className="mech-deadline-text">
              {strip.batchEnd > strip.batchStart
                ? `offsets ${exactOffset(strip.batchStart)} to ${exactOffset(strip.batchEnd)}: ${formatCount(strip.batchNext - strip.batchStart)} of ${formatCount(strip.batchEnd - strip.batchStart)} done, about ${formatDuration(strip.batchNeedsSec)} to go`
                : "none in progress"}
            </span>
          </div>
          <div
            className={`mech-deadline${strip.evictionAhead ? " mech-deadline-bad" : ""}`}
            data-testid="kafka-deadline"
          >
            <span className="mech-deadline-name">max.poll.interval</span>
            <span className="mech-deadline-track">
              <span className="mech-deadline-bar" style={{ width: `${(pollShare * 100).toFixed(1)}%` }} />
            </span>
            <span className="mech-deadline-text">
              {deadline
                ? strip.evictionAhead
                  ? `${deadline}: the batch needs about ${formatDuration(strip.batchNeedsSec)} more, so the consumer will be evicted`
                  : deadline
                : "not running: no batch holds the poll loop"}
            </span>
          </div>
        </div>
      </figure>
    </div>
  );
}

/**
 * The offsets around the consumer: from the committed offset (or the batch's start) to the
 * position (or the batch's end), with half as much again on each side, inside the log.
 */
function consumerRange(s: KafkaStrip): { from: number; to: number } {
  const o = stripOffsets(s);
  const lo = Math.min(o.committed, s.batchStart);
  const hi = Math.max(o.position, s.batchEnd);
  const pad = Math.max(10, (hi - lo) * 0.5);
  return { from: Math.max(o.logStart, Math.floor(lo - pad)), to: Math.min(o.logEnd, Math.ceil(hi + pad)) };
}

/** One strip of offsets [from, to] across the view's width. */
function Strip({
  strip,
  from,
  to,
  width,
  caption,
}: {
  strip: KafkaStrip;
  from: number;
  to: number;
  width: number;
  caption: string;
}) {
  const o = stripOffsets(strip);
  const x = scaleLinear()
    .domain([from, Math.max(to, from + 1)])
    .range([PAD_PX, width - PAD_PX])
    .clamp(true);
  const barY = 34;
  const barH = 20;
  const seg = (a: number, b: number, cls: string) =>
    b > a && x(b) > x(a) ? (
      <rect className={cls} x={x(a)} y={barY} width={Math.max(1, x(b) - x(a))} height={barH} />
    ) : null;
  const mark = (at: number, cls: string) => (
    <line className={cls} x1={x(at)} x2={x(at)} y1={barY - 6} y2={barY + barH + 6} />
  );
  const retention = strip.retentionBoundary;
  const batch = strip.batchEnd > strip.batchStart;
  return (
    <svg width={width} height={STRIP_HEIGHT_PX} className="mech-svg mech-strip">
      <text className="mech-strip-caption" x={PAD_PX} y={11}>
        {caption}
      </text>
      <rect className="mech-kafka-log" x={x(from)} y={barY} width={Math.max(1, x(to) - x(from))} height={barH} />
      {seg(Math.max(from, o.logStart), o.committed, "mech-kafka-done")}
      {seg(Math.max(from, o.committed), o.position, "mech-kafka-polled")}
      {seg(Math.max(from, o.position), o.logEnd, "mech-kafka-lag")}
      {batch && (
        <g className="mech-kafka-batch">
          <rect
            x={x(strip.batchStart)}
            y={barY - 10}
            width={Math.max(2, x(strip.batchEnd) - x(strip.batchStart))}
            height={6}
          />
          <rect
            className="mech-kafka-batch-done"
            x={x(strip.batchStart)}
            y={barY - 10}
            width={Math.max(0, x(strip.batchNext) - x(strip.batchStart))}
            height={6}
          />
        </g>
      )}
      {Number.isFinite(retention) && retention > from && retention <= to && mark(retention, "mech-kafka-retention")}
      {mark(o.committed, "mech-kafka-committed-mark")}
      {mark(o.position, "mech-kafka-position-mark")}
      <text className="mech-strip-mark" x={x(o.committed) - 4} y={barY - 12} textAnchor="end">
        committed
      </text>
      <text className="mech-strip-mark" x={x(o.position) + 4} y={barY - 12} textAnchor="start">
        position
      </text>
      <text className="mech-strip-end" x={PAD_PX} y={barY + barH + 18}>
        {formatCount(from)}
      </text>
      <text className="mech-strip-end" x={width - PAD_PX} y={barY + barH + 18} textAnchor="end">
        {formatCount(to)}
      </text>
    </svg>
  );
}
