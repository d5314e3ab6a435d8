/**
 * The statistical and oracle tier (npm run test:stat): long random runs, comparisons with the
 * reference oracle, checks against closed forms within a few percent, in test/**\/*.stat.test.ts.
 * Everything else is the fast tier, configured in vite.config.ts (`vitest run`). Timeouts are sized
 * for a loaded machine (a test that takes 5 s alone took over 40 s on two cores shared with other
 * work); they catch hangs, they do not measure speed.
 */
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: ".",
    include: ["test/**/*.stat.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Both cores: Vitest's default of (cores - 1) workers runs a 2-core machine's suite one file at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
