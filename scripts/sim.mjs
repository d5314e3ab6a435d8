#!/usr/bin/env node
/**
 * `npm run sim`: starts the command line from its built module (dist-cli/sim.mjs, made by
 * `npm run build`) when that is newer than every source file under src-sim/, and otherwise from
 * the TypeScript sources through tsx. The built module starts in a fraction of the time, since
 * nothing is transpiled at start-up; the fallback keeps a stale or missing build from ever
 * running old code. Plain JavaScript so that Node runs it as it is.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { URL, fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "dist-cli", "sim.mjs");

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
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(join(root, "src-sim", "cli", "main.ts")).href);
}
