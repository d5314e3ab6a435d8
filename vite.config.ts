/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { devWithoutCsp } from "./scripts/vite/devCspPlugin";
import { precachePlugin } from "./scripts/vite/precachePlugin";
import { siteUrlPlugin } from "./scripts/vite/siteUrlPlugin";
import { availableParallelism } from "node:os";

// base "./" makes the built folder work from any static host and from a sub-path.
export default defineConfig({
  root: "web",
  base: "./",
  publicDir: "../public",
  plugins: [
    react(),
    devWithoutCsp(),
    siteUrlPlugin(process.env.SITE_URL),
    // The service worker (dist/sw.js) caches the build for offline use; the preview image is for
    // chat apps, never fetched by the page.
    precachePlugin({ entry: "web/sw/serviceWorker.ts", exclude: [/^og-image\.png$/] }),
  ],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
  },
  worker: { format: "es" },
  // The fast tier (`vitest run`, npm run test:unit). The statistical and oracle tier, the long runs
  // in test/**/*.stat.test.ts, has its own config: vitest.stat.config.ts (npm run test:stat).
  test: {
    root: ".",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/**/*.stat.test.ts", "**/node_modules/**"],
    environment: "node",
    // The chart palette's fallback is read from the themes' stylesheet's text (web/charts/palette.ts).
    css: { include: [/styles\.css/, /themes\.css/] },
    // A guard against a hang, not a speed check: generous enough for a machine shared with other work.
    testTimeout: 30_000,
    // Both cores: Vitest's default of (cores - 1) workers runs a 2-core machine's suite one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
