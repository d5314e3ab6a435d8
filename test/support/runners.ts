/**
 * One face for the engine and the oracle, so the closed-form tests run against both: the
 * oracle earns its place as a reference by passing the same theory checks the engine must.
 */
import { createSimulation } from "../../src-sim/models/index";
import type { SampleColumn, SimEvent, Summary } from "../../src-sim/engine/types";
import type { Scenario } from "../../src-sim/scenario/params";
import { Oracle } from "../oracle";

/** A run that can be advanced and read. */
export interface Run {
  advanceTo(tSec: number): void;
  summary(): Summary;
  /** One column of every sample so far. */
  column(name: SampleColumn): ArrayLike<number>;
  events(): SimEvent[];
}

/** A named way to start a run. */
export interface Runner {
  name: string;
  start(scenario: Scenario, sampleIntervalSec?: number): Run;
}

/** The fast engine. */
export const engineRunner: Runner = {
  name: "engine",
  start(scenario, sampleIntervalSec = 0.1) {
    const sim = createSimulation(scenario, { sampleIntervalSec });
    return {
      advanceTo: (t) => sim.advanceTo(t),
      summary: () => sim.summary(),
      column: (name) => sim.readSamples(0).columns[name],
      events: () => sim.readEvents(0),
    };
  },
};

/** The reference oracle. */
export const oracleRunner: Runner = {
  name: "oracle",
  start(scenario, sampleIntervalSec = 0.1) {
    const o = new Oracle(scenario, { sampleIntervalSec });
    return {
      advanceTo: (t) => o.advanceTo(t),
      summary: () => o.summary(),
      column: (name) => o.samples[name],
      events: () => o.events,
    };
  },
};

/** Both, for `describe.each`. */
export const RUNNERS: readonly Runner[] = [engineRunner, oracleRunner];
