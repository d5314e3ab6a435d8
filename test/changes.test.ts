/**
 * Issue 9, item 2: the timeline of changes in the link (codec), in the Timeline and in the
 * command line's run: a link with changes reproduces a run in which the same changes were made by
 * hand while it played.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChangingRun } from "../src-sim/models/changingRun";
import { decodeChanges, encodeChanges, scenarioAt, type ScenarioChange } from "../src-sim/scenario/changes";
import { decodeScenario, encodeScenario, type DecodeWarning } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { Timeline } from "../src-sim/worker/timeline";
import { sameBits } from "./support/samples";
import { changedScenario, randomChange } from "./support/changeArbitraries";
import { smallScenario } from "./support/arbitraries";

const noisy: Scenario = {
  ...DEFAULT_SCENARIO,
  arrivals: "poisson",
  service: "exponential",
  producer: 3000,
  consumer: 2000,
  strategy: "watermark",
  capacity: 800,
  high: 600,
  low: 100,
  duration: 20,
  seed: 3,
};

describe("the link's changes key", () => {
  it("decodes changes=30:consumer:80000;60:strategy:drop-newest, readable in the query", () => {
    const query = "strategy=block&changes=30:consumer:80000;60:strategy:drop-newest";
    const link = decodeScenario(query);
    expect(link.warnings).toEqual([]);
    expect(link.changes).toEqual([
      { atSec: 30, key: "consumer", value: 80_000 },
      { atSec: 60, key: "strategy", value: "drop-newest" },
    ]);
    expect(encodeScenario(link.scenario, {}, link.changes)).toBe(query);
  });

  it("a link without it has no changes (old links keep their meaning)", () => {
    expect(decodeScenario("strategy=block&t=85").changes).toEqual([]);
    expect(encodeScenario({ ...DEFAULT_SCENARIO, strategy: "block" })).toBe("strategy=block");
  });

  it("reports bad entries and keeps the good ones, never throwing", () => {
    const warnings: DecodeWarning[] = [];
    const changes = decodeChanges(
      "x:consumer:1;5:nope:1;6:duration:10;7:consumer:abc;8:strategy:fast;9:consumer;10:consumer:1e99;;11:onPause:drop",
      warnings,
    );
    expect(changes).toEqual([
      { atSec: 10, key: "consumer", value: 10_000_000 },
      { atSec: 11, key: "onPause", value: "drop" },
    ]);
    expect(warnings.map((w) => w.key)).toEqual(Array(7).fill("changes"));
    expect(warnings.map((w) => w.message).join("\n")).toMatch(/not a setting[\s\S]*whole run[\s\S]*not a number/);
  });

  it("sorts by time, keeping the given order at equal times", () => {
    const changes = decodeChanges("9:consumer:5;2:producer:7;9:consumer:6", []);
    expect(encodeChanges(changes)).toBe("2:producer:7;9:consumer:5;9:consumer:6");
    expect(scenarioAt(DEFAULT_SCENARIO, changes, 9).consumer).toBe(6);
    expect(scenarioAt(DEFAULT_SCENARIO, changes, 8.9).consumer).toBe(DEFAULT_SCENARIO.consumer);
  });

  it("round-trips any list of valid changes through the link", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 100_000 }), randomChange), { maxLength: 8 }), (raw) => {
        const changes: ScenarioChange[] = raw.map(([ms, c]) => {
          const s = changedScenario(DEFAULT_SCENARIO, c);
          return { atSec: ms / 1000, key: c.key, value: s[c.key] };
        });
        const link = decodeScenario(encodeScenario(DEFAULT_SCENARIO, {}, changes));
        expect(link.warnings).toEqual([]);
        expect(encodeChanges(link.changes)).toBe(encodeChanges(changes));
      }),
      { seed: 21, numRuns: 300 },
    );
  });
});

describe("Timeline and ChangingRun apply the changes at their times", () => {
  it("a Timeline opened with the changes equals one where they were made while it ran", () => {
    const live = new Timeline(noisy);
    live.advanceTo(40);
    live.setScenario({ ...noisy, consumer: 4000 });
    live.advanceTo(90);
    live.setScenario({ ...noisy, consumer: 4000, onPause: "buffer" });
    live.advanceTo(200);
    const changes = live.changeList;
    expect(encodeChanges(changes)).toBe("4:consumer:4000;9:onPause:buffer");
    const opened = new Timeline(noisy, changes);
    opened.advanceTo(200);
    const run = new ChangingRun(noisy, changes, { sampleIntervalSec: 0.1 });
    run.advanceTo(20);
    const a = live.sim.readSamples(0);
    const b = opened.sim.readSamples(0);
    const c = run.sim.readSamples(0);
    for (const name of SAMPLE_COLUMNS) {
      expect(sameBits(b.columns[name], a.columns[name]), name).toBe(true);
      expect(sameBits(c.columns[name], a.columns[name]), name).toBe(true);
    }
    expect(opened.sim.summary()).toEqual(live.sim.summary());
    expect(run.sim.summary()).toEqual(live.sim.summary());
  });

  it("removing a change (setChanges) gives the run without it; seeking across changes replays them", () => {
    const changes: ScenarioChange[] = [
      { atSec: 5, key: "consumer", value: 4000 },
      { atSec: 12, key: "strategy", value: "drop-oldest" },
    ];
    const t = new Timeline(noisy, changes);
    t.advanceTo(150);
    const full = t.sim.readSamples(0);
    t.seek(30);
    expect(t.sim.scenario.consumer).toBe(2000);
    t.seek(150);
    for (const name of SAMPLE_COLUMNS)
      expect(sameBits(t.sim.readSamples(0).columns[name], full.columns[name])).toBe(true);
    t.setChanges([changes[0]]);
    expect(t.index).toBe(150);
    const without = new Timeline(noisy, [changes[0]]);
    without.advanceTo(150);
    expect(t.sim.readSamples(0)).toEqual(without.sim.readSamples(0));
    expect(t.sim.scenario.strategy).toBe("watermark");
  });

  it("setBase changes the whole run and keeps the timeline of changes", () => {
    const changes: ScenarioChange[] = [{ atSec: 5, key: "consumer", value: 4000 }];
    const t = new Timeline(noisy, changes);
    t.advanceTo(100);
    t.setBase({ ...noisy, producer: 3500 });
    const fresh = new Timeline({ ...noisy, producer: 3500 }, changes);
    fresh.advanceTo(100);
    expect(t.index).toBe(100);
    expect(t.changeList).toEqual(changes);
    expect(t.sim.readSamples(0)).toEqual(fresh.sim.readSamples(0));
  });

  it("random change lists: Timeline (with seeks) and ChangingRun give the same samples", () => {
    fc.assert(
      fc.property(smallScenario, fc.array(randomChange, { minLength: 1, maxLength: 4 }), fc.nat(60), (s, raw, back) => {
        let at = 0;
        let cur = s;
        const changes: ScenarioChange[] = [];
        for (const c of raw) {
          at += c.afterSec;
          cur = changedScenario(cur, c);
          changes.push({ atSec: Math.round(at * 10) / 10, key: c.key, value: cur[c.key] });
        }
        const base = { ...s, duration: 5 };
        const t = new Timeline(base, changes);
        t.advanceTo(50);
        t.seek(back % 50);
        t.advanceTo(50);
        const run = new ChangingRun(base, changes, { sampleIntervalSec: 0.1 });
        run.advanceTo(5);
        const a = t.sim.readSamples(0);
        const b = run.sim.readSamples(0);
        for (const name of SAMPLE_COLUMNS) expect(sameBits(b.columns[name], a.columns[name]), name).toBe(true);
      }),
      { seed: 22, numRuns: 150 },
    );
  }, 120_000);
});

describe("the command line runs a link's changes", () => {
  it("gives the summary the page's Timeline gives for the same link", async () => {
    const { buildReport } = await import("../src-sim/cli/run");
    const query = "strategy=block&duration=60&changes=30:onPause:buffer;45:consumer:90000";
    const { report } = buildReport(query, null, [30, 50], null);
    const link = decodeScenario(query);
    const page = new Timeline(link.scenario, link.changes);
    page.advanceTo(page.endIndex);
    expect(report.summary).toEqual(page.sim.summary());
    expect(report.changes).toEqual(link.changes);
    // The producer kept emitting after the change to buffer (issue 9's stall).
    expect(report.at[1].produced - report.at[0].produced).toBeGreaterThan(1_900_000);
  });
});
