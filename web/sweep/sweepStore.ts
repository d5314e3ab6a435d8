/**
 * The sweep's state on the page: the sweep asked for (what the link carries), its base scenario,
 * the rows so far and how the run stands. A vanilla zustand store of its own, apart from the
 * app store: a sweep runs beside the live simulation and outlives scenario edits (its results
 * then say they belong to an earlier scenario).
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import type { Scenario } from "../../src-sim/scenario/params";
import { sweepViewKeys, type SweepRequest } from "../../src-sim/sweep/link";
import { sweepTasks, type SweepRow } from "../../src-sim/sweep/run";
import { runSweepInPool, type RunningSweep, type SweepWorkerFactory } from "./sweepPool";

/** Where a sweep stands. */
export type SweepStatus = "idle" | "running" | "done" | "cancelled" | "failed";

/** The sweep store's state and actions. */
export interface SweepState {
  /** The sweep defined (and in the link); null: none. */
  request: SweepRequest | null;
  /** The scenario and changes the rows belong to (null before the first run). */
  base: { scenario: Scenario; changes: readonly ScenarioChange[] } | null;
  status: SweepStatus;
  /** Finished runs, in index order. */
  rows: SweepRow[];
  /** Runs in the sweep. */
  total: number;
  /** The error that stopped the sweep, if it failed. */
  message: string | null;
  /** Starts `request` on `scenario` (and its changes); a sweep still running is cancelled first. */
  run(request: SweepRequest, scenario: Scenario, changes: readonly ScenarioChange[]): void;
  /** Stops the running sweep; the rows so far stay. */
  cancel(): void;
  /** Forgets the sweep (and takes it out of the link). */
  clear(): void;
}

/** The sweep store. */
export type SweepStore = StoreApi<SweepState>;

/** What the sweep store needs from the page. */
export interface SweepStoreOptions {
  createWorker: SweepWorkerFactory;
  /** Workers per sweep. */
  workers: number;
  /** The sweep from the link, if any (shown, not yet run). */
  request?: SweepRequest | null;
  /**
   * Calls `flush` soon (the page: after {@link ROW_FLUSH_MS}); rows arriving meanwhile are added
   * to the store together, so a sweep of hundreds of quick runs re-renders a few times a second,
   * not once per run. Tests pass a scheduler that flushes at once.
   */
  schedule?: (flush: () => void) => void;
}

/** How long finished rows wait to be shown together, ms. */
export const ROW_FLUSH_MS = 150;

const laterOnPage = (flush: () => void) => void setTimeout(flush, ROW_FLUSH_MS);

/** Creates the sweep store. */
export function createSweepStore(options: SweepStoreOptions): SweepStore {
  let running: RunningSweep | null = null;
  let generation = 0;
  const schedule = options.schedule ?? laterOnPage;
  /** Shows the running sweep's rows that wait for their batch (none: a no-op). */
  let flushPending = () => {};
  return createStore<SweepState>()((set, get) => ({
    request: options.request ?? null,
    base: null,
    status: "idle",
    rows: [],
    total: 0,
    message: null,
    run(request, scenario, changes) {
      running?.cancel();
      const mine = ++generation;
      const tasks = sweepTasks(scenario, request.definition, request.strategies, null, changes, request.variants);
      set({ request, base: { scenario, changes }, status: "running", rows: [], total: tasks.length, message: null });
      // Rows arrive out of order from several workers; they are kept sorted by index, and shown
      // in batches (see SweepStoreOptions.schedule).
      const pending: SweepRow[] = [];
      let flushing = false;
      const flush = () => {
        flushing = false;
        if (mine !== generation || pending.length === 0) return;
        set({ rows: [...get().rows, ...pending.splice(0)].sort((a, b) => a.index - b.index) });
      };
      flushPending = flush;
      running = runSweepInPool(tasks, options.workers, options.createWorker, {
        row: (row) => {
          if (mine !== generation) return;
          pending.push(row);
          if (!flushing) {
            flushing = true;
            schedule(flush);
          }
        },
        done: () => {
          flush();
          if (mine === generation) set({ status: "done" });
        },
        failed: (message) => {
          flush();
          if (mine === generation) set({ status: "failed", message });
        },
      });
    },
    cancel() {
      if (get().status !== "running") return;
      // The runs finished so far are shown; nothing after.
      flushPending();
      generation++;
      running?.cancel();
      running = null;
      set({ status: "cancelled" });
    },
    clear() {
      generation++;
      running?.cancel();
      running = null;
      set({ request: null, base: null, status: "idle", rows: [], total: 0, message: null });
    },
  }));
}

/** The sweep as view keys that change while the page is open (for the address bar). */
export function sweepLinkView(store: SweepStore): {
  get(): Record<string, string>;
  subscribe(fn: () => void): () => void;
} {
  return {
    get: () => sweepViewKeys(store.getState().request),
    subscribe: (fn) =>
      store.subscribe((s, prev) => {
        if (s.request !== prev.request) fn();
      }),
  };
}
