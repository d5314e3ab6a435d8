/**
 * Runs a sweep's tasks over a pool of Web Workers, one task per worker at a time, in order (so
 * the curves fill in from left to right). Cancel stops every worker at once; a worker that
 * crashes or cannot start ends the sweep with one clear message. The workers are created through
 * a factory, so tests run the pool with fakes.
 */
import type { SweepAnswer, SweepRow, SweepTask } from "../../src-sim/sweep/run";

/** One sweep worker as the pool sees it. */
export interface SweepWorkerHandle {
  /** Sends one task. */
  post(task: SweepTask): void;
  /** Sets the listener for answers and for a crash (a sentence). */
  listen(onAnswer: (answer: SweepAnswer) => void, onCrash: (detail: string) => void): void;
  terminate(): void;
}

/** Starts one sweep worker; throws where the page may not start workers. */
export type SweepWorkerFactory = () => SweepWorkerHandle;

/** What a running sweep reports. */
export interface SweepListener {
  /** A run finished (rows arrive in completion order, not index order). */
  row(row: SweepRow): void;
  /** Every run finished. */
  done(): void;
  /** The sweep stopped on an error; the rows so far stay. */
  failed(message: string): void;
}

/** A running sweep: cancel it, or ask whether it is still going. */
export interface RunningSweep {
  cancel(): void;
  readonly finished: boolean;
}

/** Workers a sweep uses on this machine: one per core, 1 to 8. */
export function sweepWorkerCount(hardwareConcurrency: number | undefined): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency as number) : 2;
  return Math.max(1, Math.min(8, cores));
}

/** Runs `tasks` over at most `size` workers from `create`; the listener hears every row. */
export function runSweepInPool(
  tasks: readonly SweepTask[],
  size: number,
  create: SweepWorkerFactory,
  listener: SweepListener,
): RunningSweep {
  const workers: SweepWorkerHandle[] = [];
  let next = 0;
  let answered = 0;
  let finished = false;
  const stop = () => {
    finished = true;
    for (const w of workers) w.terminate();
    workers.length = 0;
  };
  const fail = (message: string) => {
    if (finished) return;
    stop();
    listener.failed(message);
  };
  const feed = (w: SweepWorkerHandle) => {
    if (!finished && next < tasks.length) w.post(tasks[next++]);
  };
  const onAnswer = (w: SweepWorkerHandle) => (answer: SweepAnswer) => {
    if (finished) return;
    if (answer.type === "failed") {
      fail(`Run ${answer.index + 1} of the sweep failed: ${answer.message}`);
      return;
    }
    answered++;
    listener.row(answer.row);
    if (answered === tasks.length) {
      stop();
      listener.done();
    } else feed(w);
  };

  if (tasks.length === 0) {
    finished = true;
    listener.done();
    return { cancel: () => {}, finished: true };
  }
  try {
    for (let i = 0; i < Math.min(size, tasks.length); i++) {
      const w = create();
      workers.push(w);
      w.listen(onAnswer(w), (detail) => fail(`A sweep worker stopped: ${detail}`));
    }
  } catch (error) {
    fail(
      `Sweeps run in Web Workers, which this page may not start here (${error instanceof Error ? error.message : String(error)}). Open the page on its own to sweep.`,
    );
    return { cancel: () => {}, finished: true };
  }
  for (const w of [...workers]) feed(w);
  return {
    cancel: stop,
    get finished() {
      return finished;
    },
  };
}
