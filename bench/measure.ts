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
  | { ok: true; version: string; events: number; wallSec: number; meanSojournSec: number }
  | { ok: false; reason: string };

/** Debian's Python, which sees Debian's python3-simpy3 (the `python3` on PATH may not). */
const PYTHON = "/usr/bin/python3";

/** Runs bench/mm1_simpy.py with Debian's Python; skipped (with the reason) where SimPy is missing. */
export function runSimpyMm1(lambdaPerSec: number, muPerSec: number, simSec: number, seed: number): SimpyResult {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  const probe = spawnSync(PYTHON, ["-c", "import simpy"], { encoding: "utf8" });
  if (probe.status !== 0) return { ok: false, reason: "SimPy is not installed (apt-get install python3-simpy3)" };
  const script = fileURLToPath(new URL("./mm1_simpy.py", import.meta.url));
  const r = spawnSync(PYTHON, [script, String(lambdaPerSec), String(muPerSec), String(simSec), String(seed)], {
    encoding: "utf8",
    timeout: 300_000,
  });
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
      wallSec: number;
      meanSojournSec: number;
    };
    return {
      ok: true,
      version: out.simpyVersion,
      events: out.arrivals + out.completions,
      wallSec: out.wallSec,
      meanSojournSec: out.meanSojournSec,
    };
  } catch {
    return { ok: false, reason: "the SimPy script printed no JSON" };
  }
}
