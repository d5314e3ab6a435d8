import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, decodeScenario, encodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, PARAMS, type Scenario } from "../src-sim/scenario/params";
import linksV1 from "./fixtures/links-v1.json";
import { scenarioProblems, validScenario } from "./support/arbitraries";

const SEED = 20240601;
const runs = (numRuns: number) => ({ seed: SEED, numRuns });

function warnedKeys(query: string): string[] {
  return decodeScenario(query).warnings.map((w) => w.key);
}

describe("decodeScenario never throws", () => {
  it("decodeScenario(any string) returns a complete, valid scenario", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })), (text) => {
        const r = decodeScenario(text);
        expect(scenarioProblems(r.scenario)).toEqual([]);
        expect(Array.isArray(r.warnings)).toBe(true);
      }),
      runs(2000),
    );
  });

  it("decodeScenario(query built from table keys and junk values) returns a valid scenario", () => {
    const key = fc.oneof(fc.constantFrom(...PARAMS.map((p) => p.key), "v", "embed", "hide"), fc.string());
    const value = fc.oneof(
      fc.string(),
      fc.double().map(String),
      fc.constantFrom("", "NaN", "Infinity", "-1", "1e999", "0x10", "1_000", " 12 ", "%", "%zz", "+", "1e-999"),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 12 }), (entries) => {
        const query = entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
        expect(scenarioProblems(decodeScenario(query).scenario)).toEqual([]);
        // The raw (unescaped) form must not throw either.
        expect(scenarioProblems(decodeScenario(entries.map(([k, v]) => `${k}=${v}`).join("&")).scenario)).toEqual([]);
      }),
      runs(1000),
    );
  });

  it("decodeScenario(non-strings) gives the default scenario", () => {
    for (const input of [undefined, null, 42, {}, [], Symbol("x")]) {
      expect(decodeScenario(input).scenario).toEqual(DEFAULT_SCENARIO);
    }
  });
});

describe("round trip", () => {
  it("decodeScenario(encodeScenario(s)) equals s, without warnings, for every valid scenario", () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const r = decodeScenario(encodeScenario(s));
        expect(r.warnings).toEqual([]);
        expect(r.scenario).toEqual(s);
      }),
      runs(1000),
    );
  });

  it("the round trip also holds through a full URL with `?` and a hash", () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        expect(decodeScenario(`https://example.test/app/?${encodeScenario(s)}#chart`).scenario).toEqual(s);
      }),
      runs(200),
    );
  });

  it("view keys (embed, hide) survive the round trip whatever they hold, and commas stay readable", () => {
    fc.assert(
      fc.property(validScenario, fc.record({ embed: fc.constantFrom("1", "0", ""), hide: fc.string() }), (s, view) => {
        const r = decodeScenario(encodeScenario(s, view));
        expect(r.scenario).toEqual(s);
        expect(r.view).toEqual(view);
      }),
      runs(500),
    );
    expect(encodeScenario({ ...DEFAULT_SCENARIO }, { embed: "1", hide: "workload,memory" })).toBe(
      "embed=1&hide=workload,memory",
    );
  });

  it("encodeScenario(default) is empty, and only non-default keys are written, in table order", () => {
    expect(encodeScenario({ ...DEFAULT_SCENARIO })).toBe("");
    const s: Scenario = { ...DEFAULT_SCENARIO, t: 12.5, strategy: "watermark", producer: 200000 };
    expect(encodeScenario(s)).toBe("strategy=watermark&producer=200000&t=12.5");
  });

  it("encodeScenario is stable: equal scenarios give equal strings whatever the key order", () => {
    fc.assert(
      fc.property(validScenario, (s) => {
        const shuffled = Object.fromEntries(Object.entries(s).reverse()) as unknown as Scenario;
        expect(encodeScenario(shuffled)).toBe(encodeScenario(s));
      }),
      runs(200),
    );
  });
});

describe("bad values are replaced and reported", () => {
  it("clamps numbers below the minimum and above the maximum", () => {
    const r = decodeScenario("producer=0&consumer=1e99");
    expect(r.scenario.producer).toBe(1);
    expect(r.scenario.consumer).toBe(10_000_000);
    expect(r.warnings.map((w) => [w.key, w.used])).toEqual([
      ["producer", "1"],
      ["consumer", "10000000"],
    ]);
    expect(r.warnings[0].message).toMatch(/below the minimum/);
    expect(r.warnings[1].message).toMatch(/above the maximum/);
  });

  it("snaps counts to whole numbers, with a warning", () => {
    const r = decodeScenario("producer=1500.6");
    expect(r.scenario.producer).toBe(1501);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].message).toMatch(/multiple of 1/);
  });

  it("keeps fractional seconds where the step is 0", () => {
    const r = decodeScenario("signalDelay=0.0125&restart=2.5");
    expect(r.scenario.signalDelay).toBe(0.0125);
    expect(r.scenario.restart).toBe(2.5);
    expect(r.warnings).toEqual([]);
  });

  it("clamps numbers too large (or small) for a double, such as 1e999, like any out-of-range number", () => {
    const r = decodeScenario("producer=1e999&consumer=-1e999&duration=" + "9".repeat(400));
    expect([r.scenario.producer, r.scenario.consumer, r.scenario.duration]).toEqual([10_000_000, 1, 86_400]);
    expect(r.warnings.map((w) => [w.key, w.used])).toEqual([
      ["producer", "10000000"],
      ["consumer", "1"],
      ["duration", "86400"],
    ]);
    expect(r.warnings[0].message).toMatch(/above the maximum/);
  });

  it("names the value of an unknown key in its warning", () => {
    expect(decodeScenario("colour=blue").warnings[0].message).toBe(
      'Unknown setting "colour" (set to "blue") was ignored.',
    );
    expect(decodeScenario("flag").warnings[0].message).toBe('Unknown setting "flag" was ignored.');
  });

  it("replaces non-numbers with the default: empty, hex, NaN, Infinity, words", () => {
    for (const bad of ["", "0x10", "NaN", "Infinity", "fast", "1,000", "12abc"]) {
      const r = decodeScenario(`producer=${encodeURIComponent(bad)}`);
      expect(r.scenario.producer, bad).toBe(DEFAULT_SCENARIO.producer);
      expect(
        r.warnings.map((w) => w.key),
        bad,
      ).toEqual(["producer"]);
    }
  });

  it("replaces unknown enum names with the default", () => {
    const r = decodeScenario("strategy=lifo&arrivals=Poisson");
    expect(r.scenario.strategy).toBe("unbounded");
    expect(r.scenario.arrivals).toBe("constant"); // names are case-sensitive
    expect(warnedKeys("strategy=lifo&arrivals=Poisson")).toEqual(["strategy", "arrivals"]);
  });

  it("enforces low <= high <= capacity (watermark) and t <= duration", () => {
    const r = decodeScenario("strategy=watermark&capacity=100&high=500&low=900&duration=10&t=50");
    expect(r.scenario).toMatchObject({ capacity: 100, high: 100, low: 100, duration: 10, t: 10 });
    expect(r.warnings.map((w) => w.key)).toEqual(["high", "low", "t"]);
  });

  it("uses the first of duplicated keys and warns about the rest", () => {
    const r = decodeScenario("producer=5&producer=7&producer=9");
    expect(r.scenario.producer).toBe(5);
    expect(r.warnings.map((w) => w.key)).toEqual(["producer", "producer"]);
    expect(r.warnings[0].message).toMatch(/more than once/);
  });

  it("ignores unknown keys with a warning, and passes view keys through silently", () => {
    const r = decodeScenario("colour=blue&embed=1&hide=controls");
    expect(r.scenario).toEqual(DEFAULT_SCENARIO);
    expect(r.warnings.map((w) => w.key)).toEqual(["colour"]);
    expect(r.view).toEqual({ embed: "1", hide: "controls" });
  });

  it("reads a link from a newer version (v=99) as far as it can, with a warning", () => {
    const r = decodeScenario("v=99&producer=7&futureKnob=3");
    expect(r.version).toBe(99);
    expect(r.scenario.producer).toBe(7);
    expect(r.warnings.map((w) => w.key)).toEqual(["v", "futureKnob"]);
    expect(r.warnings[0].message).toMatch(/newer version/);
  });

  it("treats a malformed version as the current version, with a warning", () => {
    for (const v of ["0", "-1", "abc", "1.5", ""]) {
      const r = decodeScenario(`v=${v}&producer=7`);
      expect(r.version, v).toBe(SCHEMA_VERSION);
      expect(r.scenario.producer).toBe(7);
      expect(
        r.warnings.map((w) => w.key),
        v,
      ).toEqual(["v"]);
    }
    expect(decodeScenario("v=1&producer=7").warnings).toEqual([]);
  });

  it("version 2 (per-process random streams): written only on links with a random process; version 1 reads the same", () => {
    expect(encodeScenario({ ...DEFAULT_SCENARIO, producer: 7 })).toBe("producer=7");
    const random = { ...DEFAULT_SCENARIO, arrivals: "poisson" as const };
    expect(encodeScenario(random)).toBe(`v=${SCHEMA_VERSION}&arrivals=poisson`);
    expect(SCHEMA_VERSION).toBe(2);
    const later = [{ atSec: 5, key: "service" as const, value: "exponential" }];
    expect(encodeScenario(DEFAULT_SCENARIO, {}, later)).toMatch(/^v=2&changes=/);
    // A link without v is version 1; it decodes to the same scenario, without a warning.
    const old = decodeScenario("arrivals=poisson&seed=4");
    expect(old.version).toBe(1);
    expect(old.warnings).toEqual([]);
    expect(old.scenario).toEqual(decodeScenario("v=2&arrivals=poisson&seed=4").scenario);
    expect(decodeScenario("v=1&arrivals=poisson").warnings).toEqual([]);
  });

  it("treats script tags as plain text: rejected values, unknown keys, nothing executed", () => {
    const evil = "<script>alert(1)</script>";
    const r = decodeScenario(`strategy=${encodeURIComponent(evil)}&${encodeURIComponent(evil)}=1&producer=${evil}`);
    expect(r.scenario).toEqual(DEFAULT_SCENARIO);
    expect(r.warnings).toHaveLength(3);
    // The text comes back verbatim (the UI escapes it as text); nothing is interpreted.
    expect(r.warnings[0].given).toBe(evil);
  });

  it("handles unicode: full-width digits are not numbers, emoji keys are unknown, long text is cut", () => {
    const r = decodeScenario(
      `producer=${encodeURIComponent("１２３")}&${encodeURIComponent("🚀")}=1&strategy=${"x".repeat(500)}`,
    );
    expect(r.scenario).toEqual(DEFAULT_SCENARIO);
    expect(r.warnings.map((w) => w.key)).toEqual(["producer", "🚀", "strategy"]);
    expect(r.warnings[2].given!.length).toBeLessThanOrEqual(81);
  });

  it("treats Object.prototype names (toString, __proto__, constructor) as unknown keys", () => {
    for (const key of ["toString", "__proto__", "constructor", "hasOwnProperty", "valueOf"]) {
      const r = decodeScenario(`${key}=1`);
      expect(r.scenario, key).toEqual(DEFAULT_SCENARIO);
      expect(
        r.warnings.map((w) => w.key),
        key,
      ).toEqual([key]);
    }
  });

  it("survives broken percent escapes", () => {
    const r = decodeScenario("producer=%E0%A4%A&strategy=%ZZ");
    expect(r.scenario).toEqual(DEFAULT_SCENARIO);
    expect(r.warnings.map((w) => w.key)).toEqual(["producer", "strategy"]);
  });

  it("accepts `+` as a space and trims numbers", () => {
    expect(decodeScenario("producer=+1234+").scenario.producer).toBe(1234);
  });
});

describe("fixtures: version-1 links keep their meaning", () => {
  interface Fixture {
    link: string;
    scenario: Record<string, number | string>;
    warningKeys: string[];
    view: Record<string, string>;
  }
  const fixtures = (linksV1 as { links: Fixture[] }).links;

  // A link's meaning is the run it describes: every key that applies under its strategy. Keys
  // that do not apply (a watermark under drop-oldest) are no longer repaired against a capacity
  // they do not share since the strategy table made the rules per strategy, so they, and the
  // warnings about them, are compared only where they apply.
  const applies = (key: string, strategy: string) => {
    const row = PARAMS.find((p) => p.key === key);
    return !row?.strategies || (row.strategies as readonly string[]).includes(strategy);
  };
  it.each(fixtures.map((f) => [f.link || "(empty)", f] as const))("decodeScenario(%s) is unchanged", (_name, f) => {
    const r = decodeScenario(f.link);
    // Keys added to the table later must take their default: an old link never set them.
    const later = PARAMS.filter((p) => !(p.key in f.scenario));
    const expected: Record<string, unknown> = {
      ...f.scenario,
      ...Object.fromEntries(later.map((p) => [p.key, p.default])),
    };
    const strategy = String(expected.strategy);
    const pick = (o: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(o).filter(([k]) => applies(k, strategy)));
    expect(pick(r.scenario as unknown as Record<string, unknown>)).toEqual(pick(expected));
    const warned = (keys: string[]) => keys.filter((k) => !PARAMS.some((p) => p.key === k) || applies(k, strategy));
    expect(warned(r.warnings.map((w) => w.key))).toEqual(warned(f.warningKeys));
    expect(r.view).toEqual(f.view);
  });

  it("covers a dozen links", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
  });
});
