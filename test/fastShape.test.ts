/**
 * Checkpoint copies keep V8's fast object shape. A copy built with
 * `Object.assign(Object.create(...))` lands in dictionary mode (slow properties), and once a seek
 * restores one, every run in that worker slows several times. Speed is measured by the
 * benchmark (replay after a seek back vs forward); this test catches the cause without timing:
 * it asks V8 itself (`%HasFastProperties`, in a child process with --allow-natives-syntax).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./support/fastShape.ts", import.meta.url));

describe("checkpoint copies keep the fast object shape", () => {
  it("every object reachable from a copy of a copy, for every strategy, has fast properties", () => {
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", SCRIPT], {
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, string[]>;
    expect(Object.keys(report).length).toBeGreaterThanOrEqual(16);
    const slow = Object.entries(report).filter(([, paths]) => paths.length > 0);
    expect(slow).toEqual([]);
  });
});
