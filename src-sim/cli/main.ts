/**
 * Entry point of `npm run -s sim -- '<URL or query>' [--until S] [--at T1,T2] [--json] [--csv FILE]`
 * and of `--sweep` (src-sim/cli/sweep.ts). All the work is in run.ts and sweep.ts; this file only
 * binds them to the process. Started as a worker thread by a sweep, it serves sweep tasks instead.
 */
import { writeFileSync } from "node:fs";
import { isMainThread, workerData } from "node:worker_threads";
import { runCli } from "./run";
import { extractSweepArgs, runSweepCli } from "./sweep";
import { SWEEP_WORKER, serveSweepWorker, workerRunner } from "./sweepWorkers";

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  writeFile: (path: string, text: string) => writeFileSync(path, text),
};

if (!isMainThread && workerData === SWEEP_WORKER) {
  serveSweepWorker();
} else {
  const argv = process.argv.slice(2);
  const sweep = extractSweepArgs(argv);
  if ("error" in sweep) {
    process.stderr.write(`sim: ${sweep.error}\n`);
    process.exitCode = 2;
  } else if (sweep.sweep !== null) {
    // No top-level await: the built command line is a CommonJS script (see vite.cli.config.ts).
    void runSweepCli(sweep, { ...io, runInWorkers: workerRunner(new URL(import.meta.url)) }).then((code) => {
      process.exitCode = code;
    });
  } else {
    process.exitCode = runCli(argv, io);
  }
}
