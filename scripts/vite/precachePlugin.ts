/**
 * Builds the service worker (web/sw/serviceWorker.ts) as dist/sw.js and writes into it the list
 * of this build's files and a version: the content hash of those files. Any change to the build
 * (a new hashed asset, an edited icon, index.html) changes sw.js, which is how browsers notice a
 * new version. Build only; the dev server has no service worker.
 *
 * The list: every file Vite emitted (index.html, hashed scripts, styles, the worker) and every
 * file of public/, except those matched by `exclude` (the link preview image: chat apps fetch
 * it, the page never does).
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import type { Plugin } from "vite";

/** The string in the worker's source replaced by the list. */
export const PRECACHE_PLACEHOLDER = "__BP_PRECACHE__";

/** Options of {@link precachePlugin}. */
export interface PrecacheOptions {
  /** The service worker's source, relative to the project root. */
  entry: string;
  /** Output file name, relative to the build's root (the worker's scope is its folder). */
  fileName?: string;
  /** Files (paths relative to the build's root) to leave out of the cache. */
  exclude?: readonly RegExp[];
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(listFiles(path).map((f) => `${name}/${f}`));
    else out.push(name);
  }
  return out;
}

/** The plugin; see the file comment. */
export function precachePlugin({ entry, fileName = "sw.js", exclude = [] }: PrecacheOptions): Plugin {
  let publicDir = "";
  return {
    name: "backpressure:precache",
    apply: "build",
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      this.emitFile({ type: "chunk", id: entry, fileName });
    },
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const files = new Map<string, string | Uint8Array>();
        for (const [name, item] of Object.entries(bundle)) {
          if (name === fileName || name.endsWith(".map")) continue;
          files.set(name, item.type === "chunk" ? item.code : item.source);
        }
        for (const name of listFiles(publicDir)) {
          files.set(name.split(sep).join("/"), readFileSync(join(publicDir, name)));
        }
        const list = [...files.keys()].filter((f) => !exclude.some((re) => re.test(f))).sort();
        const hash = createHash("sha256");
        for (const name of list) hash.update(name).update("\0").update(files.get(name)!).update("\0");
        const manifest = { version: hash.digest("hex").slice(0, 16), files: list };
        const sw = bundle[fileName];
        if (!sw || sw.type !== "chunk") return this.error(`${fileName} was not built`);
        const pattern = new RegExp(`(["'\`])${PRECACHE_PLACEHOLDER}\\1`);
        if (!pattern.test(sw.code)) return this.error(`${fileName} has no "${PRECACHE_PLACEHOLDER}" to replace`);
        if (/^\s*(import|export)\b/m.test(sw.code)) return this.error(`${fileName} must not import or export`);
        sw.code = sw.code.replace(pattern, () => JSON.stringify(JSON.stringify(manifest)));
      },
    },
  };
}
