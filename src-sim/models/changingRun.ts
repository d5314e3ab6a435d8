/**
 * A run of a scenario with its timeline of changes (src-sim/scenario/changes.ts), for the command
 * line and tests: the engine advanced on its sample grid, each change applied right after the
 * sample it falls on is recorded, exactly where the page's Timeline applies it. The same link
 * therefore gives the same samples here and on the page.
 */
import { type Simulation, type SimulationOptions } from "../engine/simulation";
import { applyChanges, changeIndex, sortChanges, type ScenarioChange } from "../scenario/changes";
import type { Scenario } from "../scenario/params";
import { createSimulation } from "./index";

/** An engine that applies a list of changes at their times as it advances. */
export class ChangingRun {
  /** The engine (read it; advance it through {@link ChangingRun.advanceTo}). */
  readonly sim: Simulation;
  private readonly changes: Array<ScenarioChange & { index: number }>;
  private cursor = 0;

  /** Starts `base` at t = 0 with `changes` to come. */
  constructor(base: Scenario, changes: readonly ScenarioChange[], options: SimulationOptions = {}) {
    this.sim = createSimulation(base, options);
    const interval = this.sim.sampleIntervalSec;
    this.changes = sortChanges(changes).map((c) => ({ ...c, index: changeIndex(c.atSec, interval) }));
    this.applyThrough(0);
  }

  /** Advances to the last sample at or before `tSec`, applying every change on the way. */
  advanceTo(tSec: number): void {
    const interval = this.sim.sampleIntervalSec;
    const last = Math.floor(tSec / interval + 1e-9);
    while (this.cursor < this.changes.length && this.changes[this.cursor].index <= last) {
      const index = this.changes[this.cursor].index;
      this.sim.advanceTo(index * interval);
      this.applyThrough(index);
    }
    this.sim.advanceTo(tSec);
  }

  /** Applies the changes due at or before sample `index` together (one repair). */
  private applyThrough(index: number): void {
    const from = this.cursor;
    while (this.cursor < this.changes.length && this.changes[this.cursor].index <= index) this.cursor++;
    if (this.cursor > from)
      this.sim.setScenario(applyChanges(this.sim.scenario, this.changes.slice(from, this.cursor)));
  }
}
