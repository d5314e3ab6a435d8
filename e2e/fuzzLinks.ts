/**
 * A seeded generator of random and mutated links for the page's fuzz tier
 * (e2e/fuzz-links.spec.ts): the same seed gives the same links, in the same order, every run.
 *
 * A link is a handful of keys from the scenario table with valid values, then mutations: junk
 * values (empty, words, signs, huge and tiny numbers, full-width digits, markup, broken percent
 * escapes, long runs of digits), unknown keys, duplicated keys, view keys (embed, hide, sweep,
 * story) with odd values, and versions. The moment `t` stays within the first seconds: this tier looks for pages
 * that crash or lie, not for long replays (the benchmarks measure those).
 */
import { PARAMS } from "../src-sim/scenario/params";

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = [
  "",
  "abc",
  "-5",
  "-0",
  "1e999",
  "-1e999",
  "1e-999",
  "NaN",
  "Infinity",
  "0x10",
  "1_000",
  "1,000",
  " 7 ",
  "%EF%BC%91%EF%BC%92",
  "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "<img src=x onerror=alert(1)>",
  "%",
  "%zz",
  "%E0%A4%A",
  "%F0%9F%9A%80",
  "true",
  "null",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "9".repeat(400),
  "1".repeat(60) + "x",
  "0.000000000000000000001",
];

const UNKNOWN_KEYS = [
  "colour",
  "futureKnob",
  "__proto__",
  "constructor",
  "%3Cb%3E",
  "🚀",
  "PRODUCER",
  "t ",
  "",
  "a".repeat(90),
];

/**
 * Sweep keys: mostly broken, sometimes a small valid sweep (2 points of a short range, so the
 * page's workers finish it quickly), sometimes strategies or figures without a sweep.
 */
const SWEEPS: ReadonlyArray<(pick: <T>(list: readonly T[]) => T, junk: readonly string[]) => string> = [
  (pick, junk) => `sweep=${pick(junk)}`,
  (pick, junk) => `sweep=consumer:${pick(junk)}:60000:2`,
  (pick) => `sweep=${pick(["consumer:40000:60000:2", "capacity=100:1000:2:log", "seed:1:2:2", "nope:1:2:3"])}`,
  (pick, junk) => `sweepStrategies=${pick(["block,nope", "unbounded", pick(junk)])}`,
  (pick, junk) => `sweepFigures=${pick(["lost,speed", ",", pick(junk)])}`,
  (pick, junk) => `sweepLines=${pick(["service:constant", "service:uniform", "strategy:block", pick(junk)])}`,
];

/**
 * Comparison keys: lanes that are valid, partly broken or junk, and a comparison view with or
 * without lanes (a link with lanes opens the compare page, which must name what it cannot use).
 */
const COMPARISONS: ReadonlyArray<(pick: <T>(list: readonly T[]) => T, junk: readonly string[]) => string> = [
  (pick) => `lanes=${pick(["unbounded;block", "unbounded;watermark,high:9000;block", "tcp;kafka;reactive"])}`,
  (pick, junk) => `lanes=${pick(["unbounded;nope", "block,capacity:abc;drop-newest", "a;b;c;d;e;f", pick(junk)])}`,
  (pick, junk) => `lanes=unbounded;block&compareView=${pick(["multiples", "overlay", pick(junk)])}`,
  (pick, junk) => `compareView=${pick(["multiples", pick(junk)])}`,
];

/**
 * Pipeline keys (`stages=`, which opens the pipeline page): chains that run, chains with broken
 * stages, too many stages, hop kinds the chain may not carry, and junk.
 */
const PIPELINES: ReadonlyArray<(pick: <T>(list: readonly T[]) => T, junk: readonly string[]) => string> = [
  (pick) =>
    `stages=${pick([
      "block,consumer:40000;unbounded",
      "drop-newest,capacity:100;block",
      "watermark,high:9000,low:100;block,consumer:30000",
      "drop-oldest,capacity:10,service:exponential;unbounded,memory:20000000",
      "unbounded,restart:0.5,memory:5000000;block,consumer:200000",
    ])}`,
  (pick, junk) =>
    `stages=${pick([
      "block,consumer:abc",
      ";;;",
      "a;b;c;d;e;f;g",
      "block,capacity:-5;unbounded,memory:1e999",
      "kafka;reactive;tcp",
      "watermark,high:1,low:9;block,nope:1",
      `block,consumer:${pick(junk)}`,
      pick(junk),
    ])}`,
];

/** One random link's query, without the leading "?"; `withStages` adds a pipeline's `stages=`. */
export function randomQuery(rand: () => number, withStages = false): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const pairs: string[] = [];
  const count = Math.floor(rand() * 7);
  for (let i = 0; i < count; i++) {
    const p = pick(PARAMS);
    let value: string;
    if (p.kind === "enum") {
      value = pick(p.values);
    } else if (p.key === "t") {
      value = String(Math.round(rand() * 50) / 10);
    } else {
      const lo = Math.max(p.min, 1e-3);
      value = String(Number((lo * Math.pow(p.max / lo, rand())).toPrecision(3)));
    }
    pairs.push(`${p.key}=${value}`);
  }
  const mutations = Math.floor(rand() * 4);
  for (let i = 0; i < mutations; i++) {
    const r = rand();
    if (r < 0.45) pairs.push(`${pick(PARAMS).key}=${pick(JUNK)}`);
    else if (r < 0.6) pairs.push(`${pick(UNKNOWN_KEYS)}=${pick(JUNK)}`);
    else if (r < 0.7 && pairs.length) pairs.push(pick(pairs));
    else if (r < 0.8) pairs.push(`v=${pick(["1", "2", "99", "0", "abc", "1e3", "-1"])}`);
    else if (r < 0.85) pairs.push(`hide=${pick(["memory", "controls", "nope", "workload,tcp,,", pick(JUNK)])}`);
    else if (r < 0.9) pairs.push(`embed=${pick(["1", "0", "yes", pick(JUNK)])}`);
    else if (r < 0.93) pairs.push(`story=${pick(["1", "4", "0", "99", "-1", "2.5", pick(JUNK)])}`);
    else if (r < 0.96) pairs.push(pick(SWEEPS)(pick, JUNK));
    else pairs.push(pick(COMPARISONS)(pick, JUNK));
  }
  if (withStages) {
    pairs.push(pick(PIPELINES)(pick, JUNK));
    // Sometimes twice: the page uses the first and says so.
    if (rand() < 0.1) pairs.push(pick(PIPELINES)(pick, JUNK));
  }
  // Shuffle so that junk and duplicates land anywhere.
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
  }
  return pairs.join("&");
}
