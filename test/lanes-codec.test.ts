/**
 * The comparison link (issue 13): `lanes=` and `compareView=` beside the shared workload. Round
 * trips for every valid comparison, and bad lane specs that never throw, always give 2 to 4 valid
 * lanes or a single run, and name each problem in a warning.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeScenario, encodeScenario } from "../src-sim/scenario/codec";
import {
  MAX_LANES,
  MIN_LANES,
  encodeComparison,
  encodeLanes,
  laneKeys,
  laneOf,
  laneScenario,
  openLink,
  sharedWorkload,
  type Comparison,
  type LaneSpec,
} from "../src-sim/scenario/lanes";
import { PARAM_BY_KEY, STRATEGIES, type Scenario } from "../src-sim/scenario/params";
import { sameSimulation } from "../src-sim/scenario/sameSimulation";
import { scenarioProblems, validScenario } from "./support/arbitraries";

const SEED = 1313;

/** A lane drawn from a valid scenario: its strategy and the lane keys that apply to it. */
const anyLane: fc.Arbitrary<LaneSpec> = validScenario.map((s) => laneOf(s));

const anyComparison: fc.Arbitrary<Comparison> = fc.record({
  shared: validScenario.map((s) => sharedWorkload(s)),
  lanes: fc.array(anyLane, { minLength: MIN_LANES, maxLength: MAX_LANES }),
  view: fc.constantFrom("overlay" as const, "multiples" as const),
});

function compared(link: string): { shared: Scenario; lanes: Scenario[]; view: string } {
  const opened = openLink(link);
  if (opened.kind !== "compare") throw new Error(`not a comparison: ${link}`);
  const { shared, lanes, view } = opened.comparison;
  return { shared, lanes: lanes.map((l) => laneScenario(shared, l)), view };
}

describe("lane codec", () => {
  it("openLink(encodeComparison(c)) gives back every valid comparison", () => {
    fc.assert(
      fc.property(anyComparison, (c) => {
        const link = encodeComparison(c);
        const back = compared(link);
        expect(back.view).toBe(c.view);
        expect(sameSimulation(back.shared, c.shared)).toBe(true);
        expect(back.shared.t).toBe(c.shared.t);
        expect(back.lanes.length).toBe(c.lanes.length);
        c.lanes.forEach((lane, i) => expect(back.lanes[i]).toEqual(laneScenario(c.shared, lane)));
        // And the decoded comparison writes the same link again.
        const again = openLink(link);
        if (again.kind === "compare") expect(encodeComparison(again.comparison)).toBe(link);
        expect(openLink(link).kind === "compare" && (openLink(link) as { warnings: unknown[] }).warnings).toEqual([]);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("a link without lanes decodes exactly as a single-run link", () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const link = encodeScenario(s);
        const opened = openLink(link);
        expect(opened.kind).toBe("single");
        if (opened.kind === "single") expect(opened.link).toEqual(decodeScenario(link));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it("writes lanes readably: strategy, then key:value where not default", () => {
    const lanes: LaneSpec[] = [
      { strategy: "unbounded", params: {} },
      { strategy: "watermark", params: { high: 9000, low: 1000 } },
      { strategy: "block", params: { onPause: "buffer" } },
    ];
    expect(encodeLanes(lanes)).toBe("unbounded;watermark,high:9000,low:1000;block,onPause:buffer");
    const link = encodeComparison({
      shared: sharedWorkload({ ...decodeScenario("").scenario, seed: 7 }),
      lanes,
      view: "multiples",
    });
    expect(link).toBe("seed=7&lanes=unbounded;watermark,high:9000,low:1000;block,onPause:buffer&compareView=multiples");
  });

  it("a lane key at the top of the link is every lane's starting value", () => {
    const c = compared("capacity=5000&lanes=drop-newest;block,capacity:2000;unbounded");
    expect(c.lanes[0].capacity).toBe(5000);
    expect(c.lanes[1].capacity).toBe(2000);
    // Not a lane key of unbounded: the lane runs the default.
    expect(c.lanes[2].capacity).toBe(PARAM_BY_KEY.capacity.default);
  });

  it("leaves out a lane with an unknown strategy and ignores keys that do not belong, with warnings", () => {
    const opened = openLink(
      "lanes=unbounded;bogus,high:3;block,high:5000,producer:3,nonsense:1,capacity:abc;watermark,high:99999",
    );
    expect(opened.kind).toBe("compare");
    if (opened.kind !== "compare") return;
    expect(opened.comparison.lanes.map((l) => l.strategy)).toEqual(["unbounded", "block", "watermark"]);
    const text = opened.warnings.map((w) => w.message).join("\n");
    expect(text).toMatch(/"bogus" is not a strategy .* the lane "bogus,high:3" was left out/);
    expect(text).toMatch(/"high" does not apply to block/);
    expect(text).toMatch(/"producer" belongs to the shared workload/);
    expect(text).toMatch(/"nonsense" is not a setting/);
    expect(text).toMatch(/Lane B: Capacity: "abc" is not a number/);
    // The watermark lane's high is repaired to its capacity, and said so.
    expect(text).toMatch(/Lane C: High watermark 99999 is above the capacity/);
    expect(laneScenario(opened.comparison.shared, opened.comparison.lanes[2]).high).toBe(PARAM_BY_KEY.capacity.default);
  });

  it("keeps the first four of five lanes and says so", () => {
    const opened = openLink("lanes=unbounded;block;watermark;drop-newest;drop-oldest");
    expect(opened.kind).toBe("compare");
    if (opened.kind !== "compare") return;
    expect(opened.comparison.lanes).toHaveLength(4);
    expect(opened.warnings.some((w) => /at most 4 lanes; one more was left out/.test(w.message))).toBe(true);
  });

  it("falls back to the single run of the one usable lane, with a warning", () => {
    const opened = openLink("producer=90000&lanes=block,capacity:300;nope");
    expect(opened.kind).toBe("single");
    if (opened.kind !== "single") return;
    expect(opened.link.scenario.strategy).toBe("block");
    expect(opened.link.scenario.capacity).toBe(300);
    expect(opened.link.scenario.producer).toBe(90000);
    expect(opened.link.warnings.some((w) => /showing a single run/.test(w.message))).toBe(true);
  });

  it("a bad chart view reads as overlay, with a warning", () => {
    const opened = openLink("lanes=unbounded;block&compareView=sideways");
    expect(opened.kind === "compare" && opened.comparison.view).toBe("overlay");
    expect(opened.kind === "compare" && opened.warnings.some((w) => /sideways/.test(w.message))).toBe(true);
  });

  it("never throws on fuzzed lanes, and gives 2 to 4 valid lanes or a single run", () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom(...STRATEGIES),
      fc.constantFrom(...laneKeys("watermark"), ...laneKeys("tcp"), "producer", "seed", "__proto__", "toString"),
      fc.constantFrom(";", ",", ":", "%", "%3B", "&", "=", "1e999", "-1", "NaN", ""),
    );
    const junk = fc.array(piece, { maxLength: 30 }).map((p) => p.join(""));
    fc.assert(
      fc.property(junk, fc.boolean(), (lanes, raw) => {
        const link = `producer=80000&lanes=${raw ? lanes : encodeURIComponent(lanes)}`;
        const opened = openLink(link);
        if (opened.kind === "single") {
          expect(scenarioProblems(opened.link.scenario)).toEqual([]);
          return;
        }
        const { shared, lanes: specs } = opened.comparison;
        expect(specs.length).toBeGreaterThanOrEqual(MIN_LANES);
        expect(specs.length).toBeLessThanOrEqual(MAX_LANES);
        for (const spec of specs) {
          const s = laneScenario(shared, spec);
          expect(scenarioProblems(s)).toEqual([]);
          expect(s.producer).toBe(80000);
        }
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it("never throws on anything at all", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const opened = openLink(x);
        expect(["single", "compare"]).toContain(opened.kind);
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(openLink(`lanes=${"unbounded;".repeat(5000)}`).kind).toBe("single");
  });
});
