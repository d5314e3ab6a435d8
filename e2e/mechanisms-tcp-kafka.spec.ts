/**
 * The TCP and Kafka mechanism views (issue 15, item 2): each renders with live data, follows a
 * seek (its figures change, and equal the model's columns at that moment, computed here by the
 * same engine), the TCP ladder opens for a span with its probes and backoff, axe passes in both
 * themes, and screenshots at desktop and phone width are saved to look at.
 */
import { expect, test, type Page } from "@playwright/test";
import { createSimulation } from "../src-sim/models/index";
import { decodeScenario } from "../src-sim/scenario/codec";
import type { SampleColumn } from "../src-sim/scenario/columns";
import { formatBytes } from "../web/format/numbers";
import { SCREENSHOT_DIR, axeViolations, open, pause, simTime, watchConsole } from "./support";

const timeSequence = (page: Page) => page.getByRole("img", { name: /sequence/ });
const ladder = (page: Page) => page.getByRole("img", { name: /^Segment ladder/ });
const partitionLog = (page: Page) => page.getByRole("img", { name: /partition log/ });

/** The column's value at the sample of `timeSec` in the run of `query` (the page's own run). */
function columnAt(query: string, name: SampleColumn, timeSec: number): number {
  const scenario = decodeScenario(query).scenario;
  const sim = createSimulation(scenario);
  sim.advanceTo(timeSec);
  const batch = sim.readSamples(0);
  const index = Math.round(timeSec / sim.sampleIntervalSec);
  return batch.columns[name][index];
}

/** Moves the run to `timeSec` with the timeline scrubber and waits for the moment to land. */
async function seek(page: Page, timeSec: number): Promise<void> {
  await page.getByLabel("Timeline", { exact: true }).fill(String(timeSec));
  await expect.poll(() => simTime(page)).toBeCloseTo(timeSec, 5);
}

test("TCP: the time-sequence graph shows the columns at the moment shown and follows a seek", async ({ page }) => {
  const errors = watchConsole(page);
  const query = "strategy=tcp&duration=20";
  await open(page, `?${query}&t=5`);
  await expect.poll(() => simTime(page)).toBeCloseTo(5, 5);
  const graph = timeSequence(page);
  await expect(graph).toBeVisible();
  expect(Number(await graph.getAttribute("data-points"))).toBeGreaterThan(10);
  const una5 = formatBytes(columnAt(query, "tcpSndUna", 5));
  await expect(graph).toHaveAttribute("aria-label", new RegExp(`acknowledged up to ${una5} `));
  await expect(page.locator('.mech-tcp [data-fact="una"]')).toHaveText(una5);

  await seek(page, 12);
  const una12 = formatBytes(columnAt(query, "tcpSndUna", 12));
  const nxt12 = formatBytes(columnAt(query, "tcpSndNxt", 12));
  expect(una12).not.toBe(una5);
  await expect(page.locator('.mech-tcp [data-fact="una"]')).toHaveText(una12);
  await expect(page.locator('.mech-tcp [data-fact="nxt"]')).toHaveText(nxt12);
  await expect(graph).toHaveAttribute("aria-label", new RegExp(`acknowledged up to ${una12} `));

  // Playing moves the cursor and the figures with the moment shown.
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(12.5);
  await pause(page);
  // The figure shown and the column at the moment shown, read together until the page settles.
  await expect
    .poll(async () => {
      const shown = await simTime(page);
      const text = await page.locator('.mech-tcp [data-fact="una"]').textContent();
      return text === formatBytes(columnAt(query, "tcpSndUna", shown)) && shown > 12;
    })
    .toBe(true);
  expect(errors).toEqual([]);
});

test("TCP: the ladder of a stalled connection shows zero windows and probes backing off", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=tcp&consumer=1&duration=120&t=20");
  await expect.poll(() => simTime(page)).toBeCloseTo(20, 5);
  await expect(ladder(page)).toHaveCount(0);
  await page.getByRole("button", { name: /^Show the ladder from 20\.0 s/ }).click();
  await expect(ladder(page)).toBeVisible();
  const label = (await ladder(page).getAttribute("aria-label")) ?? "";
  expect(label).toContain("advertising a zero window");
  expect(label).toContain("zero-window probes");
  expect(Number(await ladder(page).getAttribute("data-records"))).toBeGreaterThan(5);
  await expect(page.locator("g.mech-ladder-probe line").first()).toBeVisible();
  // The charts follow: the zoom bar says the page is zoomed to the ladder's span.
  await expect(page.getByRole("button", { name: /whole run/i })).toBeVisible();
  expect(errors).toEqual([]);
});

test("Kafka: the partition log shows the columns at the moment shown and follows a seek", async ({ page }) => {
  const errors = watchConsole(page);
  const query = "strategy=kafka&duration=120";
  await open(page, `?${query}&t=30`);
  await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
  const strip = partitionLog(page);
  await expect(strip).toBeVisible();
  const at = async (attr: string) => Number(await strip.getAttribute(attr));
  for (const [attr, column] of [
    ["data-log-start", "kafkaLogStart"],
    ["data-committed", "kafkaCommitted"],
    ["data-position", "kafkaPosition"],
    ["data-log-end", "kafkaLogEnd"],
    ["data-lag", "kafkaLagRecords"],
  ] as const) {
    expect(await at(attr)).toBe(columnAt(query, column, 30));
  }
  const end30 = await at("data-log-end");

  await seek(page, 75);
  await expect.poll(() => at("data-log-end")).toBe(columnAt(query, "kafkaLogEnd", 75));
  expect(await at("data-log-end")).toBeGreaterThan(end30);
  expect(await at("data-committed")).toBe(columnAt(query, "kafkaCommitted", 75));
  expect(await at("data-position")).toBe(columnAt(query, "kafkaPosition", 75));
  const label = (await strip.getAttribute("aria-label")) ?? "";
  expect(label).toContain("The partition log at 75 s");

  // Step moves the moment on by a sample; the strip follows it.
  await page.getByRole("button", { name: "Step", exact: true }).click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(75);
  const stepped = await simTime(page);
  await expect.poll(() => at("data-log-end")).toBe(columnAt(query, "kafkaLogEnd", stepped));
  expect(await at("data-position")).toBe(columnAt(query, "kafkaPosition", stepped));
  expect(errors).toEqual([]);
});

test("Kafka: the max.poll.interval deadline counts down and warns before the eviction", async ({ page }) => {
  const errors = watchConsole(page);
  // The eviction preset: batches grow with the backlog until one of 500 records needs 50 s, from 102.4 s.
  await open(page, "?strategy=kafka&producer=20&consumer=10&maxPollInterval=30&duration=300&t=110");
  await expect.poll(() => simTime(page)).toBeCloseTo(110, 5);
  const deadline = page.getByTestId("kafka-deadline");
  await expect(deadline).toContainText("left of 30 s");
  await expect(deadline).toContainText("will be evicted");
  const before = (await deadline.textContent()) ?? "";
  await seek(page, 125);
  await expect(deadline).not.toHaveText(before);
  await expect(deadline).toContainText("will be evicted");
  await expect(partitionLog(page)).toHaveAttribute("aria-label", /will be evicted/);
  expect(errors).toEqual([]);
});

for (const [name, query, ladderButton] of [
  ["tcp", "?strategy=tcp&duration=20&t=10", true],
  ["tcp-slow-reader", "?strategy=tcp&consumer=1&duration=120&t=20", true],
  ["kafka", "?strategy=kafka&t=60", false],
  ["kafka-eviction", "?strategy=kafka&producer=20&consumer=10&maxPollInterval=30&duration=300&t=110", false],
] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot and axe: the mechanism view, ${name}, ${colorScheme}`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.emulateMedia({ colorScheme });
      for (const vp of [
        { id: "desktop", width: 1280, height: 800 },
        { id: "phone", width: 390, height: 844 },
      ]) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await open(page, query);
        const view = page.locator(".mechanism");
        await expect(view).toBeVisible();
        if (ladderButton) {
          await page.getByRole("button", { name: /^Show the ladder from/ }).click();
          await expect(ladder(page)).toBeVisible();
        }
        // The sticky transport would cover the view in an element screenshot: let it scroll away.
        await page.locator(".stage-bar").evaluate((el) => {
          (el as HTMLElement).style.position = "static";
        });
        await view.screenshot({ path: `${SCREENSHOT_DIR}/mech-${name}-${vp.id}-${colorScheme}.png` });
      }
      expect(await axeViolations(page, ".mechanism")).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}
