/**
 * The simulation worker loads the comparison's and the pipeline's runtimes on demand, each a chunk
 * of its own (src-sim/worker/serve.ts). A chunk that cannot be fetched (a deployment replaced
 * under an open page, a dropped connection) must end in a clear message on the page, never in a
 * page that waits forever. The chunk's request is failed from the test (the worker's requests go
 * through the page's routes).
 */
import { expect, test, type Page } from "@playwright/test";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { SCREENSHOT_DIR, VIEWPORTS, axeViolations, simTime } from "./support";

const CASCADE = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.query;

/** Answers every request for the named runtime's chunk with a 404; counts the requests. */
async function failChunk(page: Page, name: "laneRuntime" | "pipelineRuntime"): Promise<{ count: number }> {
  const seen = { count: 0 };
  await page.route(new RegExp(`/assets/${name}-[^/]+\\.js$`), (route) => {
    seen.count++;
    return route.fulfill({ status: 404, body: "" });
  });
  return seen;
}

test("the comparison's runtime loads on demand: opened at t, it stands there", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto("./?lanes=unbounded;watermark&t=10");
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBe(10);
  expect(requested.some((p) => /\/assets\/laneRuntime-[^/]+\.js$/.test(p))).toBe(true);
  expect(requested.some((p) => /\/assets\/pipelineRuntime-/.test(p))).toBe(false);
});

test("the playground does not fetch the comparison's or the pipeline's runtime", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto("./?t=5");
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBe(5);
  expect(requested.some((p) => /\/assets\/worker-[^/]+\.js$/.test(p))).toBe(true);
  expect(requested.filter((p) => /\/assets\/(laneRuntime|pipelineRuntime)-/.test(p))).toEqual([]);
});

const FAILED_LOADS = [
  {
    page: "comparison",
    chunk: "laneRuntime",
    query: "lanes=unbounded;watermark",
    shown: ".banner-error",
    text: /^The simulation stopped\. The comparison's simulation code could not be loaded \(.+\)\. Restart or reload the page to try again\./,
  },
  {
    page: "pipeline",
    chunk: "pipelineRuntime",
    query: CASCADE,
    shown: ".pl-error",
    text: /^The simulation stopped: The pipeline's simulation code could not be loaded \(.+\)\. Restart or reload the page to try again\./,
  },
] as const;

for (const f of FAILED_LOADS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`a ${f.page} whose runtime cannot be fetched says so on the page (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const seen = await failChunk(page, f.chunk);
      await page.goto(`./?${f.query}`);
      await expect(page.locator(f.shown)).toHaveText(f.text, { timeout: 20_000 });
      await expect(page.locator(f.shown)).toHaveCount(1);
      expect(seen.count).toBeGreaterThan(0);
      for (const vp of VIEWPORTS) {
        await page.setViewportSize(vp);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/runtime-not-loaded-${f.page}-${vp.name}-${colorScheme}.png` });
      }
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}
