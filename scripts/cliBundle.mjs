/**
 * Runs the built command line (dist-cli/sim.cjs, one CommonJS script) through V8's code cache, and
 * writes that cache at build time.
 *
 * Why: a 180 s run of the command line takes about 170 ms, of which the run itself is under half;
 * the rest is Node starting, then parsing and compiling the 470 KB bundle and each function the run
 * calls (Node 20 has no compile cache of its own; `module.enableCompileCache` came in Node 22). A
 * code cache made after a few representative runs holds the bytecode of the functions those runs
 * compiled, so a later start skips that work. V8 checks a cache against its own version and flags
 * and drops one that does not fit; this file also checks it against the bundle's bytes (V8's own
 * check is only the source's length), so a stale cache is never used, only ignored.
 *
 * Plain JavaScript, so that Node runs it as it is.
 */
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import process from "node:process";
import vm from "node:vm";

/** Length of the digest of the bundle that starts a cache file, bytes (SHA-256). */
const DIGEST_BYTES = 32;

/** Wraps a CommonJS module's source as Node's own loader does. */
const wrap = (source) => `(function (exports, require, module, __filename, __dirname) {${source}\n})`;

const digestOf = (source) => createHash("sha256").update(source).digest();

/**
 * Compiles the bundle at `bundlePath`, with the code cache at `cachePath` when there is one made
 * from these very bytes. Returns the compiled script, a `run()` that evaluates the bundle as a
 * CommonJS module (its top level starts the command line on `process.argv`), and whether a cache
 * was offered and whether V8 took it.
 */
export function compileBundle(bundlePath, cachePath) {
  const source = readFileSync(bundlePath, "utf8");
  const digest = digestOf(source);
  let cachedData;
  if (cachePath && existsSync(cachePath)) {
    const file = readFileSync(cachePath);
    if (file.length > DIGEST_BYTES && file.subarray(0, DIGEST_BYTES).equals(digest))
      cachedData = file.subarray(DIGEST_BYTES);
  }
  const script = new vm.Script(wrap(source), { filename: bundlePath, cachedData });
  const fn = script.runInThisContext();
  const require = createRequire(bundlePath);
  const run = () => {
    const module = { exports: {} };
    fn.call(module.exports, module.exports, require, module, bundlePath, dirname(bundlePath));
  };
  return {
    script,
    run,
    digest,
    cacheOffered: cachedData !== undefined,
    cacheRejected: script.cachedDataRejected === true,
  };
}

/**
 * Writes the code cache of the bundle at `bundlePath` to `cachePath` after running it on each of
 * `argvs` (argument lists as the command line takes them, none asynchronous: no sweeps) with its
 * output silenced, so that the cache holds every function those runs compiled.
 */
export function writeCodeCache(bundlePath, cachePath, argvs) {
  const { script, run, digest } = compileBundle(bundlePath, undefined);
  const argv = process.argv;
  const out = process.stdout.write;
  const err = process.stderr.write;
  try {
    process.stdout.write = () => true;
    process.stderr.write = () => true;
    for (const args of argvs) {
      process.argv = [argv[0], bundlePath, ...args];
      run();
    }
  } finally {
    process.argv = argv;
    process.stdout.write = out;
    process.stderr.write = err;
    process.exitCode = 0;
  }
  writeFileSync(cachePath, Buffer.concat([digest, script.createCachedData()]));
}
