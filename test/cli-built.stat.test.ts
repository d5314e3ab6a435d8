/**
 * The command line built to one CommonJS script (vite.cli.config.ts, `npm run build`) behaves as
 * the TypeScript sources do: the same --json, byte for byte, for scenarios of every kind of model,
 * and the same usage errors; run through its code cache (scripts/cliBundle.mjs) it gives the same
 * again, and a cache made from other bytes is never used; and `npm run sim`'s launcher
 * (scripts/sim.mjs) gives the same again, whichever of the two it starts. The script is built
 * afresh into a temporary folder, so the test checks today's sources, not a stale dist-cli/.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
const fromBuilt = (args: string[]) => node([join(outDir, "sim.cjs"), ...args]);
/** The built script run through the code cache at `cache` (scripts/cliBundle.mjs), and what became of the cache. */
const throughCache = (cache: string, args: string[]) =>
  node([
    "--input-type=module",
    "-e",
    `import { compileBundle } from ${JSON.stringify(join(process.cwd(), "scripts/cliBundle.mjs"))};
     process.argv.splice(1, 0, "sim.cjs"); // -e leaves no script path in argv; the bundle reads argv from index 2
     const b = compileBundle(${JSON.stringify(join(outDir, "sim.cjs"))}, ${JSON.stringify(cache)});
     process.stderr.write(JSON.stringify({ offered: b.cacheOffered, rejected: b.cacheRejected }) + "\\n");
     b.run();`,
    "--",
    ...args,
  ]);

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

  it("through its code cache: the cache is taken and the --json is the same; a cache of other bytes is ignored", () => {
    const cache = join(outDir, "sim.cache");
    const warm = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { writeCodeCache } from ${JSON.stringify(join(process.cwd(), "scripts/cliBundle.mjs"))};
         writeCodeCache(${JSON.stringify(join(outDir, "sim.cjs"))}, ${JSON.stringify(cache)}, [${JSON.stringify(SCENARIOS[2])}]);`,
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(warm.status, warm.stderr).toBe(0);
    for (const args of [SCENARIOS[2], SCENARIOS[3]]) {
      const cached = throughCache(cache, args);
      expect(cached.status, cached.stderr).toBe(0);
      const [first, ...rest] = cached.stderr.split("\n");
      expect(JSON.parse(first)).toEqual({ offered: true, rejected: false });
      expect(rest.join("\n")).toBe(fromSources(args).stderr);
      expect(cached.stdout).toBe(fromSources(args).stdout);
    }
    // The same cache with one byte of its digest changed (as if made from another build): not offered to V8.
    const stale = readFileSync(cache);
    stale[0] ^= 1;
    writeFileSync(cache, stale);
    const ignored = throughCache(cache, SCENARIOS[2]);
    expect(ignored.status, ignored.stderr).toBe(0);
    expect(JSON.parse(ignored.stderr.split("\n")[0])).toEqual({ offered: false, rejected: false });
    expect(ignored.stdout).toBe(fromSources(SCENARIOS[2]).stdout);
  });

  it("the launcher of npm run sim gives the same --json", () => {
    const args = SCENARIOS[0];
    const actual = node(["scripts/sim.mjs", ...args]);
    expect(actual.status).toBe(0);
    expect(actual.stdout).toBe(fromSources(args).stdout);
  });
});
