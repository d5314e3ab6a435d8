/**
 * Sweeps over worker threads: the process's entry file is started again as a worker (so the
 * same code serves a bundled and an unbundled command line), each worker runs the tasks it is
 * sent with `runTask`, one message per row.
 */
import { createRequire } from "node:module";
import { Worker, parentPort } from "node:worker_threads";
import { runTask, type SweepRow, type SweepTask } from "../sweep/run";
import type { RunInWorkers } from "./sweep";

/** The marker a worker is started with. */
export const SWEEP_WORKER = "backpressure-sweep-worker";

/** A runner that starts `jobs` workers from `entryUrl` and deals tasks to them one at a time. */
export function workerRunner(entryUrl: URL): RunInWorkers {
  return (tasks, jobs) =>
    new Promise<SweepRow[]>((resolve, reject) => {
      const rows: SweepRow[] = [];
      let next = 0;
      let live = 0;
      let failed = false;
      const workers: Worker[] = [];
      const feed = (w: Worker) => {
        if (next < tasks.length) w.postMessage(tasks[next++]);
        else {
          live--;
          void w.terminate();
          if (live === 0 && !failed) resolve(rows);
        }
      };
      for (let j = 0; j < jobs; j++) {
        const w = startWorker(entryUrl);
        workers.push(w);
        live++;
        w.on("message", (row: SweepRow) => {
          rows.push(row);
          feed(w);
        });
        w.on("error", (error) => {
          if (failed) return;
          failed = true;
          for (const other of workers) void other.terminate();
          reject(error);
        });
        feed(w);
      }
    });
}

/**
 * Starts the entry file as a worker. Unbundled (run by tsx), Node 20's workers do not inherit
 * tsx's loader hooks, so a small bootstrap registers tsx's ESM API before importing the entry.
 * The API is found from the entry's folder with `require.resolve` (its CommonJS build, which
 * registers the same hooks): `import.meta.resolve` does not exist in the built command line,
 * a CommonJS script.
 */
function startWorker(entryUrl: URL): Worker {
  if (!entryUrl.pathname.endsWith(".ts")) return new Worker(entryUrl, { workerData: SWEEP_WORKER });
  const api = createRequire(entryUrl).resolve("tsx/esm/api");
  const boot = `require(${JSON.stringify(api)}).register(); import(${JSON.stringify(entryUrl.href)});`;
  return new Worker(boot, { eval: true, workerData: SWEEP_WORKER });
}

/** The worker's side: runs each task it receives and sends its row back. */
export function serveSweepWorker(): void {
  parentPort?.on("message", (task: SweepTask) => parentPort?.postMessage(runTask(task)));
}
