/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { availableParallelism } from "node:os";

// base "./" makes the built folder work from any static host and from a sub-path.
export default defineConfig({
  root: "web",
  base: "./",
  publicDir: "../public",
  plugins: [react()],
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
    // A guard against a hang, not a speed check: generous enough for a machine shared with other work.
    testTimeout: 30_000,
    // Both cores: Vitest's default of (cores - 1) workers runs a 2-core machine's suite one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
