/**
 * Measuring helpers for the benchmark: wall time of a function (median of repeats after a
 * warm-up), peak memory while a run advances, and a SimPy run in a child process. Wall-clock
 * reads are fine here: benchmarks sit outside src-sim, which never reads a clock.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";

/** Median wall time of `repeats` calls of `fn` after a warm-up, ms; and the last result. */
export function timeMedianMs<T>(fn: () => T, repeats: number): { ms: number; result: T } {
  // Warm-up: let the JIT compile the hot paths (at least one run, up to 20 or 300 ms), so a
  // millisecond-long run is timed in steady state as a long one is; both sides get the same.
  let result = fn();
  const warmUntil = performance.now() + 300;
  for (let i = 1; i < 20 && performance.now() < warmUntil; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

/** CPU time of this process so far (user + system), ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Median CPU time of `repeats` calls of `fn` after the same warm-up as {@link timeMedianMs}, ms;
 * and the last result. CPU time, unlike wall time, does not count the time other processes on a
 * busy machine take from this one, so it swings less from run to run.
 */
export function cpuMedianMs<T>(fn: () => T, repeats: number): { ms: number; result: T } {
  let result = fn();
  const warmUntil = performance.now() + 300;
  for (let i = 1; i < 20 && performance.now() < warmUntil; i++) result = fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = cpuMs();
    result = fn();
    times.push(cpuMs() - t0);
  }
  return { ms: median(times), result };
}

/** The median of a non-empty list of numbers. */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Bytes of JavaScript memory now: the V8 heap plus array buffers (typed arrays live outside it). */
export function memoryBytes(): number {
  const m = process.memoryUsage();
  return Math.max(m.heapUsed, getHeapStatistics().used_heap_size) + m.arrayBuffers;
}

/** Collects garbage when node runs with --expose-gc; says whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/**
 * Peak memory while `step(i)` runs for i = 0 .. steps - 1 (sampled after every step), bytes,
 * with the baseline measured after a garbage collection just before.
 */
export function peakMemoryDuring(
  steps: number,
  step: (i: number) => void,
): { peakBytes: number; baselineBytes: number; gcExposed: boolean } {
  const gcExposed = collectGarbage();
  const baselineBytes = memoryBytes();
  let peakBytes = baselineBytes;
  for (let i = 0; i < steps; i++) {
    step(i);
    const now = memoryBytes();
    if (now > peakBytes) peakBytes = now;
  }
  return { peakBytes, baselineBytes, gcExposed };
}

/** What the SimPy M/M/1 script printed, or why it was skipped. */
export type SimpyResult =
  | { ok: true; version: string; events: number; cpuSec: number; repeats: number; meanSojournSec: number }
  | { ok: false; reason: string };

/** Debian's Python, which sees Debian's python3-simpy3 (the `python3` on PATH may not). */
const PYTHON = "/usr/bin/python3";

/**
 * Runs bench/mm1_simpy.py with Debian's Python (`repeats` runs, the median CPU time, as the
 * engine is timed); skipped (with the reason) where SimPy is missing.
 */
export function runSimpyMm1(
  lambdaPerSec: number,
  muPerSec: number,
  simSec: number,
  seed: number,
  repeats: number,
): SimpyResult {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  const probe = spawnSync(PYTHON, ["-c", "import simpy"], { encoding: "utf8" });
  if (probe.status !== 0) return { ok: false, reason: "SimPy is not installed (apt-get install python3-simpy3)" };
  const script = fileURLToPath(new URL("./mm1_simpy.py", import.meta.url));
  const r = spawnSync(
    PYTHON,
    [script, String(lambdaPerSec), String(muPerSec), String(simSec), String(seed), String(repeats)],
    {
      encoding: "utf8",
      timeout: 300_000,
    },
  );
  if (r.status !== 0)
    return {
      ok: false,
      reason: `the SimPy script failed: ${(r.stderr || r.error?.message || "").trim().split("\n").pop()}`,
    };
  try {
    const out = JSON.parse(r.stdout) as {
      simpyVersion: string;
      arrivals: number;
      completions: number;
      cpuSec: number;
      repeats: number;
      meanSojournSec: number;
    };
    return {
      ok: true,
      version: out.simpyVersion,
      events: out.arrivals + out.completions,
      cpuSec: out.cpuSec,
      repeats: out.repeats,
      meanSojournSec: out.meanSojournSec,
    };
  } catch {
    return { ok: false, reason: "the SimPy script printed no JSON" };
  }
}
