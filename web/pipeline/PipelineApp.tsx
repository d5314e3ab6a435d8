/**
 * The pipeline page (issue 14): the header with a way back to the playground, the transport (Play,
 * Step, Reset, speed, the time slider), the chain diagram, each stage's queue as small multiples
 * on one time axis, and the end-to-end latency with each hop's share beside the chain's theory.
 */
import { useEffect, useState, useSyncExternalStore } from "react";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import { stageName, type Pipeline } from "../../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../../src-sim/scenario/pipelinePresets";
import type { Speed } from "../../src-sim/worker/protocol";
import { formatClock, formatCount, formatDuration, formatShares } from "../format/numbers";
import { downloadText } from "../export/download";
import { copyText } from "../runtime/clipboard";
import { pipelineCsv } from "./pipelineExport";
import type { ThemeController } from "../runtime/theme";
import type { ThemeChoice } from "../store/uiSlice";
import { LinkWarningList } from "../components/Banners";
import { ChainDiagram } from "./ChainDiagram";
import { PipelineThemeToggle, usePipelineKeys } from "./PipelineControls";
import type { PipelineClient } from "./pipelineClient";
import { pipelineLink, pipelineQuery, showInAddressBar } from "./pipelineUrl";
import { StageCharts } from "./StageCharts";
import { StageEditor } from "./StageEditor";
import { TheoryPanel } from "./TheoryPanel";

const SPEEDS: Speed[] = [0.5, 1, 2, 5, 10, 50, "max"];

function speedText(s: Speed): string {
  return s === "max" ? "As fast as possible" : `${s}×`;
}

/** The preset this pipeline is, if it is one (same link). */
function presetOf(pipeline: Pipeline) {
  const query = pipelineQuery(pipeline, 0);
  return PIPELINE_PRESETS.find((p) => pipelineQuery(p.pipeline, 0) === query) ?? null;
}

function CopyLink({ pipeline, timeSec }: { pipeline: Pipeline; timeSec: number }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        onClick={async () => {
          const ok = await copyText(pipelineLink(window.location, pipeline, timeSec));
          setDone(ok ? "Link copied" : "Copy failed: take the address from the address bar");
        }}
      >
        Copy link
      </button>
      <span role="status" aria-live="polite" className="pl-copied">
        {done}
      </span>
    </>
  );
}

function Transport({ client }: { client: PipelineClient }) {
  const { data, progress } = useSyncExternalStore(client.subscribe, client.getState);
  const duration = data.pipeline.shared.duration;
  const [dragSec, setDragSec] = useState<number | null>(null);
  const shown = dragSec ?? data.timeSec;
  return (
    <section className="pl-transport transport" aria-label="Playback">
      <button
        type="button"
        className="btn btn-primary play"
        onClick={() => client.send({ type: data.playing ? "pause" : "play" })}
      >
        {data.playing ? "Pause" : "Play"}
      </button>
      <button type="button" className="btn" onClick={() => client.send({ type: "step", samples: 1 })}>
        Step
      </button>
      <button type="button" className="btn" onClick={() => client.send({ type: "pipelineReset" })}>
        Reset
      </button>
      <label className="pl-speed">
        Speed{" "}
        <select
          value={String(data.speed)}
          onChange={(e) => {
            const v = e.target.value;
            client.send({ type: "speed", speed: v === "max" ? "max" : Number(v) });
          }}
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {speedText(s)}
            </option>
          ))}
        </select>
      </label>
      <label className="pl-time">
        <span className="visually-hidden">Time</span>
        <input
          type="range"
          min={0}
          max={duration}
          step={data.sampleIntervalSec}
          value={shown}
          aria-valuetext={formatClock(shown)}
          onChange={(e) => {
            const t = Number(e.target.value);
            setDragSec(t);
            client.send({ type: "seek", timeSec: t });
          }}
          onPointerUp={() => setDragSec(null)}
          onKeyUp={() => setDragSec(null)}
          onBlur={() => setDragSec(null)}
        />
      </label>
      <output className="pl-clock clock" data-value={data.timeSec}>
        t = {formatClock(data.timeSec)} / {formatClock(duration)}
      </output>
      {progress && (
        <span className="pl-progress" role="status">
          Computing t = {formatClock(progress.targetSec)} ({formatClock(progress.timeSec)})
        </span>
      )}
    </section>
  );
}

function Figures({ client }: { client: PipelineClient }) {
  const { data } = useSyncExternalStore(client.subscribe, client.getState);
  const summary = data.summary;
  const theory = data.theory;
  const sojourns = data.summaries.map((s) => (Number.isFinite(s.meanSojournSec) ? s.meanSojournSec : 0));
  const shares = formatShares(sojourns);
  return (
    <section className="pl-figures" aria-labelledby="pl-latency-title">
      <div className="pl-panel">
        <h2 id="pl-latency-title">End-to-end latency</h2>
        <p className="pl-big" data-testid="latency">
          p50 <strong>{formatDuration(summary?.latency.p50 ?? NaN)}</strong> · p99{" "}
          <strong>{formatDuration(summary?.latency.p99 ?? NaN)}</strong>
        </p>
        <p className="pl-note">From the source&apos;s emit to the sink, over the events consumed so far.</p>
        <div className="pl-table-wrap" role="region" aria-label="Each hop's figures" tabIndex={0}>
          <table className="pl-table">
            <caption className="visually-hidden">
              Each hop&apos;s share of the time an event spends in the chain
            </caption>
            <thead>
              <tr>
                <th scope="col">Hop</th>
                <th scope="col">Mean time</th>
                <th scope="col">Share</th>
                <th scope="col">Passed</th>
                <th scope="col">Dropped</th>
                <th scope="col">Lost</th>
                <th scope="col">OOM</th>
              </tr>
            </thead>
            <tbody>
              {data.summaries.map((s, k) => (
                <tr key={k} data-stage={k + 1}>
                  <th scope="row">{stageName(k)}</th>
                  <td>{formatDuration(s.meanSojournSec)}</td>
                  <td>{shares[k]}</td>
                  <td>{formatCount(s.passed)}</td>
                  <td>{formatCount(s.dropped)}</td>
                  <td>{formatCount(s.lost)}</td>
                  <td data-testid={`oom-${k + 1}`}>{s.oomAt === null ? "no" : `at ${formatClock(s.oomAt)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="pl-note">
          Mean time and share are estimates, not measured per event: a hop&apos;s mean time is Little&apos;s law (the
          events in it, averaged over the run, over the events it passed per second; behind a Kafka topic, the records
          waiting on the broker count too), and its share is that time over the hops&apos; total. OOM: when the stage
          ran out of memory.
        </p>
      </div>
      {theory && (
        <div className="pl-panel">
          <TheoryPanel theory={theory} />
          {summary && (
            <p className="pl-note">
              So far: {formatCount(summary.produced)} produced, {formatCount(summary.consumed)} consumed,{" "}
              {formatCount(summary.dropped)} dropped, {formatCount(summary.lost)} lost.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function Body({ client }: { client: PipelineClient }) {
  const { data } = useSyncExternalStore(client.subscribe, client.getState);
  const onEdit = (next: Pipeline) => {
    // The whole run changes: replayed from 0 s to the moment shown, playing on if it played.
    const now = client.getState().data;
    client.setPipeline(next, now.timeSec, now.playing);
    showInAddressBar(next, now.timeSec);
  };
  return (
    <>
      <section className="pl-section" aria-labelledby="pl-chain-title">
        <h2 id="pl-chain-title">The chain</h2>
        <ChainDiagram data={data} />
      </section>
      <StageEditor pipeline={data.pipeline} onEdit={onEdit} />
      <section className="pl-section" aria-labelledby="pl-charts-title">
        <h2 id="pl-charts-title">Queue depth per stage</h2>
        <StageCharts data={data} />
      </section>
    </>
  );
}

/** The page. */
export function PipelineApp({
  client,
  warnings,
  theme,
  themeChoice,
}: {
  client: PipelineClient;
  warnings: DecodeWarning[];
  theme: ThemeController;
  themeChoice: ThemeChoice;
}) {
  const { data, error } = useSyncExternalStore(client.subscribe, client.getState);
  const [shownWarnings, setShownWarnings] = useState<readonly DecodeWarning[]>(warnings);
  // The chain shown: the link's at first, then each edit's (the client runs it).
  const pipeline = data.pipeline;
  const [opened] = useState(pipeline);
  usePipelineKeys(client);
  const preset = presetOf(pipeline);
  const stillSec = data.playing ? null : data.timeSec;
  useEffect(() => {
    // The address follows the moment whenever the run stands still (not at every frame of play).
    if (stillSec !== null) showInAddressBar(pipeline, stillSec);
  }, [pipeline, stillSec]);
  return (
    <>
      <header className="header pl-header">
        <div className="brand">
          <div>
            <h1>Backpressure Playground: pipeline</h1>
            <p className="tagline">
              A source, {pipeline.stages.length} {pipeline.stages.length === 1 ? "stage" : "stages"} and a sink on one
              clock. Space plays or pauses, the arrows step.
            </p>
            <a className="pl-back" href="./">
              Open the playground
            </a>
          </div>
        </div>
        <div className="header-actions">
          <PipelineThemeToggle theme={theme} initial={themeChoice} />
          <button
            type="button"
            className="btn"
            onClick={() => {
              const d = client.getState().data;
              const csv = pipelineCsv(d, pipelineLink(window.location, pipeline, d.timeSec));
              downloadText(csv, `backpressure-pipeline-${Math.round(d.timeSec * 10) / 10}s.csv`, "text/csv");
            }}
          >
            Export CSV
          </button>
          <CopyLink pipeline={pipeline} timeSec={data.timeSec} />
        </div>
      </header>
      <main className="pl-main">
        {preset && (
          <section className="pl-lesson" aria-label="About this pipeline">
            <h2>{preset.title}</h2>
            <p>{preset.lesson}</p>
          </section>
        )}
        {/* The link's repairs describe the chain it opened, not an edited one. */}
        {pipeline === opened && <LinkWarningList warnings={shownWarnings} onDismiss={() => setShownWarnings([])} />}
        {error && (
          <div className="pl-error" role="alert">
            <p>{error}</p>
            <button type="button" className="btn" onClick={() => client.start(data.speed, data.timeSec)}>
              Restart
            </button>
          </div>
        )}
        <Transport client={client} />
        <Body client={client} />
        <Figures client={client} />
      </main>
    </>
  );
}
