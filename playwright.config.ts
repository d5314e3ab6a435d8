/**
 * End-to-end tests: the built app served by `vite preview`, driven in Chromium.
 *
 * Playwright cannot download its browsers on this project's machines, so the config points at
 * Debian's Chromium (/usr/bin/chromium, installed by `npm run setup:test`) or at CHROMIUM_PATH,
 * and falls back to Playwright's own browser on machines that have one (a contributor's laptop).
 */
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/** The preview server's port, chosen once here and handed to the workers through the environment. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
process.env.E2E_PORT = String(PORT);
/** Where specs save the screenshots they take to look at the page (ignored by git). */
process.env.E2E_SCREENSHOTS ??= "test-results/screenshots";

const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0, // a flaky test is a bug to fix, not to retry away
  workers: process.env.CI ? 2 : undefined,
  // CI counts results from the JSON report; people read the list.
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "reports/playwright.json" }]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // The built page registers a service worker (offline use). Specs run without it, so every
    // request reaches the server as written; e2e/offline.spec.ts allows it and tests it.
    serviceWorkers: "block",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          // ForceEagerMeasureMemory: measureUserAgentSpecificMemory() answers at once instead of
          // waiting for a GC (about 14 s).
          args: ["--disable-gpu", "--enable-blink-features=ForceEagerMeasureMemory"],
        },
      },
    },
  ],
  webServer: {
    command: `npx --no-install vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
