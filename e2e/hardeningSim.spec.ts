/**
 * Issue 12, the engine side in the browser: the page's CSV equals the command line's bit for bit
 * on random scenarios (item 9), a link far into a heavy run shows its progress (item 3), and the
 * event lane of a crash loop says how many events it does not draw (item 1).
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { buildReport } from "../src-sim/cli/run";
import { samplesCsv } from "../src-sim/export";
import { SCREENSHOT_DIR, open, simTime, watchConsole } from "./support";

async function downloadCsv(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV", exact: true }).click(),
  ]);
  return readFileSync((await file.path())!, "utf8");
}

const dataRows = (csv: string) => csv.split("\n").filter((l) => l !== "" && !l.startsWith("#"));

for (const query of [
  "strategy=kafka&duration=20&arrivals=poisson&service=exponential&seed=7",
  "strategy=drop-oldest&duration=20&arrivals=poisson&service=exponential&capacity=5000&seed=3",
  "strategy=reactive&publisher=hot&overflow=drop&duration=20&arrivals=poisson&service=exponential&seed=11",
]) {
  test(`the page's CSV equals the command line's, bit for bit: ${query}`, async ({ page }) => {
    const errors = watchConsole(page);
    await open(page, `?${query}&t=20`);
    await expect.poll(() => simTime(page)).toBeCloseTo(20, 5);
    const pageRows = dataRows(await downloadCsv(page));
    const cliRows = dataRows(samplesCsv(buildReport(query, 20, [], 0.1).sim.readSamples(0)));
    expect(pageRows).toHaveLength(cliRows.length);
    const differing = pageRows.flatMap((row, i) => (row === cliRows[i] ? [] : [`row ${i}: ${row} vs ${cliRows[i]}`]));
    expect(differing.slice(0, 3)).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("a link far into a heavy run says 'Computing t = ...' until it gets there", async ({ page }) => {
  // 30 million events before the page stands at 3 s: the wait below may take most of a minute on
  // a busy machine, so the test's own limit leaves it that minute (the default 30 s cut it short).
  test.setTimeout(90_000);
  const errors = watchConsole(page);
  // Not open(): the readouts appear with the first frame, which comes when the seek arrives.
  await page.goto(
    "./?strategy=watermark&capacity=1&high=1&low=0&arrivals=poisson&service=exponential&producer=10000000&consumer=10000000&t=3",
  );
  const status = page.locator(".seek-progress");
  await expect(status).toHaveText(/^Computing t = \d+\.\d s of 3\.0 s…$/);
  await expect(status).toHaveAttribute("role", "status");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/hardening-computing.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(status).toHaveText(/^Computing t = /);
  await page.locator(".transport").screenshot({ path: `${SCREENSHOT_DIR}/hardening-computing-phone-dark.png` });
  await expect.poll(() => simTime(page), { timeout: 60_000 }).toBeCloseTo(3, 5);
  await expect(status).toBeEmpty();
  expect(errors).toEqual([]);
});

test("the crash loop's event lane says how many events it does not draw", async ({ page }) => {
  test.setTimeout(60_000);
  const errors = watchConsole(page);
  await open(page, "?memory=1000000&eventBytes=100000000&restart=0.01&duration=600&t=600");
  await expect.poll(() => simTime(page), { timeout: 40_000 }).toBeCloseTo(600, 5);
  const note = page.locator(".lane-note");
  await expect(note).toHaveText(
    /^[\d,]+ more Out of memory, [\d,]+ more Consumer restart events not drawn \(each kind's first 500 and latest are\)\.$/,
  );
  await expect(page.getByRole("img", { name: /Event lane/ })).toHaveAttribute("aria-label", /more Out of memory/);
  await page.locator('[data-chart="events"]').screenshot({ path: `${SCREENSHOT_DIR}/hardening-lane-note.png` });
  // The note wraps on a phone, in the dark theme too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page
    .locator('[data-chart="events"]')
    .screenshot({ path: `${SCREENSHOT_DIR}/hardening-lane-note-phone-dark.png` });
  expect(errors).toEqual([]);
});
