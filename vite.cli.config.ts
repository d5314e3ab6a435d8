/**
 * Builds the command line (src-sim/cli/main.ts) into one ES module, dist-cli/sim.mjs, so that
 * `npm run sim` starts without transpiling TypeScript (scripts/sim.mjs picks it when it is newer
 * than the sources). `npm run build` runs it after the site's build.
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
      output: { format: "es", entryFileNames: "sim.mjs" },
    },
  },
});
