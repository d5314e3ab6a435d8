/**
 * The watermark and Reactive Streams mechanism views (issue 15, item 2) and the theory lines on
 * the charts (item 3): each view renders from the run's samples, follows a seek and the zoom, and
 * is named for assistive technology by the facts it lists; the "Theory lines" toggle adds and
 * removes the lines and travels in the link as `theory=1`.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, axeViolations, open, simTime, watchConsole } from "./support";

const watermarkView = (page: Page) => page.getByRole("img", { name: /^Watermark band at/ });
const reactiveView = (page: Page) => page.getByRole("img", { name: /^Reactive Streams demand at/ });

async function seek(page: Page, timeSec: number): Promise<void> {
  await page.getByLabel("Timeline", { exact: true }).fill(String(timeSec));
  await expect.poll(() => simTime(page)).toBeCloseTo(timeSec, 5);
}

async function axe(page: Page, include: string): Promise<string[]> {
  return axeViolations(page, include);
}

test("the watermark view draws the band, the signals and the period beside theory, and follows a seek", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=watermark&t=30&zoom=29:31");
  await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
  const view = watermarkView(page);
  await expect(view).toHaveAttribute("aria-label", /^Watermark band at 30\.0 s, showing 29\.0 s to 31\.0 s/);
  const label = (await view.getAttribute("aria-label")) ?? "";
  // The preset's cycle: 0.24 s measured and in theory; a pause every cycle in the 2 s window.
  expect(label).toMatch(/Cycle period: 240 ms measured over \d+ cycles; 240 ms in theory/);
  const pauses = Number(/Signals in view: (\d+) pauses/.exec(label)?.[1]);
  expect(pauses).toBeGreaterThanOrEqual(4);
  const ticks = (await view.locator("path.mech-tick-pause").getAttribute("d")) ?? "";
  expect(ticks.split("M").length - 1).toBe(pauses);
  // The list under the picture says the same.
  await expect(page.locator('[data-view="watermark"] .mech-facts')).toContainText("240 ms in theory");
  await seek(page, 10);
  await expect(view).toHaveAttribute("aria-label", /^Watermark band at 10\.0 s/);
  await expect(view).toHaveAttribute("data-time", "10");
  expect(errors).toEqual([]);
});

test("a slow signal: the view reports the overshoot past HIGH and below LOW", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=watermark&signalDelay=0.1&t=20&zoom=18:20");
  await expect(watermarkView(page)).toHaveAttribute("aria-label", /Above HIGH: 2\.0K \(peak 10K; theory 2\.0K\)/);
  await expect(watermarkView(page)).toHaveAttribute("aria-label", /Below LOW: 2\.0K \(trough 0; theory 2\.0K\)/);
  expect(errors).toEqual([]);
});

test("the demand view draws demand, request(n) and a hot publisher's buffer, and follows a seek", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=reactive&t=30&zoom=29.9:30");
  const view = reactiveView(page);
  await expect(view).toHaveAttribute("aria-label", /^Reactive Streams demand at 30\.0 s/);
  const label = (await view.getAttribute("aria-label")) ?? "";
  expect(label).toMatch(/Outstanding demand: \d+ of prefetch 128/);
  expect(label).toMatch(/request\(n\) in view: [\d,]+ calls, n = 96/);
  expect(label).toContain("Overflow buffer: none");
  const ticks = (await view.locator("path.mech-tick-request").getAttribute("d")) ?? "";
  expect(ticks.length).toBeGreaterThan(0);
  await seek(page, 12);
  await expect(view).toHaveAttribute("aria-label", /^Reactive Streams demand at 12\.0 s/);

  await open(page, "?strategy=reactive&publisher=hot&overflow=buffer&t=5");
  await expect(reactiveView(page)).toHaveAttribute("aria-label", /Overflow buffer: [\d.]+K now/);
  await expect(reactiveView(page).locator("path.mech-buffer")).toHaveAttribute("d", /^M/);
  expect(errors).toEqual([]);
});

for (const [name, query] of [
  ["watermark", "?strategy=watermark&t=30&zoom=29:31"],
  ["watermark-slow", "?strategy=watermark&signalDelay=0.1&t=20&zoom=18:21"],
  ["reactive", "?strategy=reactive&t=30&zoom=29.9:30"],
  ["reactive-hot", "?strategy=reactive&publisher=hot&overflow=drop-oldest&t=30"],
] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot and axe: the ${name} view, ${colorScheme}`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.emulateMedia({ colorScheme });
      for (const vp of [
        { id: "desktop", width: 1280, height: 800 },
        { id: "phone", width: 390, height: 844 },
      ]) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await open(page, query);
        const view = page.locator(".mech");
        await expect(view.getByRole("img")).toBeVisible();
        await view.screenshot({ path: `${SCREENSHOT_DIR}/mech-${name}-${vp.id}-${colorScheme}.png` });
        const box = await view.boundingBox();
        expect(box!.width).toBeLessThanOrEqual(vp.width);
      }
      expect(await axe(page, ".mechanism")).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}

const theoryLinesOn = (page: Page, chart: string) => page.locator(`.chart[data-chart="${chart}"] g.theory-line`);

test("the theory toggle adds and removes the lines, and theory=1 round-trips through the link", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?t=60");
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  const toggle = page.getByRole("checkbox", { name: "Theory lines" });
  await expect(toggle).not.toBeChecked();
  await expect(theoryLinesOn(page, "queue")).toHaveCount(0);

  await toggle.check();
  await expect(theoryLinesOn(page, "queue")).toHaveCount(2);
  await expect(page.locator('.chart[data-chart="queue"] g.theory-line[data-id="fluid"] path')).toHaveAttribute(
    "d",
    /^M/,
  );
  await expect(page.locator('.chart[data-chart="memory"] g.theory-line[data-id="oom"] text')).toHaveText(
    "OOM predicted 120.0 s",
  );
  await expect.poll(() => new URL(page.url()).searchParams.get("theory")).toBe("1");
  // Each line's key shows its formula on focus, from the keyboard.
  const key = page.locator('.chart[data-chart="queue"] .theory-key[data-id="fluid"]');
  await key.focus();
  const tip = page.getByRole("tooltip").filter({ hasText: "Fluid line: Q(t) = (λ − μ) t" });
  await expect(tip).toBeVisible();
  await expect(key).toHaveAccessibleDescription(/50K\/s × t/);

  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Theory lines" })).toBeChecked();
  await expect(theoryLinesOn(page, "queue")).toHaveCount(2);
  await page.getByRole("checkbox", { name: "Theory lines" }).uncheck();
  await expect(theoryLinesOn(page, "queue")).toHaveCount(0);
  await expect(page.locator(".theory-key")).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.has("theory")).toBe(false);
  expect(errors).toEqual([]);
});

test("the theory lines follow the zoom", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?t=60&theory=1&zoom=10:20");
  const fluid = page.locator('.chart[data-chart="queue"] g.theory-line[data-id="fluid"]');
  await expect(fluid).toHaveCount(1);
  // The OOM at 120 s is outside the window, so only the fluid line is drawn.
  await expect(theoryLinesOn(page, "queue")).toHaveCount(1);
  const zoomed = await fluid.locator("path").getAttribute("d");
  await page.keyboard.press("Escape");
  await expect(theoryLinesOn(page, "queue")).toHaveCount(2);
  await expect(fluid.locator("path")).not.toHaveAttribute("d", zoomed ?? "");
  expect(errors).toEqual([]);
});

for (const [name, query] of [
  ["story", "?t=120&theory=1"],
  ["mm1", "?producer=40000&arrivals=poisson&service=exponential&t=30&theory=1&v=2"],
  ["watermark", "?strategy=watermark&t=30&theory=1&zoom=29:31"],
  ["tcp", "?strategy=tcp&t=20&theory=1"],
] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot and axe: theory lines, ${name}, ${colorScheme}`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.emulateMedia({ colorScheme });
      for (const vp of [
        { id: "desktop", width: 1280, height: 800 },
        { id: "phone", width: 390, height: 844 },
      ]) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await open(page, query);
        await expect(page.locator("g.theory-line").first()).toBeAttached();
        // The sticky transport would cover the charts in a screenshot taller than the window.
        await page.locator(".stage-bar").evaluate((el: HTMLElement) => el.style.setProperty("position", "static"));
        // On the phone, a key's formula as focus shows it; on the desktop, the lines unobstructed.
        if (vp.id === "phone") await page.locator(".theory-key").first().focus();
        await page
          .locator(".charts")
          .screenshot({ path: `${SCREENSHOT_DIR}/theory-${name}-${vp.id}-${colorScheme}.png` });
      }
      expect(await axe(page, ".charts")).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}
