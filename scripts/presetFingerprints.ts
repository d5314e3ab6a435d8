/**
 * Writes test/fixtures/preset-fingerprints.json: for every preset, and for every strategy with
 * constant and with random processes, a SHA-256 of each sample column's float64 bytes and of
 * the event log over the scenario's full duration. Refactors that must not change behaviour
 * are checked against it (test/presetFingerprints.stat.test.ts); rerun this only when a change of
 * behaviour is intended, and say so in the commit.
 * Run: npx --no-install tsx scripts/presetFingerprints.ts
 */
import { writeFileSync } from "node:fs";
import { FINGERPRINT_CASES, fingerprintRun } from "../test/support/fingerprint";

const out: Record<string, Record<string, string>> = {};
for (const [id, query] of Object.entries(FINGERPRINT_CASES)) out[id] = fingerprintRun(query);
writeFileSync("test/fixtures/preset-fingerprints.json", JSON.stringify(out, null, 1) + "\n");
