/**
 * A worker that dies, hangs, throws or sends garbage is never silent (issue 12, item 4). The
 * faults are caused from inside the real worker (Playwright evaluates code in it): `close()`
 * ends it as terminate() would, an endless loop hangs it, a thrown error crashes a task, a posted
 * object that is not a frame is a malformed frame. Each time the page shows one message, Play
 * comes back, and "Restart at t = ..." resumes the same run at the same moment.
 */
import { expect, test, type Page, type Worker } from "@playwright/test";
import { SCREENSHOT_DIR, axeViolations, open, pause, simTime, waitForSimTime, watchConsole } from "./support";

/** The simulation worker of the page (the only worker it starts). */
async function simWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().length).toBe(1);
  return page.workers()[0];
}

const banner = (page: Page) => page.locator(".banner-error");

/** Checks the message, then restarts and checks the run continues from the same moment. */
async function restartsAtSameMoment(page: Page, atSec: number) {
  const restart = page.getByRole("button", { name: `Restart at t = ${atSec.toFixed(1)} s` });
  await expect(restart).toBeVisible();
  await restart.click();
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => simTime(page)).toBeCloseTo(atSec, 5);
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, atSec + 1);
  await pause(page);
}

test("a worker that ends while playing: one message after the watchdog's wait, Play returns, Restart resumes", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page, "?t=30");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 31);
  await (await simWorker(page)).evaluate(() => self.close());
  await expect(banner(page)).toContainText("The simulation stopped. It has not answered for 5 s.", {
    timeout: 15_000,
  });
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  const at = await simTime(page);
  expect(at).toBeGreaterThan(30);
  await restartsAtSameMoment(page, at);
  expect(errors).toEqual([]);
});

test("a worker that hangs in an endless loop while paused is noticed and replaced", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=watermark&t=12");
  const worker = await simWorker(page);
  await worker.evaluate(
    () =>
      void setTimeout(() => {
        for (;;);
      }, 0),
  );
  await expect(banner(page)).toContainText("It has not answered for 5 s.", { timeout: 15_000 });
  await restartsAtSameMoment(page, 12);
  expect(errors).toEqual([]);
});

test("an exception in the worker: the message says it once, without repeating itself", async ({ page }) => {
  await open(page, "?t=5");
  await (
    await simWorker(page)
  ).evaluate(
    () =>
      void setTimeout(() => {
        throw new Error("engine exploded");
      }, 0),
  );
  await expect(banner(page)).toHaveText(/^The simulation stopped\. Error: engine exploded\s*Restart at t = 5\.0 s$/);
  await restartsAtSameMoment(page, 5);
});

test("a malformed frame is one message, not an uncaught TypeError", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?t=7");
  await (await simWorker(page)).evaluate(() => self.postMessage({ type: "frame", frameId: 99, columns: null }));
  await expect(banner(page)).toContainText("It sent a frame whose sampleIntervalSec is not positive");
  await expect(banner(page)).toHaveCount(1);
  await restartsAtSameMoment(page, 7);
  expect(errors).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the stopped-simulation message passes axe and is screenshotted (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const vp of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize(vp);
      await open(page, "?t=42");
      await (await simWorker(page)).evaluate(() => self.postMessage({ type: "error", message: "engine exploded" }));
      await expect(banner(page)).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/worker-stopped-${vp.name}-${colorScheme}.png` });
    }
    expect(await axeViolations(page)).toEqual([]);
  });
}
