/**
 * Sweeps on the page (issue 13, item 3): a sweep of one parameter runs in Web Workers with a
 * progress bar and a count, can be cancelled midway and run again to the end, plots its figures
 * one line per strategy, opens the run of a point, downloads as CSV, and travels in the link.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, axeViolations, open, watchConsole } from "./support";

/** The sweep's "N of M runs" count, as numbers. */
async function count(page: Page): Promise<{ done: number; total: number }> {
  const text = (await page.locator(".sweep-count").textContent()) ?? "";
  const m = /(\d+) of (\d+) runs/.exec(text);
  return m ? { done: Number(m[1]), total: Number(m[2]) } : { done: -1, total: -1 };
}

const sweepSection = (page: Page) => page.getByRole("region", { name: "Sweep a parameter" });

test("a 20-point sweep of the consumer rate shows progress, cancels midway and completes when restarted", async ({
  page,
}) => {
  const errors = watchConsole(page);
  // Random arrivals and service for 60 s: each run takes long enough to cancel between runs.
  await open(page, "?arrivals=poisson&service=exponential&duration=60");
  const section = sweepSection(page);
  await section.getByText("Sweep a parameter").click();
  await section.getByLabel("Parameter", { exact: true }).selectOption("consumer");
  await section.getByLabel("From", { exact: true }).fill("60K");
  await section.getByLabel("To", { exact: true }).fill("200K");
  await section.getByLabel("Points", { exact: true }).fill("20");
  await section.getByLabel("Spacing", { exact: true }).selectOption("linear");
  await section.getByRole("button", { name: "Run sweep" }).click();
  const progress = section.getByRole("progressbar", { name: "Sweep progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("max", "20");
  // Cancel once the first runs are in, well before the last.
  await expect.poll(async () => (await count(page)).done, { timeout: 60_000 }).toBeGreaterThan(0);
  await section.getByRole("button", { name: "Cancel sweep" }).click();
  await expect(section.getByText(/Cancelled after \d+ of 20 runs/)).toBeVisible();
  const cancelled = await count(page);
  expect(cancelled.total).toBe(20);
  expect(cancelled.done).toBeGreaterThan(0);
  expect(cancelled.done).toBeLessThan(20);
  // Nothing more arrives after Cancel.
  await expect(section.getByRole("button", { name: "Run sweep" })).toBeVisible();
  expect((await count(page)).done).toBe(cancelled.done);

  await section.getByRole("button", { name: "Run sweep" }).click();
  await expect.poll(async () => (await count(page)).done, { timeout: 90_000 }).toBe(20);
  await expect(section.getByRole("img", { name: /p99 latency against Consumer rate/ })).toBeVisible();
  await expect(section.locator(".sweep-point")).toHaveCount(40); // 20 points x 2 figures, one strategy
  // The sweep is in the link.
  await expect.poll(() => new URL(page.url()).searchParams.get("sweep")).toBe("consumer:60000:200000:20:linear");
  expect(errors).toEqual([]);
});

test("a sweep from a link runs on opening, one line per strategy, and a point opens its run", async ({ page }) => {
  const errors = watchConsole(page);
  await open(
    page,
    "?sweep=consumer:40000:120000:5:linear&sweepStrategies=unbounded,block&sweepFigures=maxQueued,oomAtSec",
  );
  const section = sweepSection(page);
  await expect.poll(async () => (await count(page)).done, { timeout: 60_000 }).toBe(10);
  await expect(section.getByRole("img", { name: /Max depth against Consumer rate/ })).toBeVisible();
  await expect(section.getByRole("img", { name: /Time of OOM against Consumer rate/ })).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: "Unbounded queue" })).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: "Bounded, block producer" })).toBeVisible();

  // The table: the unbounded queue at 40K/s crashes, the blocking one never does.
  await section.getByText(/Results as a table/).click();
  const rows = section.locator(".sweep-table tbody tr");
  await expect(rows).toHaveCount(10);
  await expect(rows.nth(0)).toContainText("Unbounded queue");
  await expect(rows.nth(1)).toContainText("Bounded, block producer");
  await expect(rows.nth(1)).toContainText("none");

  // Opening the blocking run at 60K/s loads that exact scenario.
  await rows.nth(3).getByRole("button", { name: "Open run" }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get("strategy")).toBe("block");
  expect(new URL(page.url()).searchParams.get("consumer")).toBe("60000");
  expect(new URL(page.url()).searchParams.get("sweep")).toBe("consumer:40000:120000:5:linear");

  // The CSV holds every run.
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: "Download CSV" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  const lines = text.trim().split("\n");
  expect(lines[0]).toMatch(/^# sweep consumer=40000:120000:5:linear of \?/);
  expect(lines[1].split(",").slice(0, 3)).toEqual(["consumer", "strategy", "throughput"]);
  expect(lines).toHaveLength(12);
  expect(errors).toEqual([]);
});

test("lines by a choice parameter: p99 latency against load for an M/M/1 and an M/D/1", async ({ page }) => {
  const errors = watchConsole(page);
  await open(
    page,
    "?consumer=1000&arrivals=poisson&service=exponential&duration=300&sweep=producer:300:950:6:linear&sweepLines=service:exponential,constant&sweepFigures=latencyP99",
  );
  const section = sweepSection(page);
  await expect.poll(async () => (await count(page)).done, { timeout: 60_000 }).toBe(12);
  await expect(section.getByRole("listitem").filter({ hasText: "Service: exponential" })).toBeVisible();
  await expect(section.getByRole("listitem").filter({ hasText: "Service: constant" })).toBeVisible();
  await expect(section.getByRole("img", { name: /p99 latency against Producer rate/ })).toBeVisible();
  await expect(section.locator(".sweep-series")).toHaveCount(2);
  await expect(section.getByLabel("Lines also by")).toHaveValue("service");
  expect(errors).toEqual([]);
});

test("a bad sweep in a link is named in the banner and the page still opens", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?sweep=consumer:abc:1:2&sweepFigures=nope");
  await expect(page.getByText(/Sweep: .*FROM and TO must be numbers/)).toBeVisible();
  await expect(sweepSection(page).getByRole("button", { name: "Run sweep" })).toBeHidden(); // closed, nothing ran
  expect(errors).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the sweep view passes axe and is screenshotted, ${colorScheme}`, async ({ page }) => {
    const errors = watchConsole(page);
    await page.emulateMedia({ colorScheme });
    for (const vp of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await open(
        page,
        "?sweep=consumer:20000:200000:30:linear&sweepStrategies=unbounded,drop-newest,block,watermark&sweepFigures=latencyP99,maxQueued,lost,dropped",
      );
      await expect.poll(async () => (await count(page)).done, { timeout: 60_000 }).toBe(120);
      const section = sweepSection(page);
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({ path: `${SCREENSHOT_DIR}/sweep-${vp.name}-${colorScheme}.png` });
    }
    expect(await axeViolations(page, ".sweep")).toEqual([]);
    expect(errors).toEqual([]);
  });
}
