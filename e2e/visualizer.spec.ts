/**
 * The visualizer's acceptance: the page loads cleanly, the story plays (queue grows 50K/s, OOM
 * at 120 s, loss), controls change the run, seeking replays deterministically, keys work.
 * Every wait is on a condition (the simulated clock, a readout), never on wall time.
 */
import { expect, test } from "@playwright/test";
import {
  axeViolations,
  open,
  pause,
  readout,
  readoutValue,
  setSpeed,
  simTime,
  waitForSimTime,
  watchConsole,
} from "./support";

test("the page loads with every chart and readout and no console errors", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  await expect(readout(page, "Queue depth")).toHaveText("0");
  for (const label of ["Memory", "Time to OOM", "p99 latency", "Dropped", "Lost"]) {
    await expect(readout(page, label)).toBeVisible();
  }
  for (const name of [
    "Queue depth over time",
    "Consumer memory over time",
    "Latency over time",
    "Produced, consumed and dropped",
    "Event lane",
  ]) {
    await expect(page.getByRole("img", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  for (const label of ["Producer rate", "Consumer rate", "Strategy", "Speed"]) {
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  }
  for (const name of ["Play", "Step", "Reset", "Copy link"]) {
    await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
  }
  expect(errors).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the page has no WCAG A/AA violations that axe can find (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await open(page, "?strategy=watermark&t=30");
    await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
    expect(await axeViolations(page)).toEqual([]);
  });
}

test("Play runs the story and Queue depth grows by about 50K per simulated second", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page);
  await setSpeed(page, "10");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 8);
  await pause(page);
  const t = await simTime(page);
  const depth = await readoutValue(page, "Queue depth");
  // 100K/s in, 50K/s out: 50K/s of backlog, exactly, at constant rates (one sample of slack).
  expect(Math.abs(depth - 50_000 * t)).toBeLessThanOrEqual(5_000);
  expect(await page.getByLabel("Time to OOM", { exact: true }).textContent()).toMatch(/^\d+ s$/);
  expect(errors).toEqual([]);
});

test("raising Consumer rate to the Producer rate stops the growth", async ({ page }) => {
  await open(page, "?t=20");
  await expect(readout(page, "Queue depth")).toHaveText("1.0M");
  const box = page.getByLabel("Consumer rate", { exact: true });
  await box.fill("100000");
  await box.press("Enter");
  await expect(readout(page, "Time to OOM")).toHaveText("never");
  const before = await readoutValue(page, "Queue depth");
  await setSpeed(page, "100");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 50);
  await pause(page);
  expect(Math.abs((await readoutValue(page, "Queue depth")) - before)).toBeLessThanOrEqual(2);
});

test("Strategy watermark keeps the queue at or under its capacity", async ({ page }) => {
  await open(page);
  await page.getByLabel("Strategy", { exact: true }).selectOption("watermark");
  await expect(page.getByLabel("Capacity", { exact: true })).toHaveValue("10,000");
  await setSpeed(page, "1000");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 180);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  const peak = Number(await page.locator("[data-peak]").getAttribute("data-peak"));
  expect(peak).toBeGreaterThanOrEqual(8_000);
  expect(peak).toBeLessThanOrEqual(10_000);
  await expect(readout(page, "Lost")).toHaveText("0");
  await expect(page.getByRole("img", { name: /Event lane/ })).toHaveAttribute("aria-label", /Pause signal/);
});

test("at high speed the story runs out of memory at 120 s and Lost becomes non-zero", async ({ page }) => {
  await open(page);
  await setSpeed(page, "1000");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(readout(page, "Time to OOM")).toHaveText("crashed", { timeout: 20_000 });
  await expect(page.getByRole("img", { name: /Event lane/ })).toHaveAttribute(
    "aria-label",
    /Out of memory at 120\.0 s/,
  );
  await expect.poll(() => readoutValue(page, "Lost")).toBeGreaterThan(0);
});

test("seeking back to 10 s replays to 500K queued", async ({ page }) => {
  await open(page);
  // Play through the crash to the end of the run.
  await page.getByLabel("Stop at OOM", { exact: true }).uncheck();
  await setSpeed(page, "max");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 180);
  await page.getByLabel("Timeline", { exact: true }).fill("10");
  await expect(readout(page, "Queue depth")).toHaveText("500K");
  await expect.poll(() => simTime(page)).toBeCloseTo(10, 5);
  await expect(readout(page, "Lost")).toHaveText("0");
});

test("keyboard: Space plays and pauses, arrows step and scrub", async ({ page }) => {
  await open(page);
  await page.locator("h1").click();
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  await page.keyboard.press("Home");
  await expect.poll(() => simTime(page)).toBe(0);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => simTime(page)).toBeCloseTo(0.1, 9);
  await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => simTime(page)).toBeCloseTo(10.1, 9);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => simTime(page)).toBeCloseTo(10, 9);
  await expect(readout(page, "Queue depth")).toHaveText("500K");
});

test("a link with t= opens paused at that moment; bad values are listed in a banner", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?t=60&producer=-5&strategy=nope");
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  const banner = page.getByRole("alert");
  await expect(banner).toContainText("Producer rate");
  await expect(banner).toContainText("Strategy");
  expect(errors).toEqual([]);
});

test("the address bar follows the scenario", async ({ page }) => {
  await open(page);
  const box = page.getByLabel("Producer rate", { exact: true });
  await box.fill("120K");
  await box.press("Enter");
  await expect.poll(() => new URL(page.url()).searchParams.get("producer")).toBe("120000");
});

test("the theme toggle switches between system, light and dark", async ({ page }) => {
  await open(page);
  const html = page.locator("html");
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(html).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(html).toHaveAttribute("data-theme", "dark");
});

test("Copy link copies the scenario at the current moment, and the link opens there", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, "?strategy=watermark&t=60");
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  await page.getByRole("button", { name: "Copy link", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  expect(url.searchParams.get("strategy")).toBe("watermark");
  expect(url.searchParams.get("t")).toBe("60");
  const other = await context.newPage();
  await other.goto(link);
  await expect.poll(() => simTime(other)).toBeCloseTo(60, 5);
  await expect(other.getByLabel("Strategy", { exact: true })).toHaveValue("watermark");
});
