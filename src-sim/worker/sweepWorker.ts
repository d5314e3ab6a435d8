/**
 * Entry point of a sweep worker: the page starts as many as the machine has cores to spare and
 * deals a sweep's runs to them one at a time (web/sweep/sweepPool.ts). Each message is one task;
 * the answer is its row, or the error that stopped it. A run here is exactly the single run of
 * its scenario (src-sim/sweep/run.ts), so a sweep's point opens as the same run on the page.
 */
import { runTask, type SweepAnswer, type SweepTask } from "../sweep/run";

/** Answers one task (exported for tests; the worker calls it per message). */
export function answerTask(task: SweepTask): SweepAnswer {
  try {
    return { type: "row", row: runTask(task) };
  } catch (error) {
    return { type: "failed", index: task.index, message: error instanceof Error ? error.message : String(error) };
  }
}

const inWorker = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === "function";
if (inWorker) {
  const scope = self as unknown as {
    onmessage: ((e: MessageEvent<SweepTask>) => void) | null;
    postMessage(m: SweepAnswer): void;
  };
  scope.onmessage = (event) => scope.postMessage(answerTask(event.data));
}
