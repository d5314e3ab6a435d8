#!/usr/bin/env node
/**
 * `npm run sim`: starts the command line from its build (dist-cli/sim.cjs, made by `npm run build`)
 * when that is newer than every source file under src-sim/, through V8's code cache when the build
 * left one (dist-cli/sim.cache, see cliBundle.mjs); otherwise from the TypeScript sources through
 * tsx. The build starts in a fraction of the time, since nothing is transpiled at start-up; the
 * fallback keeps a stale or missing build from ever running old code. Plain JavaScript so that
 * Node runs it as it is.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { URL, fileURLToPath, pathToFileURL } from "node:url";
import { compileBundle } from "./cliBundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "dist-cli", "sim.cjs");

/** Newest modification time of the files under `dir`, ms. */
function newestMtimeMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

const fresh = existsSync(built) && statSync(built).mtimeMs >= newestMtimeMs(join(root, "src-sim"));
if (fresh) {
  compileBundle(built, join(root, "dist-cli", "sim.cache")).run();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "src-sim", "cli", "main.ts")).href);
}
