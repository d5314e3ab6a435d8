/**
 * A sweep in a link (src-sim/sweep/link.ts): the three view keys read back what was written,
 * bad values are named for the banner and never throw, and the codec passes the keys through.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeScenario, encodeScenario, VIEW_KEYS } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { STRATEGIES } from "../src-sim/scenario/strategies";
import { RUN_FIGURES } from "../src-sim/sweep/figures";
import { DEFAULT_SWEEP_FIGURES, parseSweepView, SWEEP_VIEW_KEYS, sweepViewKeys } from "../src-sim/sweep/link";

describe("parseSweepView", () => {
  it("reads the page's form and the command line's", () => {
    for (const sweep of ["consumer:20000:200000:50:linear", "consumer=20000:200000:50:linear"]) {
      const { request, warnings } = parseSweepView({ sweep });
      expect(warnings).toEqual([]);
      expect(request).toEqual({
        definition: { key: "consumer", from: 20_000, to: 200_000, points: 50, scale: "linear" },
        strategies: [],
        figures: [...DEFAULT_SWEEP_FIGURES],
        variants: null,
      });
    }
  });

  it("reads strategies and figures, dropping repeats and naming the unknown ones", () => {
    const { request, warnings } = parseSweepView({
      sweep: "capacity:10:1e6:25:log",
      sweepStrategies: "block, drop-newest,block,fifo",
      sweepFigures: "lost,dropped,speed",
    });
    expect(request?.strategies).toEqual(["block", "drop-newest"]);
    expect(request?.figures).toEqual(["lost", "dropped"]);
    expect(warnings.map((w) => w.key)).toEqual(["sweepStrategies", "sweepFigures"]);
    expect(warnings[0].message).toContain('"fifo" is not a strategy');
    expect(warnings[1].message).toContain('"speed" is not a figure');
  });

  it.each([
    [{ sweep: "consumer:a:2:3" }, "FROM and TO must be numbers"],
    [{ sweep: "nope:1:2:3" }, "not a parameter"],
    [{ sweep: "seed:1:9:3" }, "describes the run"],
    [{ sweep: "consumer:1:2:500" }, "POINTS must be"],
    [{ sweep: "x".repeat(5000) }, "too long"],
  ])("says what is wrong with sweep case %# and shows no sweep", (view, words) => {
    const { request, warnings } = parseSweepView(view);
    expect(request).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].key).toBe("sweep");
    expect(warnings[0].message).toContain(words);
  });

  it("warns about strategies or figures without a sweep", () => {
    const { request, warnings } = parseSweepView({ sweepStrategies: "block" });
    expect(request).toBeNull();
    expect(warnings[0].message).toContain("no sweep=KEY:FROM:TO:POINTS");
  });

  it("reads lines by a choice parameter, in the order given, and names what it cannot use", () => {
    expect(
      parseSweepView({ sweep: "producer:1:2:2", sweepLines: "service:constant,exponential" }).request?.variants,
    ).toEqual({
      key: "service",
      values: ["constant", "exponential"],
    });
    expect(parseSweepView({ sweep: "producer:1:2:2", sweepLines: "service" }).request?.variants?.values).toHaveLength(
      2,
    );
    const partly = parseSweepView({ sweep: "producer:1:2:2", sweepLines: "service:constant,uniform" });
    expect(partly.request?.variants).toEqual({ key: "service", values: ["constant"] });
    expect(partly.warnings[0].message).toContain("uniform is not a value of service");
    for (const bad of ["strategy:block", "consumer:1,2", "service:uniform"]) {
      const r = parseSweepView({ sweep: "producer:1:2:2", sweepLines: bad });
      expect(r.request?.variants).toBeNull();
      expect(r.warnings[0].key).toBe("sweepLines");
      expect(r.warnings[0].message).toContain("lines by strategy only");
    }
  });

  it("falls back to the default figures when none is usable", () => {
    const { request, warnings } = parseSweepView({ sweep: "consumer:1:2:3", sweepFigures: "," });
    expect(request?.figures).toEqual([...DEFAULT_SWEEP_FIGURES]);
    expect(warnings[0].message).toContain("Showing p99 latency and max depth");
  });

  it("round-trips every request through its view keys and a whole link", () => {
    const request = fc.record({
      key: fc.constantFrom("consumer", "producer", "capacity", "eventBytes"),
      points: fc.integer({ min: 2, max: 100 }),
      scale: fc.constantFrom("linear", "log"),
      strategies: fc.uniqueArray(fc.constantFrom(...STRATEGIES), { maxLength: 8 }),
      figures: fc.uniqueArray(fc.constantFrom(...RUN_FIGURES.map((f) => f.name)), { minLength: 1, maxLength: 12 }),
      variants: fc.option(
        fc.constantFrom(
          { key: "service" as const, values: ["exponential", "constant"] },
          { key: "arrivals" as const, values: ["poisson"] },
          { key: "onPause" as const, values: ["drop", "slow", "buffer"] },
        ),
        { nil: null },
      ),
    });
    fc.assert(
      fc.property(request, (r) => {
        const first = parseSweepView({ sweep: `${r.key}:10:100000:${r.points}:${r.scale}` }).request!;
        const asked = {
          ...first,
          strategies: STRATEGIES.filter((s) => r.strategies.includes(s)),
          figures: r.figures,
          variants: r.variants,
        };
        const query = encodeScenario(DEFAULT_SCENARIO, sweepViewKeys(asked));
        const back = parseSweepView(decodeScenario(query).view);
        expect(back.warnings).toEqual([]);
        expect(back.request).toEqual(asked);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on junk, and every warning is a sentence", () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.constantFrom("consumer:1:2:3", "capacity=10:1e9:100:log", "consumer:1:2:3:", ":::", "="),
    );
    fc.assert(
      fc.property(
        fc.record({ sweep: junk, sweepStrategies: junk, sweepFigures: junk, sweepLines: junk }, { requiredKeys: [] }),
        (view) => {
          const { request, warnings } = parseSweepView(view);
          for (const w of warnings) expect(w.message.length).toBeGreaterThan(10);
          if (request) expect(request.figures.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is carried by the scenario codec as view keys, without a warning", () => {
    for (const key of SWEEP_VIEW_KEYS) expect(VIEW_KEYS).toContain(key);
    const link = decodeScenario("?sweep=consumer:1:2:3&sweepStrategies=block&sweepFigures=lost");
    expect(link.warnings).toEqual([]);
    expect(link.view).toEqual({ sweep: "consumer:1:2:3", sweepStrategies: "block", sweepFigures: "lost" });
  });
});
