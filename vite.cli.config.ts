/**
 * Builds the command line (src-sim/cli/main.ts) into one CommonJS script, dist-cli/sim.cjs, so that
 * `npm run sim` starts without transpiling TypeScript (scripts/sim.mjs picks it when it is newer
 * than the sources). CommonJS rather than an ES module: Node 20 loads a script through V8's code
 * cache (scripts/cliBundle.mjs) and skips the ES module loader, together about 20 ms of a 150 ms
 * run. `npm run build` runs it after the site's build, then writes the cache.
 */
import { defineConfig } from "vite";

export default defineConfig({
  // No public folder, no HTML: a Node bundle only.
  publicDir: false,
  logLevel: "warn",
  build: {
    ssr: "src-sim/cli/main.ts",
    outDir: "dist-cli",
    emptyOutDir: true,
    target: "node20",
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      output: { format: "cjs", entryFileNames: "sim.cjs" },
    },
  },
});
