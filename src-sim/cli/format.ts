/**
 * Output of the command line: the human summary and the JSON object (the CSV of samples is
 * src-sim/export.ts, shared with the page). Pure string builders, so tests check them without
 * running a process.
 */
import type { ScenarioChange } from "../scenario/changes";
import type { DecodeWarning } from "../scenario/codec";
import type { Scenario } from "../scenario/params";
import type { Summary } from "../engine/types";
import type { StageSummary } from "../models/pipeline/stage";

/** The state at one `--at` moment (after every event strictly before `t`, like a sample). */
export interface AtPoint {
  /** The moment, s. */
  t: number;
  /** Events waiting in the queue. */
  queued: number;
  /** Events in service (0 or 1). */
  inService: number;
  /** Consumer memory, bytes. */
  memoryBytes: number;
  /** Events in the producer's own buffer. */
  upstreamQueued: number;
  /** Cumulative counts up to `t`. */
  produced: number;
  consumed: number;
  dropped: number;
  lost: number;
  /** Whether the consumer process is up at `t`. */
  consumerUp: boolean;
}

/** Everything a run reports: the `--json` object. */
export interface CliReport {
  /** The scenario at t = 0. */
  scenario: Scenario;
  warnings: DecodeWarning[];
  summary: Summary;
  at: AtPoint[];
  /** The mechanism's own figures (theory for the queue strategies). */
  model: Record<string, unknown>;
  /** The link's timeline of changes, applied at their times (empty when it has none). */
  changes: ScenarioChange[];
  /**
   * A pipeline's stages (links with `stages`), from Stage 1 on: what each did; the `summary` then
   * describes the chain end to end (produced at the source, consumed at the sink, latency from
   * source to sink). Absent for a single run.
   */
  stages?: StageSummary[];
}

/**
 * The report as exactly one JSON document. Non-finite numbers (NaN latency when nothing was
 * consumed, an infinite time to OOM) become null: JSON has no NaN or Infinity.
 */
export function reportJson(report: CliReport): string {
  return JSON.stringify(
    report,
    (_key, value) => (typeof value === "number" && !Number.isFinite(value) ? null : value),
    2,
  );
}

/** 12,345,678 (integers) or 3 significant digits (fractions). */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toLocaleString("en-US", { maximumSignificantDigits: 3 });
}

/** Seconds in the most readable unit: 850 ns, 12.3 us, 4.56 ms, 7.89 s, 2 h 3 min. */
export function formatSeconds(sec: number | null): string {
  if (sec === null || Number.isNaN(sec)) return "-";
  if (sec === Infinity) return "never";
  const a = Math.abs(sec);
  const three = (x: number) => x.toLocaleString("en-US", { maximumSignificantDigits: 3 });
  if (a === 0) return "0 s";
  if (a < 1e-6) return `${three(sec * 1e9)} ns`;
  if (a < 1e-3) return `${three(sec * 1e6)} us`;
  if (a < 1) return `${three(sec * 1e3)} ms`;
  if (a < 3600) return `${three(sec)} s`;
  return `${Math.floor(sec / 3600)} h ${Math.round((sec % 3600) / 60)} min`;
}

/** Bytes in decimal units (the memory limits are quoted that way): 6 GB, 512 MB, 980 B. */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toLocaleString("en-US", { maximumSignificantDigits: 3 })} ${units[u]}`;
}

function line(label: string, value: string): string {
  return `  ${label.padEnd(18)}${value}`;
}

/** A figure from the model that is a finite number, else undefined. */
function num(model: Record<string, unknown>, key: string): number | undefined {
  const v = model[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** The human summary printed by default. */
export function formatHuman(report: CliReport): string {
  const { scenario: s, summary: m, model } = report;
  const out: string[] = [];
  if (report.stages !== undefined) {
    out.push(
      `Pipeline of ${report.stages.length} stage${report.stages.length === 1 ? "" : "s"}: source ${formatCount(s.producer)} events/s (${s.arrivals}, ${s.onPause} when stopped), seed ${s.seed}`,
    );
  } else {
    out.push(
      `Strategy ${s.strategy}: producer ${formatCount(s.producer)} events/s (${s.arrivals}), consumer ${formatCount(s.consumer)} events/s (${s.service}), seed ${s.seed}`,
    );
  }
  if (report.changes.length > 0) {
    out.push(`Changes: ${report.changes.map((c) => `at ${formatSeconds(c.atSec)} ${c.key} = ${c.value}`).join("; ")}`);
  }
  out.push(`Simulated 0 to ${formatSeconds(m.until)}`);
  out.push("");
  out.push(line("produced", formatCount(m.produced)));
  out.push(line("consumed", formatCount(m.consumed)));
  out.push(line("dropped", formatCount(m.dropped)));
  out.push(line("lost", formatCount(m.lost)));
  out.push(
    line(
      "queued at end",
      `${formatCount(m.queued)} (+${m.inService} in service, ${formatCount(m.upstreamQueued)} in the producer's buffer)`,
    ),
  );
  out.push(line("max queued", formatCount(m.maxQueued)));
  out.push(
    report.stages !== undefined
      ? line("peak memory", `${formatBytes(m.peakMemoryBytes)} (all stages together)`)
      : line("peak memory", `${formatBytes(m.peakMemoryBytes)} of ${formatBytes(s.memory)}`),
  );
  out.push(
    line(
      "out of memory",
      m.oomAt === null ? "no" : `at ${formatSeconds(m.oomAt)}${m.oomCount > 1 ? ` (${m.oomCount} crashes)` : ""}`,
    ),
  );
  out.push(
    line(
      "latency",
      m.consumed > 0
        ? `mean ${formatSeconds(m.latency.mean)}, p50 ${formatSeconds(m.latency.p50)}, p99 ${formatSeconds(m.latency.p99)}, max ${formatSeconds(m.latency.max)}`
        : "- (nothing consumed)",
    ),
  );
  out.push(
    line(
      "producer stopped",
      `${formatSeconds(m.producerPausedSeconds)}; signals: ${formatCount(m.signals.pause)} pause, ${formatCount(m.signals.resume)} resume`,
    ),
  );
  const rho = num(model, "rho");
  if (rho !== undefined) {
    const parts = [`rho ${rho.toLocaleString("en-US", { maximumSignificantDigits: 3 })}`];
    const growth = num(model, "fluidGrowthPerSec");
    if (growth !== undefined && growth > 0) parts.push(`queue grows ${formatCount(growth)} events/s`);
    const tOom = num(model, "timeToOomSec");
    if (tOom !== undefined) parts.push(`time to OOM ${formatSeconds(tOom)}`);
    out.push("");
    out.push(`Theory${typeof model.kendall === "string" ? ` (${model.kendall})` : ""}: ${parts.join(", ")}`);
  }
  if (report.stages !== undefined) {
    out.push("");
    out.push(formatStages(report.stages));
  }
  if (report.at.length > 0) {
    out.push("");
    for (const p of report.at) {
      out.push(
        `At ${formatSeconds(p.t)}: ${formatCount(p.queued)} queued (+${p.inService} in service), memory ${formatBytes(p.memoryBytes)}${p.consumerUp ? "" : " (consumer down)"}`,
      );
    }
  }
  return out.join("\n");
}

const STATES = ["running", "paused", "blocked"];

/** One line per stage of a pipeline: rate, what it passed on, its queue, memory, losses and state. */
export function formatStages(stages: readonly StageSummary[]): string {
  const out = ["Stages (source to sink):"];
  for (const st of stages) {
    const losses = st.dropped + st.lost > 0 ? `, dropped ${formatCount(st.dropped)}, lost ${formatCount(st.lost)}` : "";
    const oom =
      st.oomAt === null ? "" : `, OOM at ${formatSeconds(st.oomAt)}${st.oomCount > 1 ? ` (${st.oomCount}x)` : ""}`;
    const stalled = st.stalledSeconds > 0 ? `, stalled ${formatSeconds(st.stalledSeconds)}` : "";
    const state = st.up ? (STATES[st.state] ?? "running") : "down";
    out.push(
      `  ${st.name} (${st.strategy}, ${formatCount(st.rate)} events/s): passed ${formatCount(st.passed)}, max queued ${formatCount(st.maxQueued)}, peak memory ${formatBytes(st.peakMemoryBytes)}${losses}${oom}${stalled}; ${state} at the end`,
    );
    const hop = st.hop;
    if (hop?.kind === "kafka") {
      const lost = hop.retentionLost > 0 ? `, ${formatCount(hop.retentionLost)} deleted unread by retention` : "";
      out.push(
        `    topic before it: ${formatCount(hop.appended)} appended, lag ${formatCount(hop.lagRecords)} (log end - committed), backlog ${formatCount(hop.backlog)}, ${formatBytes(hop.brokerBytes)} on the broker${lost}`,
      );
    } else if (hop?.kind === "tcp") {
      out.push(
        `    connection before it: ${formatCount(hop.written)} written, ${formatCount(hop.inTransit)} in transit, send buffer ${formatBytes(hop.sendBufferBytes)}, window ${formatBytes(hop.windowBytes)}, ${formatCount(hop.zeroWindows)} zero windows${hop.resetLost > 0 ? `, ${formatCount(hop.resetLost)} lost to resets` : ""}`,
      );
    } else if (hop?.kind === "reactive") {
      out.push(
        `    demand before it: ${formatCount(hop.requested)} requested, ${formatCount(hop.emitted)} emitted, ${formatCount(hop.outstanding)} outstanding`,
      );
    }
  }
  return out.join("\n");
}

/** One warning per line, for stderr in human mode. */
export function formatWarnings(warnings: readonly DecodeWarning[]): string {
  return warnings.map((w) => `warning: ${w.message}`).join("\n");
}
