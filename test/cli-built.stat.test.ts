/**
 * The command line built to one ES module (vite.cli.config.ts, `npm run build`) behaves as the
 * TypeScript sources do: the same --json, byte for byte, for scenarios of every kind of model,
 * and the same usage errors; and `npm run sim`'s launcher (scripts/sim.mjs) gives the same again,
 * whichever of the two it starts. The module is built afresh into a temporary folder, so the
 * test checks today's sources, not a stale dist-cli/.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SCENARIOS: string[][] = [
  ["strategy=watermark&producer=120000&consumer=60000", "--until", "5", "--json"],
  ["strategy=drop-newest&arrivals=poisson&service=exponential&seed=7", "--until", "3", "--at", "1,2", "--json"],
  ["strategy=tcp&consumer=20000", "--until", "2", "--json"],
  ["strategy=kafka&arrivals=poisson", "--until", "4", "--json"],
  ["strategy=reactive", "--until", "2", "--json"],
];

let outDir = "";

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: "utf8", timeout: 120_000 });
const fromSources = (args: string[]) => node(["--import", "tsx", "src-sim/cli/main.ts", ...args]);
const fromBuilt = (args: string[]) => node([join(outDir, "sim.mjs"), ...args]);

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "bp-cli-"));
  const build = spawnSync(
    "npx",
    ["--no-install", "vite", "build", "--config", "vite.cli.config.ts", "--outDir", outDir, "--emptyOutDir"],
    { encoding: "utf8", timeout: 120_000 },
  );
  expect(build.status, build.stderr).toBe(0);
}, 150_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe("the built command line", () => {
  it.each(SCENARIOS.map((args) => [args[0], args]))("%s: the same --json as the sources", (_, args) => {
    const expected = fromSources(args as string[]);
    const actual = fromBuilt(args as string[]);
    expect(expected.status).toBe(0);
    expect(actual.status).toBe(0);
    expect(actual.stderr).toBe(expected.stderr);
    expect(actual.stdout).toBe(expected.stdout);
    expect(JSON.parse(actual.stdout).summary.produced).toBeGreaterThan(0);
  });

  it("the same usage error, on stderr, with exit code 2", () => {
    const actual = fromBuilt(["--until", "soon"]);
    expect(actual.status).toBe(2);
    expect(actual.stdout).toBe("");
    expect(actual.stderr).toBe(fromSources(["--until", "soon"]).stderr);
  });

  it("the launcher of npm run sim gives the same --json", () => {
    const args = SCENARIOS[0];
    const actual = node(["scripts/sim.mjs", ...args]);
    expect(actual.status).toBe(0);
    expect(actual.stdout).toBe(fromSources(args).stdout);
  });
});
