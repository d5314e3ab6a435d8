/**
 * What the store can ask of the simulation. The real implementation is the worker client
 * (web/runtime/simClient.ts); tests pass a recorder. Keeping this seam narrow keeps the store
 * free of workers, ports and frames.
 */
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import type { EventKind } from "../../src-sim/engine/types";
import type { Scenario } from "../../src-sim/scenario/params";
import type { Speed } from "../../src-sim/worker/protocol";

/** Commands to the simulation runtime. */
export interface SimCommands {
  /** Parameters from the current simulated time on, recorded on the timeline of changes. */
  setScenario(scenario: Scenario): void;
  /** The scenario the run starts with: a change to the whole run (not recorded). */
  setBase(scenario: Scenario): void;
  /** Replaces the timeline of changes. */
  setChanges(changes: ScenarioChange[]): void;
  /** Plays on; pauses at the sample after the first event of a `stopAt` kind (key moments). */
  play(stopAt?: readonly EventKind[]): void;
  pause(): void;
  /** Pauses, then moves by whole samples (negative goes back). */
  step(samples: number): void;
  /** Moves to a simulated time, s. */
  seek(timeSec: number): void;
  setSpeed(speed: Speed): void;
  /** Starts over at t = 0 with `scenario` and its timeline of changes. */
  reset(scenario: Scenario, changes: ScenarioChange[]): void;
  /**
   * Replaces a failed worker with a fresh one on `scenario` (the run's start) and its changes,
   * replayed to `timeSec` (s) and paused there: the moment the page last showed, so nothing of
   * the run is lost.
   */
  recover(scenario: Scenario, speed: Speed, timeSec: number, changes: ScenarioChange[]): void;
  /**
   * Replaces the run with a fresh one of `scenario`, replayed to `scenario.t` (s) and paused
   * there: opening a preset, or going Back/Forward to another link.
   */
  load(scenario: Scenario, speed: Speed, changes: ScenarioChange[]): void;
}
