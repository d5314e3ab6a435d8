/**
 * Shared helpers of the end-to-end specs: console error capture, readout values, and waiting on
 * the simulated clock (never on wall time).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Where specs save screenshots to look at (git-ignored). */
export const SCREENSHOT_DIR = "e2e/screenshots";

/** Collects console errors and page errors; check `errors` at the end of a test. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return errors;
}

/** A readout's <output>, by its visible label. */
export function readout(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

/** A readout's raw value (its data-value attribute) as a number. */
export async function readoutValue(page: Page, label: string): Promise<number> {
  return Number(await readout(page, label).getAttribute("data-value"));
}

/** The current simulated time shown next to the timeline, s. */
export async function simTime(page: Page): Promise<number> {
  return Number(await page.locator(".clock").getAttribute("data-value"));
}

/** Opens the page (optionally with a query) and waits until the first frame is shown. */
export async function open(page: Page, query = ""): Promise<void> {
  await page.goto(`./${query}`);
  await expect(readout(page, "Queue depth")).toBeVisible();
}

/** Waits until the simulated clock reaches `timeSec`. */
export async function waitForSimTime(page: Page, timeSec: number, timeout = 20_000): Promise<void> {
  await expect.poll(() => simTime(page), { timeout }).toBeGreaterThanOrEqual(timeSec);
}

/** Pauses and waits until the page shows the paused state. */
export async function pause(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
}

/** Picks a playback speed ("10", "1000", "max" ...). */
export async function setSpeed(page: Page, speed: string): Promise<void> {
  await page.getByLabel("Speed", { exact: true }).selectOption(speed);
}

/** The two sizes every screenshot is taken at: a desktop window and a phone. */
export const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

/**
 * axe's WCAG 2 A and AA violations on the page (or inside the `include` selector), one line each:
 * the rule and the elements it names, so a failing test says what to fix.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (include !== undefined) builder.include(include);
  const results = await builder.withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
