/**
 * Compare mode (issue 13): lanes on one workload, one seed and one clock, the scorecard, the
 * comparison's link, its exports and presets, in the built page.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, VIEWPORTS, axeViolations, simTime, watchConsole } from "./support";

/** The acceptance comparison: the story under unbounded, watermarks and block. */
const STORY = "lanes=unbounded;watermark;block";

/** Opens a comparison and waits for its first frame. */
async function openComparison(page: Page, query: string): Promise<void> {
  await page.goto(`./?${query}`);
  await expect(page.getByRole("heading", { name: "Scorecard" })).toBeVisible();
  await expect(page.locator('tr[data-figure="throughput"] td').first()).not.toHaveText("–");
}

/** A scorecard cell: the row of `figure`, the column of lane `lane` (0 = A). */
function cell(page: Page, figure: string, lane: number) {
  return page.locator(`tr[data-figure="${figure}"] td[data-lane="${lane}"]`);
}

/** Plays to the end of the run at the fastest pace, past the OOM stop. */
async function playToEnd(page: Page): Promise<void> {
  await page.getByLabel("Speed", { exact: true }).selectOption("max");
  await page.getByLabel("Stop at OOM").uncheck();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBe(180);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
}

test("a 3-lane story shows OOM in the unbounded lane only, marks it, and survives a reload", async ({ page }) => {
  const errors = watchConsole(page);
  await openComparison(page, STORY);
  await expect(page.getByRole("group", { name: "A · Unbounded queue" })).toBeVisible();
  await expect(page.getByRole("group", { name: "B · High/low watermarks" })).toBeVisible();
  await expect(page.getByRole("group", { name: "C · Bounded, block producer" })).toBeVisible();
  await playToEnd(page);

  // The scorecard: lane A ran out of memory at 2:00, and says so in words; B and C did not.
  await expect(cell(page, "oomAtSec", 0)).toContainText("OOM at");
  await expect(cell(page, "oomAtSec", 0)).toHaveAttribute("data-alarm", "true");
  for (const lane of [1, 2]) {
    await expect(cell(page, "oomAtSec", lane)).toHaveText(/none ★ best/);
    await expect(cell(page, "oomAtSec", lane)).toHaveAttribute("data-best", "true");
  }
  // A lost what it held; the others lost nothing, and are marked best for it.
  await expect(cell(page, "lost", 0)).not.toHaveText("0");
  await expect(cell(page, "lost", 1)).toHaveText(/^0 ★ best$/);
  // Exactly one mark per row at most in words, and the OOM on the charts for lane A only.
  const queueLabel = await page.locator('[data-chart="queue"] .plot').getAttribute("aria-label");
  expect(queueLabel).toMatch(/A · Unbounded queue ran out of memory at 120\.0 s/);
  expect(queueLabel!.match(/ran out of memory/g)).toHaveLength(1);

  // The whole comparison is its link: reload and the same lanes, moment and figures come back.
  await expect.poll(() => new URL(page.url()).searchParams.get("t")).toBe("180");
  const url = page.url();
  expect(url).toContain("lanes=unbounded;watermark;block");
  const before = await page.locator("table.scorecard tbody").innerText();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Scorecard" })).toBeVisible();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBe(180);
  await expect(cell(page, "oomAtSec", 0)).toContainText("OOM at");
  await expect.poll(() => page.locator("table.scorecard tbody").innerText()).toBe(before);
  expect(errors).toEqual([]);
});

test("play, step and seek move every lane together; a lane's setting changes that lane", async ({ page }) => {
  await openComparison(page, `${STORY}&t=30`);
  await expect.poll(() => simTime(page)).toBe(30);
  await page.getByRole("button", { name: "Step", exact: true }).click();
  await expect.poll(() => simTime(page)).toBeCloseTo(30.1, 6);
  // Every chart's legend reads the same moment in every lane: the unbounded queue at 1.5M.
  const legend = page.locator('[data-chart="queue"] .legend-item');
  await expect(legend).toHaveCount(3);
  await expect(legend.nth(0)).toContainText("1.5M");
  // Block's capacity is its own: lane C's scenario changes, lanes A and B keep their figures.
  const aQueue = await cell(page, "maxQueued", 0).innerText();
  const lane = page.getByRole("group", { name: "C · Bounded, block producer" });
  await lane.getByText("Settings of lane C").click();
  const capacity = lane.getByRole("spinbutton", { name: /Capacity/ });
  await capacity.fill("2000");
  await capacity.press("Enter");
  await expect(cell(page, "maxQueued", 2)).toHaveText(/2,?000|2\.0K/);
  await expect(cell(page, "maxQueued", 0)).toHaveText(aQueue);
  await expect
    .poll(() => new URL(page.url()).searchParams.get("lanes"))
    .toBe("unbounded;watermark;block,capacity:2000");
  // The shared workload changes every lane: a consumer as fast as the producer, and nobody queues.
  const consumer = page
    .getByRole("complementary", { name: "Shared workload" })
    .getByRole("spinbutton", { name: /Consumer rate/ });
  await consumer.fill("100000");
  await consumer.press("Enter");
  for (const i of [0, 1, 2]) await expect(cell(page, "maxQueued", i)).toHaveText(/^[0-9]$/);
});

for (const width of [1280, 390]) {
  test(`each lane's strategy select shows its whole name at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openComparison(page, "lanes=drop-oldest;tcp;block;watermark");
    // The text each select shows, measured in its own font, against the room inside it (its
    // padding and the arrow, about 16 px, left out).
    const cut = await page.locator(".lane-card select").evaluateAll((els) =>
      els.flatMap((el) => {
        const select = el as HTMLSelectElement;
        const style = getComputedStyle(select);
        const ctx = document.createElement("canvas").getContext("2d")!;
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = select.selectedOptions[0]?.text ?? "";
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
        return ctx.measureText(text).width > room ? [text] : [];
      }),
    );
    expect(cut).toEqual([]);
  });
}

test("bad lanes give a banner and a safe fallback", async ({ page }) => {
  await page.goto("./?lanes=unbounded;nonsense;block,high:3");
  await expect(page.getByRole("alert")).toContainText('"nonsense" is not a strategy');
  await expect(page.getByRole("alert")).toContainText('"high" does not apply to block');
  await expect(page.getByRole("group", { name: "A · Unbounded queue" })).toBeVisible();
  await expect(page.getByRole("group", { name: "B · Bounded, block producer" })).toBeVisible();
  // One usable lane is not a comparison: the single run of it, with the reason.
  await page.goto("./?lanes=block;nope");
  await expect(page.getByRole("alert")).toContainText("showing a single run instead");
  await expect(page.getByLabel("Queue depth", { exact: true })).toBeVisible();
});

test("exports: the scorecard as CSV, every lane's samples as CSV and JSON", async ({ page }) => {
  await openComparison(page, `${STORY}&t=20`);
  await expect.poll(() => simTime(page)).toBe(20);
  const save = async (name: RegExp) => {
    await page.locator(".compare-export summary").click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
    const path = await download.path();
    const fs = await import("node:fs");
    return { name: download.suggestedFilename(), text: fs.readFileSync(path, "utf8") };
  };
  const card = await save(/^Scorecard \(CSV\)$/);
  expect(card.name).toBe("backpressure-comparison-scorecard-20s.csv");
  expect(card.text).toMatch(
    /^figure,unit,A · Unbounded queue,B · High\/low watermarks,"C · Bounded, block producer",best$/m,
  );
  expect(card.text).toMatch(/^maxQueued,events,1000000,8000,10000,B$/m);
  const csv = await save(/samples \(CSV\)/);
  const rows = csv.text.split("\n").filter((l) => /^[ABC],/.test(l));
  expect(rows.length).toBe(3 * 201);
  const json = JSON.parse((await save(/\(JSON\)/)).text) as {
    format: string;
    lanes: Array<{ lane: string; samples: number }>;
  };
  expect(json.format).toBe("backpressure-playground/comparison");
  expect(json.lanes.map((l) => [l.lane, l.samples])).toEqual([
    ["A", 201],
    ["B", 201],
    ["C", 201],
  ]);
});

test("small multiples share their axes, and the view is in the link", async ({ page }) => {
  await openComparison(page, `${STORY}&t=60`);
  await page.getByRole("radio", { name: "Small multiples" }).check();
  await expect(page.locator('.multiples[data-chart="queue"] .chart-multiple')).toHaveCount(3);
  await expect.poll(() => new URL(page.url()).searchParams.get("compareView")).toBe("multiples");
  const domains = await page
    .locator('.multiples[data-chart="queue"] canvas')
    .evaluateAll((els) =>
      els.map((el) => (el as HTMLCanvasElement & { bpDrawn?: () => { domain: number[] } | null }).bpDrawn?.()?.domain),
    );
  expect(new Set(domains.map((d) => JSON.stringify(d))).size).toBe(1);
});

test("zoom: every chart of every lane shows the same window", async ({ page }) => {
  await openComparison(page, `${STORY}&t=60`);
  await expect.poll(() => simTime(page)).toBe(60);
  await page.getByRole("button", { name: "Zoom to 1 s here" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Zoomed to" })).toHaveText(/59\.50 s – 60\.50 s/);
  const windows = () =>
    page.locator(".compare-charts canvas").evaluateAll((els) =>
      els
        .map((el) => (el as HTMLCanvasElement & { bpDrawn?: () => { timeDomain: number[] } | null }).bpDrawn?.())
        .filter((d) => d)
        .map((d) => JSON.stringify(d!.timeDomain)),
    );
  await expect.poll(async () => [...new Set(await windows())]).toEqual(["[59.5,60.5]"]);
  await page.locator(".compare-charts").screenshot({ path: `${SCREENSHOT_DIR}/compare-zoomed-desktop-light.png` });
  await page.getByRole("button", { name: "Whole run" }).click();
  await expect.poll(async () => [...new Set(await windows())]).toEqual(["[0,180]"]);
});

test("the single run's Compare and the gallery open comparisons", async ({ page }) => {
  await page.goto("./?strategy=watermark&consumer=40000");
  await page.getByRole("link", { name: "Compare" }).click();
  await expect(page.getByRole("heading", { name: "Scorecard" })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("lanes")).toBe("watermark;unbounded;block");
  expect(new URL(page.url()).searchParams.get("consumer")).toBe("40000");
  await page.getByRole("link", { name: /How big must the buffer be/ }).click();
  await expect(page.getByRole("group", { name: /^D · / })).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the comparison passes axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openComparison(page, `${STORY}&t=130`);
    await expect.poll(() => simTime(page)).toBe(130);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("radio", { name: "Small multiples" }).check();
    expect(await axeViolations(page)).toEqual([]);
  });
}

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot: the story compared, ${vp.name}, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme });
      await openComparison(page, `${STORY}&t=150`);
      await expect.poll(() => simTime(page)).toBe(150);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/compare-${vp.name}-${colorScheme}.png` });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/compare-${vp.name}-${colorScheme}-full.png`, fullPage: true });
      await page.locator(".scorecard-section").screenshot({
        path: `${SCREENSHOT_DIR}/compare-scorecard-${vp.name}-${colorScheme}.png`,
      });
      await page.locator('[data-chart="queue"]').screenshot({
        path: `${SCREENSHOT_DIR}/compare-queue-${vp.name}-${colorScheme}.png`,
      });
      await page.getByRole("radio", { name: "Small multiples" }).check();
      await page.locator('.multiples[data-chart="queue"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/compare-multiples-${vp.name}-${colorScheme}.png` });
    });
  }
}
