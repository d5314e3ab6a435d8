/**
 * The strategy table's `eventKinds` list every kind a strategy's runs log, so the event lane's
 * legend (derived from it) never leaves a mark unexplained: every preset, and every strategy
 * under each producer reaction, with a consumer small enough to crash and restart.
 */
import { describe, expect, it } from "vitest";
import { EVENT_KINDS, type EventKind } from "../src-sim/engine/types";
import { createSimulation } from "../src-sim/models/index";
import { decodeScenario } from "../src-sim/scenario/codec";
import { PRESETS } from "../src-sim/scenario/presets";
import { STRATEGIES, STRATEGY_TABLE } from "../src-sim/scenario/strategies";

/** Kinds logged by the run of `query` over its first `untilSec` seconds. */
function loggedKinds(query: string, untilSec: number): Set<EventKind> {
  const { scenario } = decodeScenario(query);
  const sim = createSimulation(scenario);
  sim.advanceTo(Math.min(untilSec, scenario.duration));
  return new Set(sim.readEvents(0).map((e) => e.kind));
}

const CASES: Array<[string, string]> = [
  ...PRESETS.map((p): [string, string] => [p.id, p.query]),
  ...STRATEGIES.flatMap((s) =>
    (["slow", "buffer", "drop"] as const).map((onPause): [string, string] => [
      `${s}, onPause=${onPause}, small memory, restart`,
      `strategy=${s}&onPause=${onPause}&memory=1e6&producerMemory=1e6&restart=1&capacity=100000&duration=20&handoff=async&publisher=hot&overflow=error`,
    ]),
  ),
];

describe("strategy table eventKinds", () => {
  it.each(CASES)("%s logs only kinds its strategy lists", (_, query) => {
    const { scenario } = decodeScenario(query);
    const listed = new Set(STRATEGY_TABLE[scenario.strategy].eventKinds);
    const missing = [...loggedKinds(query, 60)].filter((k) => !listed.has(k));
    expect(missing).toEqual([]);
  });

  it("name only kinds the engine knows, each once", () => {
    for (const s of STRATEGIES) {
      const kinds = STRATEGY_TABLE[s].eventKinds;
      expect(
        kinds.every((k) => EVENT_KINDS.includes(k)),
        s,
      ).toBe(true);
      expect(new Set(kinds).size, s).toBe(kinds.length);
    }
  });
});
