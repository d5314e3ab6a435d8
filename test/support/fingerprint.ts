/**
 * A fingerprint of a whole run: a SHA-256 per sample column (over its float64 bytes) and one
 * of the event log, so two runs compare bit for bit without storing their samples.
 */
import { createHash } from "node:crypto";
import { ChangingRun } from "../../src-sim/models/changingRun";
import { decodeScenario } from "../../src-sim/scenario/codec";
import { STRATEGIES } from "../../src-sim/scenario/params";
import { PRESETS } from "../../src-sim/scenario/presets";

/** Scenario queries by case id: every preset, and every strategy constant and random for 20 s. */
export const FINGERPRINT_CASES: Readonly<Record<string, string>> = Object.fromEntries([
  ...PRESETS.map((p) => [p.id, p.query]),
  ...STRATEGIES.flatMap((s) => [
    [`${s}-constant`, `strategy=${s}&duration=20`],
    [`${s}-random`, `strategy=${s}&duration=20&arrivals=poisson&service=exponential&seed=7`],
  ]),
]);

/** Hashes of every column and of the events of the scenario `query` run over its duration. */
export function fingerprintRun(query: string): Record<string, string> {
  // A link's changes apply at their times (none for most cases: the run is a plain engine's).
  const { scenario, changes } = decodeScenario(query);
  const run = new ChangingRun(scenario, changes);
  run.advanceTo(scenario.duration);
  const sim = run.sim;
  const batch = sim.readSamples(0);
  const hashes: Record<string, string> = {};
  for (const [name, column] of Object.entries(batch.columns)) {
    const bytes = new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
    hashes[name] = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  }
  hashes.events = createHash("sha256")
    .update(JSON.stringify(sim.readEvents(0)))
    .digest("hex")
    .slice(0, 16);
  return hashes;
}
