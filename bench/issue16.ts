/**
 * The figures of issue 16, each as a ratio against its reference measured in the same run:
 * replay speed after a seek back vs forward, a 200-run sweep of the story, M/M/1 vs SimPy, TCP
 * presets vs real time, and the command line's start-up. `benchIssue16()` returns table rows;
 * bench/run.ts prints them with the other figures. Benchmarks report; they never fail the build.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSimulation } from "../src-sim/models";
import { DEFAULT_SCENARIO, type Scenario, type Strategy } from "../src-sim/scenario/params";
import { PRESETS } from "../src-sim/scenario/presets";
import { decodeScenario } from "../src-sim/scenario/codec";
import { cpuMedianMs, cpuMs, median, runSimpyMm1 } from "./measure";

/** The issue's targets. */
export const ISSUE16_TARGETS = {
  seekBackRatio: 0.8,
  sweepCpuMs: 5000,
  simpyRatio: 100,
  tcpRealTime: 2000,
  cliStartMs: 300,
};

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** One row of the benchmark table: measure, figure, target, verdict. */
export type Row = [string, string, string, string];

const fmt = (x: number, digits = 3) => x.toLocaleString("en-US", { maximumSignificantDigits: digits });
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

/** The sweep: 50 consumer rates (40% to 138% of the producer's) x 4 strategies, 120 s of the story. */
export const SWEEP_STRATEGIES: readonly Strategy[] = ["unbounded", "drop-newest", "block", "watermark"];
const SWEEP_RATES = 50;
const SWEEP_SEC = 120;

function sweepScenarios(): Scenario[] {
  const out: Scenario[] = [];
  for (let i = 0; i < SWEEP_RATES; i++) {
    const consumer = Math.round(DEFAULT_SCENARIO.producer * (0.4 + 0.02 * i));
    for (const strategy of SWEEP_STRATEGIES) out.push({ ...DEFAULT_SCENARIO, strategy, consumer });
  }
  return out;
}

/**
 * CPU time of the sweep, ms: all 200 runs, median of 3 (once in short mode). Short mode used to
 * run every 5th rate and scale by 5, which weighed the one slow point (consumer = producer, a
 * tie every event, about 0.4 s) five times over and printed 9.5 s for a 1.3 s sweep.
 */
function sweepRows(short: boolean): Row[] {
  const scenarios = sweepScenarios();
  const times: number[] = [];
  let slowest = { ms: 0, label: "" };
  for (let r = 0; r < (short ? 1 : 3); r++) {
    const t0 = cpuMs();
    for (const s of scenarios) {
      const t1 = cpuMs();
      const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
      sim.advanceTo(SWEEP_SEC);
      const ms = cpuMs() - t1;
      if (ms > slowest.ms) slowest = { ms, label: `${s.strategy} at consumer ${s.consumer}` };
    }
    times.push(cpuMs() - t0);
  }
  const ms = median(times);
  return [
    [
      `story sweep: ${SWEEP_RATES} consumer rates x ${SWEEP_STRATEGIES.length} strategies, ${SWEEP_SEC} s each: CPU time` +
        (short ? " (once)" : ""),
      `${fmt(ms / 1000)} s`,
      `< ${ISSUE16_TARGETS.sweepCpuMs / 1000} s`,
      verdict(ms < ISSUE16_TARGETS.sweepCpuMs),
    ],
    [`  slowest run: ${slowest.label}`, `${fmt(slowest.ms)} ms`, "", ""],
  ];
}

/** The engine's M/M/1 against SimPy's, both in CPU time, median of several runs. */
function simpyRows(short: boolean): Row[] {
  const lambda = 80_000;
  const mu = 100_000;
  const engineSec = short ? 2 : 10;
  const simpySec = short ? 1 : 3;
  const repeats = short ? 3 : 5;
  const mm1: Scenario = {
    ...DEFAULT_SCENARIO,
    arrivals: "poisson",
    service: "exponential",
    producer: lambda,
    consumer: mu,
    memory: 1e13,
    seed: 1,
  };
  const engine = cpuMedianMs(() => {
    const sim = createSimulation(mm1, { sampleIntervalSec: 0.1 });
    sim.advanceTo(engineSec);
    return sim.summary();
  }, repeats);
  const engineRate = ((engine.result.produced + engine.result.consumed) / engine.ms) * 1000;
  const rows: Row[] = [
    [
      `M/M/1 rho 0.8 (${lambda / 1000}k into ${mu / 1000}k events/s, ${engineSec} s), CPU time`,
      `${fmt(engineRate / 1e6)} M events/s`,
      "",
      "",
    ],
  ];
  // A simulated day at this rate, extrapolated from the measured speed.
  const dayMs = (engine.ms / engineSec) * 86_400;
  rows.push(["  a simulated day of it (extrapolated)", `${fmt(dayMs / 60_000)} min`, "", ""]);
  const simpy = runSimpyMm1(lambda, mu, simpySec, 1, repeats);
  if (!simpy.ok) {
    rows.push(["  SimPy M/M/1", "skipped", "", simpy.reason]);
    return rows;
  }
  const simpyRate = simpy.events / simpy.cpuSec;
  const ratio = engineRate / simpyRate;
  rows.push([
    `  SimPy ${simpy.version} (same rates, ${simpySec} s, CPU time, median of ${simpy.repeats})`,
    `${fmt(simpyRate / 1e6)} M events/s`,
    "",
    "",
  ]);
  rows.push([
    "  engine vs SimPy",
    `${fmt(ratio)}x`,
    `>= ${ISSUE16_TARGETS.simpyRatio}x`,
    verdict(ratio >= ISSUE16_TARGETS.simpyRatio),
  ]);
  return rows;
}

/** Replay speed after a seek back vs forward, from bench/seekBack.ts in a process of its own. */
function seekBackRows(short: boolean): Row[] {
  const simSec = short ? 2 : 10;
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(ROOT, "bench/seekBack.ts"), String(simSec), String(short ? 3 : 5)],
    { encoding: "utf8", cwd: ROOT, timeout: 600_000 },
  );
  if (r.status !== 0)
    return [["replay after a seek back", "failed", "", (r.stderr || "").trim().split("\n").pop() ?? ""]];
  const out = JSON.parse(r.stdout) as { forwardMs: number; afterSeekMs: number; identical: boolean };
  const ratio = out.forwardMs / out.afterSeekMs;
  return [
    [
      `replay after a seek back vs forward (M/M/1, ${simSec} s: ${fmt(out.afterSeekMs)} vs ${fmt(out.forwardMs)} ms CPU)`,
      `${fmt(ratio, 2)}`,
      `>= ${ISSUE16_TARGETS.seekBackRatio}`,
      verdict(ratio >= ISSUE16_TARGETS.seekBackRatio) + (out.identical ? "" : " (results differ!)"),
    ],
  ];
}

/**
 * Every TCP preset, the default workload under TCP and the consumer-limited connection with
 * 4 MiB buffers, against real time (CPU time, median of 3; `--tcp` prints only these rows).
 */
export function tcpRows(short: boolean): Row[] {
  const cases: Array<[string, Scenario]> = PRESETS.filter((p) => p.family === "tcp").map((p) => [
    `preset ${p.id}`,
    decodeScenario(p.query).scenario,
  ]);
  cases.push(["default workload", { ...DEFAULT_SCENARIO, strategy: "tcp" }]);
  cases.push([
    "consumer-limited, 4 MiB buffers",
    { ...DEFAULT_SCENARIO, strategy: "tcp", sndBuf: 4 << 20, rcvBuf: 4 << 20 },
  ]);
  const rows: Row[] = [];
  for (const [name, s] of cases) {
    const sec = short ? Math.min(s.duration, 30) : s.duration;
    const { ms, result } = cpuMedianMs(
      () => {
        const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
        sim.advanceTo(sec);
        return sim.summary();
      },
      short ? 1 : 3,
    );
    const ratio = (sec * 1000) / ms;
    // Where the time goes: the model's steps (segments, ACKs, reads, writes) per simulated second.
    const steps = result.work.perEventSteps + result.work.bulkSteps;
    rows.push([
      `tcp ${name}, ${sec} s: vs real time (CPU ${fmt(ms)} ms; ${fmt(steps / sec)} steps/s simulated, ${fmt((ms * 1e6) / steps)} ns each)`,
      `${fmt(ratio)}x`,
      `>= ${ISSUE16_TARGETS.tcpRealTime}x`,
      verdict(ratio >= ISSUE16_TARGETS.tcpRealTime),
    ]);
  }
  return rows;
}

/** GNU time, for the CPU time of a child process (user + system); absent on some machines. */
const GNU_TIME = "/usr/bin/time";

/**
 * Wall time from spawning `argv` to its exit and, where GNU time is installed, its CPU time;
 * medians of `repeats`, ms. Null if it failed.
 */
function startMs(argv: string[], repeats: number): { wallMs: number; cpuMs: number | null } | null {
  const walls: number[] = [];
  const cpus: number[] = [];
  const timed = existsSync(GNU_TIME);
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = timed
      ? spawnSync(GNU_TIME, ["-f", "cpu %U %S", ...argv], { cwd: ROOT, encoding: "utf8" })
      : spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) return null;
    walls.push(performance.now() - t0);
    const m = timed ? /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr) : null;
    if (m) cpus.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return { wallMs: median(walls), cpuMs: cpus.length === walls.length ? median(cpus) : null };
}

const startFigure = (t: { wallMs: number; cpuMs: number | null }) =>
  `${fmt(t.wallMs)} ms` + (t.cpuMs === null ? "" : ` (CPU ${fmt(t.cpuMs)} ms)`);

/** The command line's start-up: `--help`, which does nothing but start, print and exit. */
function cliRows(short: boolean): Row[] {
  const repeats = short ? 3 : 7;
  const rows: Row[] = [];
  const launcher = join(ROOT, "scripts/sim.mjs");
  // Build the script and its code cache first, as `npm run build` would.
  spawnSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, stdio: "ignore" });
  // What `npm run sim` ran before the built module: tsx's command line, which transpiles at start.
  const tsxCli = join(ROOT, "node_modules/tsx/dist/cli.mjs");
  const tsx = startMs([process.execPath, tsxCli, join(ROOT, "src-sim/cli/main.ts"), "--help"], repeats);
  const built = startMs([process.execPath, launcher, "--help"], repeats);
  const npm = startMs(["npm", "run", "-s", "sim", "--", "--help"], repeats);
  rows.push([
    "command line start-up, wall time: sources through tsx (`--help`)",
    tsx === null ? "failed" : startFigure(tsx),
    "",
    "",
  ]);
  rows.push([
    "  node scripts/sim.mjs (the built script and its code cache, when fresh)",
    built === null ? "failed" : startFigure(built),
    `< ${ISSUE16_TARGETS.cliStartMs} ms`,
    built === null ? "MISS" : verdict(built.wallMs < ISSUE16_TARGETS.cliStartMs),
  ]);
  rows.push(["  npm run -s sim (npm's own start-up included)", npm === null ? "failed" : startFigure(npm), "", ""]);
  return rows;
}

/** Every issue-16 figure, as table rows (see the file comment). */
export function benchIssue16(short: boolean): Row[] {
  return [...seekBackRows(short), ...sweepRows(short), ...simpyRows(short), ...tcpRows(short), ...cliRows(short)];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const short = process.argv.includes("--short");
  const rows = process.argv.includes("--tcp") ? tcpRows(short) : benchIssue16(short);
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  for (const [a, b, c, d] of rows)
    console.log(`${a.padEnd(widths[0])}  ${b.padEnd(widths[1])}  ${c.padEnd(widths[2])}  ${d}`);
}
