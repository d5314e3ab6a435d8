/**
 * Zoom into time: every chart shows a window of the run at a fine sample interval, re-simulated
 * by the worker. The charts' drawn data are read through the canvases' test hooks (bpDrawn on a
 * time chart, bpEvents on the event lane), not from pixels.
 */
import { expect, test, type Page } from "@playwright/test";
import { axeViolations, open, simTime, watchConsole } from "./support";

interface Drawn {
  zoomed: boolean;
  fine: boolean;
  timeSec: number[];
  series: Record<string, { values: number[]; min?: number[]; max?: number[] }>;
}
interface LaneEvents {
  zoomed: boolean;
  fine: boolean;
  fromSec: number;
  toSec: number;
  events: Array<{ timeSec: number; kind: string; value: number }>;
}

async function drawn(page: Page, chart: string): Promise<Drawn | null> {
  return page
    .locator(`[data-chart="${chart}"] canvas`)
    .evaluate((el) => (el as HTMLCanvasElement & { bpDrawn?: () => Drawn | null }).bpDrawn?.() ?? null);
}

async function laneEvents(page: Page): Promise<LaneEvents | null> {
  return page
    .locator(`[data-chart="events"] canvas`)
    .evaluate((el) => (el as HTMLCanvasElement & { bpEvents?: () => LaneEvents | null }).bpEvents?.() ?? null);
}

/** Waits until the queue chart draws the fine samples of a zoomed window. */
async function waitForFine(page: Page): Promise<Drawn> {
  await expect.poll(async () => (await drawn(page, "queue"))?.fine ?? false, { timeout: 20_000 }).toBe(true);
  return (await drawn(page, "queue"))!;
}

/** Local maxima at or above `high` and local minima at or below `low` of a sawtooth. */
function turns(values: number[], high: number, low: number): { peaks: number; troughs: number } {
  let peaks = 0;
  let troughs = 0;
  for (let i = 1; i + 1 < values.length; i++) {
    if (values[i] >= values[i - 1] && values[i] > values[i + 1] && values[i] >= high) peaks++;
    if (values[i] <= values[i - 1] && values[i] < values[i + 1] && values[i] <= low) troughs++;
  }
  return { peaks, troughs };
}

test("the watermark preset zoomed to one second shows its four or five peaks near HIGH and troughs near LOW", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=watermark&t=30");
  await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
  // The overview: a band from LOW to HIGH around the aliased line.
  const overview = (await drawn(page, "queue"))!;
  expect(overview.zoomed).toBe(false);
  const band = overview.series.queued;
  expect(Math.min(...band.min!.slice(10))).toBeLessThanOrEqual(2000 * 1.01);
  expect(Math.max(...band.max!.slice(10))).toBeGreaterThanOrEqual(8000 * 0.99);

  await page.getByRole("button", { name: "Zoom to 1 s here" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zoomed to" })).toContainText("29.50 s – 30.50 s");
  const zoomed = await waitForFine(page);
  expect(zoomed.timeSec[0]).toBeGreaterThanOrEqual(29.5 - 1e-9);
  expect(zoomed.timeSec[zoomed.timeSec.length - 1]).toBeLessThanOrEqual(30.5 + 1e-9);
  expect(zoomed.timeSec.length).toBeGreaterThan(200);
  const { peaks, troughs } = turns(zoomed.series.queued.values, 8000 * 0.98, 2000 * 1.02);
  expect(peaks).toBeGreaterThanOrEqual(4);
  expect(peaks).toBeLessThanOrEqual(5);
  expect(troughs).toBeGreaterThanOrEqual(4);
  expect(troughs).toBeLessThanOrEqual(5);
  // The link carries the window.
  await expect.poll(() => new URL(page.url()).searchParams.get("zoom")).toBe("29.5:30.5");
  // Escape goes back to the whole run.
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Zoom to 1 s here" })).toBeVisible();
  await expect.poll(async () => (await drawn(page, "queue"))?.zoomed).toBe(false);
  await expect.poll(() => new URL(page.url()).searchParams.get("zoom")).toBeNull();
  expect(errors).toEqual([]);
});

test("dragging across a chart zooms every chart to that window; the keys zoom in and out", async ({ page }) => {
  await open(page, "?strategy=watermark&t=30");
  await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
  const plot = page.locator('[data-chart="queue"] .plot');
  // The mechanism view above the charts may push the plot below the window.
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole("status").filter({ hasText: "Zoomed to" })).toBeVisible();
  const queue = await waitForFine(page);
  const memory = (await drawn(page, "memory"))!;
  expect(memory.zoomed).toBe(true);
  expect(memory.timeSec[0]).toBeCloseTo(queue.timeSec[0], 6);
  const span = queue.timeSec[queue.timeSec.length - 1] - queue.timeSec[0];
  await page.keyboard.press("+");
  await expect
    .poll(async () => {
      const d = await drawn(page, "queue");
      return d && d.fine ? d.timeSec[d.timeSec.length - 1] - d.timeSec[0] : Infinity;
    })
    .toBeLessThan(span * 0.6);
});

test("the TCP slow reader zoomed around a zero window shows the probes with their growing spacing", async ({
  page,
}) => {
  await open(page, "?strategy=tcp&consumer=1&duration=120&zoom=1.8:2.6");
  // A link with the zoom window opens on it.
  await expect(page.getByRole("status").filter({ hasText: "Zoomed to" })).toContainText("1.80 s – 2.60 s");
  await expect.poll(async () => (await laneEvents(page))?.fine ?? false, { timeout: 20_000 }).toBe(true);
  const lane = (await laneEvents(page))!;
  expect(lane.fromSec).toBeCloseTo(1.8, 6);
  expect(lane.toSec).toBeCloseTo(2.6, 6);
  const zero = lane.events.filter((e) => e.kind === "zero-window");
  const probes = lane.events.filter((e) => e.kind === "probe").map((e) => e.timeSec);
  expect(zero.length).toBeGreaterThanOrEqual(1);
  expect(probes.length).toBeGreaterThanOrEqual(2);
  const gaps = [probes[0] - zero[0].timeSec, ...probes.slice(1).map((t, i) => t - probes[i])];
  for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the zoomed view has no WCAG A/AA violations that axe can find (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await open(page, "?strategy=watermark&t=30&zoom=29.5:30.5");
    await waitForFine(page);
    expect(await axeViolations(page)).toEqual([]);
  });
}
