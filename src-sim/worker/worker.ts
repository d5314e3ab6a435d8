/**
 * Entry point of the simulation worker: binds the runtime to the worker's global scope and to
 * the real wall clock. Everything else lives in runtime.ts so that tests can run it over a
 * MessageChannel with a fake clock.
 */
import type { Endpoint } from "./protocol";
import { serveSimulation, type Clock } from "./runtime";

const realClock: Clock = {
  now: () => performance.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

serveSimulation(self as unknown as Endpoint, realClock);
