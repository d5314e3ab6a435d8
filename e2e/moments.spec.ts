/**
 * The key moments and one truth per instant (issue 10, items 3 to 5): the story's OOM is a
 * labelled mark at 120 s and playback stops there; flapping shows as a signal rate in the
 * thousands per second; readout cards and chart legends show the same figures; the event lane
 * explains every mark its strategy can produce, from the keyboard; parameters read in their
 * table's units. Waits are on conditions, never on wall time.
 */
import { expect, test, type Page } from "@playwright/test";
import { axeViolations, open, pause, readout, readoutValue, setSpeed, simTime, watchConsole } from "./support";

/** A chart legend's value for one series ("queued", "p99", "consumer" ...). */
function legendValue(page: Page, chart: string, label: string) {
  return page
    .locator(`[data-chart="${chart}"] .legend-item`)
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator("b");
}

/** Opens `query` paused at `t` and waits until the page shows that moment. */
async function openAt(page: Page, query: string, t: number): Promise<void> {
  await open(page, `?${query}${query ? "&" : ""}t=${t}`);
  await expect.poll(() => simTime(page)).toBeCloseTo(t, 5);
}

/** Checks that the cards and the legends show the same figures at the moment shown. */
async function expectCardsMatchLegends(page: Page, where: string): Promise<void> {
  // Every legend reads the sample the cards read. The four attributes are read together, in
  // one task, so a frame that lands between two reads cannot make them look out of step.
  await expect
    .poll(
      () =>
        page.evaluate(() =>
          ["section.readouts", ...["queue", "memory", "latency"].map((c) => `[data-chart="${c}"] .legend`)]
            .map((selector) => document.querySelector(selector)?.getAttribute("data-sample") ?? "none")
            .join(" "),
        ),
      { message: `${where}: cards, queue, memory and latency legends read one sample` },
    )
    .toMatch(/^(\d+)( \1){3}$/);
  await expect(legendValue(page, "queue", "queued"), where).toHaveText(
    (await readout(page, "Queue depth").textContent())!,
  );
  await expect(legendValue(page, "latency", "p99"), where).toHaveText(
    (await readout(page, "p99 latency").textContent())!,
  );
  // The Memory card's sub-line reads "8 MB of 6 GB".
  const memorySub = await page
    .locator(".readout")
    .filter({ has: readout(page, "Memory") })
    .locator(".readout-sub")
    .textContent();
  await expect(legendValue(page, "memory", "consumer"), where).toHaveText(memorySub!.split(" of ")[0]);
}

test("the story shows a labelled OOM mark at 120 s on the depth and memory charts", async ({ page }) => {
  const errors = watchConsole(page);
  await openAt(page, "", 125);
  for (const chart of ["queue", "memory"]) {
    const mark = page.locator(`[data-chart="${chart}"] g.moment[data-kind="oom"]`);
    await expect(mark).toHaveCount(1);
    await expect(mark).toHaveText(/^OOM at 120\.0 s · 6\.0M lost$/);
    expect(Number(await mark.getAttribute("data-time"))).toBeCloseTo(120, 1);
    // Drawn where the time axis says 120 s.
    const tick = page.locator(`[data-chart="${chart}"] .x-axis .tick`).filter({ hasText: /^120 s$/ });
    const tickBox = (await tick.locator("line").boundingBox())!;
    const lineBox = (await mark.locator("line").boundingBox())!;
    expect(Math.abs(tickBox.x + tickBox.width / 2 - (lineBox.x + lineBox.width / 2))).toBeLessThan(2);
  }
  await expect(page.getByRole("img", { name: /^Queue depth over time/ })).toHaveAttribute(
    "aria-label",
    /Marked: Out of memory at 120\.0 s, 6\.0M events lost/,
  );
  expect(errors).toEqual([]);
});

test("playing the story stops at the crash (Stop at OOM), then plays on to the end", async ({ page }) => {
  await open(page);
  await expect(page.getByLabel("Stop at OOM", { exact: true })).toBeChecked();
  await setSpeed(page, "1000");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  // Paced at 1000x a frame moves about 16 s: only a stop lands exactly on the 120.0 s sample.
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(120, 5);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  expect(await simTime(page)).toBeCloseTo(120, 5);
  await expect(readout(page, "Time to OOM")).toHaveText("crashed");
  await expect(readout(page, "Queue depth")).toHaveText("0");
  await expect(page.locator('[data-chart="queue"] g.moment[data-kind="oom"]')).toHaveCount(1);
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBe(180);
});

test("the flapping preset shows a signal rate in the thousands per second and a readable HIGH = LOW", async ({
  page,
}) => {
  await openAt(page, "strategy=watermark&low=8000", 30);
  expect(await readoutValue(page, "Signals")).toBeGreaterThanOrEqual(1000);
  await expect(readout(page, "Signals")).toHaveText(/^\d+(\.\d)?K\/s$/);
  await expect(page.locator('[data-chart="queue"] text.ref-label')).toHaveText(["capacity 10K", "HIGH = LOW 8.0K"]);
  // The calm 80% / 20% watermarks signal a handful of times a second, not thousands.
  await openAt(page, "strategy=watermark", 30.3);
  expect(await readoutValue(page, "Signals")).toBeLessThan(100);
});

test("cards and legends show the same figures, paused at several moments of several presets", async ({ page }) => {
  const cases: Array<[string, number]> = [
    ["", 10.7],
    ["", 125],
    ["strategy=tcp&consumer=1&duration=120", 60],
    ["strategy=kafka&producer=20&consumer=10&maxPollInterval=30&duration=300", 200],
    ["strategy=watermark&signalDelay=0.1", 30.3],
    ["strategy=reactive&publisher=hot&overflow=drop", 20],
  ];
  for (const [query, t] of cases) {
    await openAt(page, query, t);
    await expectCardsMatchLegends(page, `${query || "story"} at ${t} s`);
  }
  // Paused after playing, and after stepping back, still one truth.
  await openAt(page, "", 0);
  await setSpeed(page, "10");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(() => simTime(page)).toBeGreaterThan(3);
  await pause(page);
  await expectCardsMatchLegends(page, "story after playing");
  await page.locator("h1").click();
  const beforeStepSec = await simTime(page);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => simTime(page)).toBeLessThan(beforeStepSec);
  await expectCardsMatchLegends(page, "story after a step back");
});

test("the event lane lists every mark its strategy can produce and explains each from the keyboard", async ({
  page,
}) => {
  await openAt(page, "strategy=tcp&consumer=1&duration=120", 60);
  const legend = page.locator('[data-chart="events"] .lane-legend');
  for (const name of ["Zero window", "Window update", "Window probe"]) {
    await expect(legend.getByText(name, { exact: true })).toBeVisible();
  }
  const summary = page.getByText("What the marks mean", { exact: true });
  await summary.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText(/persist timer probes the closed window/)).toBeVisible();
  await page.getByLabel("Strategy", { exact: true }).selectOption("reactive");
  await expect(legend.getByText("request(n)", { exact: true })).toBeVisible();
  await expect(legend.getByText("Window probe", { exact: true })).toHaveCount(0);
});

test("TCP parameters read in the table's units: 1 Gbit/s, 1460 B, 128 KiB", async ({ page }) => {
  await openAt(page, "strategy=tcp", 1);
  const param = (label: string) =>
    page
      .locator(".param")
      .filter({ has: page.getByLabel(label, { exact: true }) })
      .locator(".param-human");
  await expect(param("Link rate")).toHaveText("1 Gbit/s");
  await expect(param("MSS")).toHaveText("1460 B");
  await expect(param("Receive buffer")).toHaveText("128 KiB");
  for (const label of await page.locator('[data-chart="tcp"] text.ref-label').allTextContents()) {
    expect(label).toMatch(/ \d+(\.\d)? [KM]iB$/);
  }
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the marks, the signals card and the open mark legend pass axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openAt(page, "strategy=watermark&low=8000", 20);
    await page.getByText("What the marks mean", { exact: true }).click();
    expect(await axeViolations(page)).toEqual([]);
    await openAt(page, "", 125);
    expect(await axeViolations(page)).toEqual([]);
  });
}
