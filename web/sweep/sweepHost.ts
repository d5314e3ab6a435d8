/**
 * The real sweep workers: module Web Workers bundled by Vite from src-sim/worker/sweepWorker.ts.
 */
import workerUrl from "../../src-sim/worker/sweepWorker.ts?worker&url";
import type { SweepAnswer } from "../../src-sim/sweep/run";
import type { SweepWorkerHandle } from "./sweepPool";

/** Starts one sweep worker; throws where the page may not start workers (a sandboxed frame). */
export function createSweepWorker(): SweepWorkerHandle {
  const worker = new Worker(workerUrl, { type: "module" });
  return {
    post: (task) => worker.postMessage(task),
    listen: (onAnswer, onCrash) => {
      worker.addEventListener("message", (event: MessageEvent<SweepAnswer>) => onAnswer(event.data));
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        onCrash(event.message || "its script could not be loaded.");
      });
      worker.addEventListener("messageerror", () => onCrash("a message from it could not be read."));
    },
    terminate: () => worker.terminate(),
  };
}
