/**
 * The codec's fuzz tier (issue 12): 10,000 random and mutated links. Each must decode without
 * throwing into a complete scenario with no NaN, and every key that was not used as given must
 * be named in the warnings: an unknown key, a repeated one, a value that was replaced.
 *
 * Links are built from (key, value) pairs and percent-encoded, so the test knows what the codec
 * read; a share of them also gets raw character mutations, for which only "no throw, valid
 * scenario" is checked (what such a link means is not defined).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHANGES_KEY } from "../src-sim/scenario/changes";
import { MAX_KEY_WARNINGS, MAX_VIEW_VALUE, VIEW_KEYS, decodeScenario, encodeScenario } from "../src-sim/scenario/codec";
import { PARAMS, PARAM_BY_KEY, type Param } from "../src-sim/scenario/params";
import { PRESETS } from "../src-sim/scenario/presets";
import { scenarioProblems, validScenario } from "./support/arbitraries";
import { CHAPTERS } from "../web/story/chapters";
import { parseStoryView } from "../web/story/storyLink";
import { decodeChapterLink, linkSetsScenario } from "../web/story/storyNav";

const SEED = 1212;
const RUNS = 10_000;
/** Generous for a busy 2-core machine: the runs take about 2 s alone. */
const TIMEOUT_MS = 120_000;

const KNOWN = PARAMS.map((p) => p.key as string);

/** A valid link to start from: a preset, or a random valid scenario. */
const baseLink = fc.oneof(
  fc.constantFrom(...PRESETS.map((p) => p.query)),
  validScenario.map((s) => encodeScenario(s)),
);

const junkValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.double().map(String),
  fc.constantFrom(
    "",
    "NaN",
    "Infinity",
    "-1",
    "1e999",
    "1e3",
    "0x10",
    "1_000",
    " 12 ",
    "%",
    "+",
    "<script>",
    "9".repeat(1200),
  ),
);
const key = fc.oneof(
  fc.constantFrom(...KNOWN, "v", "embed", "hide", "story"),
  fc.string({ minLength: 1, maxLength: 10 }),
);

type Pair = [string, string];

/** Pair-level mutations: replace a value, replace a key, add a pair, repeat one, drop one. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("value" as const), at: fc.nat(), text: junkValue }),
  fc.record({ op: fc.constant("key" as const), at: fc.nat(), text: key }),
  fc.record({ op: fc.constant("add" as const), at: fc.nat(), text: fc.tuple(key, junkValue) }),
  fc.record({ op: fc.constant("repeat" as const), at: fc.nat(), text: fc.constant(null) }),
  fc.record({ op: fc.constant("drop" as const), at: fc.nat(), text: fc.constant(null) }),
);

function parse(link: string): Pair[] {
  return link
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      return [decodeURIComponent(p.slice(0, eq)), decodeURIComponent(p.slice(eq + 1))];
    });
}

interface Mutation {
  op: "value" | "key" | "add" | "repeat" | "drop";
  at: number;
  text: unknown;
}

function mutate(pairs: Pair[], m: Mutation): Pair[] {
  const out = pairs.slice();
  if (m.op === "add") {
    out.splice(m.at % (out.length + 1), 0, m.text as Pair);
    return out;
  }
  if (out.length === 0) return out;
  const i = m.at % out.length;
  if (m.op === "value") out[i] = [out[i][0], m.text as string];
  else if (m.op === "key") out[i] = [m.text as string, out[i][1]];
  else if (m.op === "repeat") out.splice(i, 0, out[i]);
  else out.splice(i, 1);
  return out;
}

const shown = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** Whether `text` is exactly how the codec would read `used` back (a value taken as given). */
function takenAsGiven(param: Param, text: string, used: number | string): boolean {
  if (param.kind === "enum") return text === used;
  const t = text.trim();
  return t !== "" && Number(t) === used;
}

/** The keys of `pairs` that were not used as given and must be named in the warnings. */
function badKeys(pairs: Pair[], scenario: Record<string, number | string>): string[] {
  const seen = new Set<string>();
  const bad: string[] = [];
  for (const [k, v] of pairs) {
    if (k === "") continue;
    if (seen.has(k)) {
      bad.push(shown(k));
      continue;
    }
    seen.add(k);
    // The timeline of changes has its own validation and tests (test/changes.test.ts).
    if (k === "v" || k === CHANGES_KEY || VIEW_KEYS.includes(k)) continue;
    const param = Object.hasOwn(PARAM_BY_KEY, k) ? (PARAM_BY_KEY as Record<string, Param>)[k] : undefined;
    if (!param) bad.push(shown(k));
    else if (!takenAsGiven(param, v, scenario[k])) bad.push(k);
  }
  return bad;
}

describe("fuzz: 10,000 random and mutated links through the codec", () => {
  it(
    "never throws, never yields NaN or an invalid scenario, and names every key not used as given",
    () => {
      fc.assert(
        fc.property(
          baseLink,
          fc.array(mutation, { maxLength: 6 }),
          fc.option(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { freq: 4 }),
          (link, mutations, raw) => {
            const pairs = mutations.reduce(mutate, parse(link));
            const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
            if (raw !== null) {
              // A raw character mutation: only the safety properties hold.
              const at = raw[0] % (query.length + 1);
              const r = decodeScenario(`${query.slice(0, at)}${raw[1]}${query.slice(at + 1)}`);
              expect(scenarioProblems(r.scenario)).toEqual([]);
              return;
            }
            const r = decodeScenario(query);
            expect(scenarioProblems(r.scenario)).toEqual([]);
            for (const v of Object.values(r.scenario)) if (typeof v === "number") expect(v).not.toBeNaN();
            const named = new Set(r.warnings.map((w) => w.key));
            const bad = badKeys(pairs, r.scenario as unknown as Record<string, number | string>);
            const unknownOrRepeated = bad.filter(
              (k) => !KNOWN.includes(k) || pairs.filter(([p]) => p === k).length > 1,
            );
            if (unknownOrRepeated.length <= MAX_KEY_WARNINGS) {
              for (const k of bad) expect(named, `${k} in ${query}`).toContain(k);
            }
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    },
    TIMEOUT_MS,
  );
});

describe("fuzz: story= in 2,000 random links", () => {
  const storyValue = fc.oneof(fc.integer({ min: -5, max: CHAPTERS.length + 5 }).map(String), junkValue);
  it(
    "always opens a chapter of the tour, warns exactly when the value is not one, and decodes the chapter's link",
    () => {
      fc.assert(
        fc.property(
          storyValue,
          fc.array(fc.tuple(fc.constantFrom("t", "v", "zoom", "hide", "story"), junkValue), { maxLength: 3 }),
          (value, extra) => {
            const pairs: Pair[] = [["story", value], ...extra];
            const query = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
            const decoded = decodeScenario(query);
            const story = parseStoryView(decoded.view.story, CHAPTERS.length);
            if (value.length > MAX_VIEW_VALUE) {
              // Too long to keep: the codec names it, and no story opens.
              expect(decoded.warnings.map((w) => w.key)).toContain("story");
              expect(story).toEqual({ chapter: null, warnings: [] });
              return;
            }
            // A whole number in range, as the number keys read it (spaces around, "+3" and "3.0" too).
            const n = Number(value.trim());
            const valid = /^[+]?\d+(\.0*)?$/.test(value.trim()) && n >= 1 && n <= CHAPTERS.length;
            expect(story.chapter).toBeGreaterThanOrEqual(1);
            expect(story.chapter).toBeLessThanOrEqual(CHAPTERS.length);
            expect(story.warnings.length).toBe(valid ? 0 : 1);
            if (valid) expect(story.chapter).toBe(n);
            expect(linkSetsScenario(query)).toBe(false);
            const link = decodeChapterLink(CHAPTERS[story.chapter! - 1], `?${query}`);
            expect(scenarioProblems(link.scenario)).toEqual([]);
            expect(link.view.story).toBe(value);
          },
        ),
        { seed: SEED, numRuns: 2_000 },
      );
    },
    TIMEOUT_MS,
  );
});
