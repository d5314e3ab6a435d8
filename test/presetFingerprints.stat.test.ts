/**
 * Behaviour is pinned: every preset over its full duration, and every strategy with constant
 * and random processes, gives the samples and events recorded in
 * test/fixtures/preset-fingerprints.json, bit for bit. A refactor must leave them unchanged; a
 * deliberate change of behaviour regenerates the fixture (scripts/presetFingerprints.ts) in the
 * same commit and names the cases it changes.
 */
import { describe, expect, it } from "vitest";
import recorded from "./fixtures/preset-fingerprints.json";
import { FINGERPRINT_CASES, fingerprintRun } from "./support/fingerprint";

const FIXTURE = recorded as Record<string, Record<string, string>>;

describe("runs match their recorded fingerprints", () => {
  it.each(Object.entries(FINGERPRINT_CASES))(
    "%s (%s) is bit-identical to the fixture",
    (id, query) => {
      const expected = FIXTURE[id];
      expect(expected, `no fixture for ${id}: run scripts/presetFingerprints.ts`).toBeDefined();
      const actual = fingerprintRun(query);
      // Only columns in both: a column added later is new behaviour, not a change of the old.
      const changed = Object.keys(expected).filter((k) => k in actual && actual[k] !== expected[k]);
      expect(changed).toEqual([]);
    },
    60_000,
  ); // a reader-limited TCP run moves 50 MB/s: seconds on a loaded machine
});
