/**
 * The pipeline figures of issue 14: a 5-stage chain at the default rates (the story's 100,000
 * events/s through five 50,000 events/s stages with unbounded queues, 180 s) against real time,
 * in the command line (wall time of `node scripts/sim.mjs '<link>' --json`, start-up included) and
 * in-process (the engine alone); and the cascade preset the same way. Benchmarks report; they
 * never fail the build.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createPipelineSimulation } from "../src-sim/models/pipelineRun";
import { decodePipeline } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { timeMedianMs } from "./measure";

/** The issue's target: the 5-stage chain at >= 1,000x real time in the command line. */
export const ISSUE14_TARGETS = { realTimeRatio: 1000 };

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
/** Five stages at their defaults: every stage 50,000 events/s behind an unbounded queue. */
export const FIVE_STAGE_LINK = "stages=unbounded;unbounded;unbounded;unbounded;unbounded";
/** The same chain with a Kafka topic in front of Stage 3 (its consumer's defaults). */
export const FIVE_STAGE_KAFKA_LINK = "stages=unbounded;unbounded;kafka;unbounded;unbounded";
/** The same chain with a TCP connection in front of Stage 3, buffers large enough for 50K/s over 20 ms. */
export const FIVE_STAGE_TCP_LINK = "stages=unbounded;unbounded;tcp,rcvBuf:4194304,sndBuf:4194304;unbounded;unbounded";

const fmt = (x: number, digits = 3) => x.toLocaleString("en-US", { maximumSignificantDigits: digits });
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const GNU_TIME = "/usr/bin/time";

/**
 * Wall time of the command line on `link` (the built module, start-up included) and, where GNU
 * time is installed, its CPU time; medians of `repeats`, ms.
 */
function cliMs(args: string[], repeats: number): { wallMs: number; cpuMs: number | null } {
  const walls: number[] = [];
  const cpus: number[] = [];
  const argv = [process.execPath, resolve(ROOT, "scripts/sim.mjs"), ...args];
  const timed = existsSync(GNU_TIME);
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = timed
      ? spawnSync(GNU_TIME, ["-f", "cpu %U %S", ...argv], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 })
      : spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
    walls.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`sim failed on ${args.join(" ")}: ${r.stderr}`);
    const m = timed ? /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr) : null;
    if (m) cpus.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return { wallMs: median(walls), cpuMs: cpus.length === walls.length ? median(cpus) : null };
}

/** The engine alone on `link`, ms (median of `repeats`), and the simulated seconds. */
function engineMs(link: string, repeats: number): { ms: number; sec: number; events: number } {
  const p = decodePipeline(link).pipeline!;
  const run = timeMedianMs(() => {
    const sim = createPipelineSimulation(p);
    sim.advanceTo(p.shared.duration);
    return sim.summary();
  }, repeats);
  return { ms: run.ms, sec: p.shared.duration, events: run.result.work.perEventSteps + run.result.work.bulkSteps };
}

/** The report lines. */
export function pipelineBenchLines(repeats: number): string[] {
  // The command line as `npm run build` leaves it: the built script and its code cache.
  spawnSync("npm", ["run", "-s", "build:cli"], { cwd: ROOT, stdio: "ignore" });
  const lines: string[] = [];
  const start = cliMs(["--help"], repeats);
  const cpu = (t: { cpuMs: number | null }) => (t.cpuMs === null ? "" : ` (CPU ${fmt(t.cpuMs)} ms)`);
  lines.push(`pipeline: command line start-up alone (--help): ${fmt(start.wallMs)} ms${cpu(start)}`);
  const cases: Array<[string, string]> = [
    ["5-stage chain, default rates", FIVE_STAGE_LINK],
    ["the cascade preset", PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.query],
    // A Kafka hop takes part in feed-forward stretches; Reactive and TCP hops run event by event.
    ["5-stage chain with a Kafka hop in front of Stage 3, default rates", FIVE_STAGE_KAFKA_LINK],
    ["the Kafka preset", PIPELINE_PRESETS.find((p) => p.id === "pipeline-kafka-middle")!.query],
    ["the cold Reactive preset", PIPELINE_PRESETS.find((p) => p.id === "pipeline-reactive-cold")!.query],
    ["5-stage chain with a TCP hop (4 MiB buffers) in front of Stage 3, default rates", FIVE_STAGE_TCP_LINK],
  ];
  for (const [name, link] of cases) {
    const engine = engineMs(link, repeats);
    const cli = cliMs([link, "--json"], repeats);
    const cliRatio = (engine.sec * 1000) / cli.wallMs;
    const engineRatio = (engine.sec * 1000) / engine.ms;
    lines.push(
      `pipeline: ${name} (${engine.sec} s simulated): command line ${fmt(cli.wallMs)} ms${cpu(cli)} = ${fmt(cliRatio)}x real time ` +
        `(target >= ${ISSUE14_TARGETS.realTimeRatio}x: ${verdict(cliRatio >= ISSUE14_TARGETS.realTimeRatio)}); ` +
        `engine alone ${fmt(engine.ms)} ms = ${fmt(engineRatio)}x, ${fmt(engine.events)} steps`,
    );
  }
  return lines;
}

// Run alone: `npx tsx bench/issue14.ts [repeats]`.
if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  for (const line of pipelineBenchLines(Number(process.argv[2] ?? 1))) console.log(line);
}
