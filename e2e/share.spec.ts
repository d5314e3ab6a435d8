/**
 * Sharing: the address follows the scenario, a link with t= reopens that moment, presets push
 * history (Back/Forward restore them), Copy link (and its fallback), the exports (CSV, JSON, PNG,
 * SVG, the embed snippet) and the embed view. Every wait is on a condition, never on wall time.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { SCREENSHOT_DIR, axeViolations, open, readout, readoutValue, simTime, watchConsole } from "./support";

/** The address bar's query string, without "?". */
const query = (page: Page) => new URL(page.url()).search.slice(1);

/** Waits until the page shows the moment `timeSec`, paused. */
async function at(page: Page, timeSec: number): Promise<void> {
  await expect.poll(() => simTime(page)).toBeCloseTo(timeSec, 5);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
}

/** Clicks `button` and returns the downloaded file's name and text. */
async function download(page: Page, name: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name, exact: typeof name === "string" }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test.describe("the address follows the scenario", () => {
  test("edits replace the address (no new history entry) with non-default keys in table order", async ({ page }) => {
    await open(page);
    const entries = await page.evaluate(() => history.length);
    await page.getByLabel("Strategy", { exact: true }).selectOption("block");
    const consumer = page.getByLabel("Consumer rate", { exact: true });
    await consumer.fill("60000");
    await consumer.press("Enter");
    const producer = page.getByLabel("Producer rate", { exact: true });
    await producer.fill("100000"); // the default: stays out of the link
    await producer.press("Enter");
    await expect.poll(() => query(page)).toBe("strategy=block&consumer=60000");
    expect(await page.evaluate(() => history.length)).toBe(entries);
  });

  test("a bad link is rewritten to what was loaded", async ({ page }) => {
    await open(page, "?t=20&producer=-5&strategy=nope");
    await expect.poll(() => query(page)).toBe("producer=1&t=20");
  });

  test("a link with t= replays the run to that moment and stays paused there; reload gives the same", async ({
    page,
  }) => {
    await open(page, "?arrivals=poisson&service=exponential&producer=47500&t=42.3");
    await at(page, 42.3);
    const first = [await readoutValue(page, "Queue depth"), await readoutValue(page, "p99 latency")];
    await page.reload();
    await at(page, 42.3);
    expect([await readoutValue(page, "Queue depth"), await readoutValue(page, "p99 latency")]).toEqual(first);
    await expect.poll(() => query(page)).toBe("v=2&producer=47500&arrivals=poisson&service=exponential&t=42.3");
  });

  test("pausing records the moment as t=", async ({ page }) => {
    await open(page);
    await page.getByLabel("Timeline", { exact: true }).fill("25");
    await at(page, 25);
    await expect.poll(() => query(page)).toBe("t=25");
  });
});

test.describe("presets and history", () => {
  test("picking presets pushes entries; Back and Forward restore each scenario", async ({ page }) => {
    const errors = watchConsole(page);
    await open(page, "?t=10");
    await page.getByRole("link", { name: "Bounded queue that blocks" }).click();
    await expect.poll(() => query(page)).toBe("strategy=block");
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("block");
    await expect(page.getByRole("button", { name: "Play", exact: true })).toBeFocused();

    await page.getByRole("link", { name: "Watermarks at 80% / 20%" }).click();
    await expect.poll(() => query(page)).toBe("strategy=watermark");
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("watermark");
    await expect(page.getByRole("link", { name: "Watermarks at 80% / 20%" })).toHaveAttribute("aria-current", "true");

    await page.goBack();
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("block");
    expect(query(page)).toBe("strategy=block");
    await page.goBack();
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("unbounded");
    await at(page, 10);
    await expect(readout(page, "Queue depth")).toHaveText("500K");
    await page.goForward();
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("block");
    expect(errors).toEqual([]);
  });

  test("the gallery works from the keyboard: the Presets button, Tab to a card, Enter", async ({ page }) => {
    await open(page);
    await page.getByRole("button", { name: "Presets", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Presets", exact: true })).toBeFocused();
    // The intro's link to the guided tour comes first, then the cards.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Take the guided tour" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "The story: OOM at 120 s" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => query(page)).toBe("memory=24000000000&duration=600");
    await expect(page.getByRole("button", { name: "Play", exact: true })).toBeFocused();
    await page.keyboard.press("Space");
    await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  });

  test("every card has a title and a one-line lesson, grouped by family", async ({ page }) => {
    await open(page);
    const gallery = page.getByRole("region", { name: "Presets" });
    for (const family of [
      "The story",
      "Bounded queues",
      "Watermarks",
      "TCP",
      "Kafka",
      "Reactive Streams",
      "Queueing theory",
    ]) {
      await expect(gallery.getByRole("heading", { name: family, exact: true })).toBeVisible();
    }
    await expect(gallery.getByRole("link", { name: "No hysteresis: flapping" })).toHaveAccessibleDescription(
      /HIGH = LOW/,
    );
  });
});

test.describe("Copy link", () => {
  test("at 60 s of the story, the copied link opens at 60 s with 3.0M queued", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await open(page);
    await page.getByLabel("Timeline", { exact: true }).fill("60");
    await at(page, 60);
    await page.getByRole("button", { name: "Copy link", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).search).toBe("?t=60");

    const other = await context.newPage();
    const errors = watchConsole(other);
    await other.goto(link);
    await at(other, 60);
    await expect(readout(other, "Queue depth")).toHaveText("3.0M");
    expect(await readoutValue(other, "Queue depth")).toBe(3_000_000);
    expect(errors).toEqual([]);
  });

  test("without a clipboard, the link is shown selected in a field to copy by hand", async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
      document.execCommand = () => false;
    });
    await open(page, "?strategy=block&t=30");
    await at(page, 30);
    await page.getByRole("button", { name: "Copy link", exact: true }).click();
    const field = page.getByLabel(/copy the link by hand/);
    await expect(field).toBeFocused();
    const link = await field.inputValue();
    expect(new URL(link).search).toBe("?strategy=block&t=30");
    expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([
      0,
      link.length,
    ]);
  });
});

test.describe("Export", () => {
  test("CSV: a file whose header and row count match the run, with the scenario's link", async ({ page }) => {
    await open(page, "?t=30");
    await at(page, 30);
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const file = await download(page, "Download CSV");
    expect(file.name).toBe("backpressure-unbounded-30s.csv");
    const lines = file.bytes.toString("utf8").trimEnd().split("\n");
    const comments = lines.filter((l) => l.startsWith("#"));
    const [header, ...rows] = lines.filter((l) => !l.startsWith("#"));
    expect(header.split(",")).toEqual([...SAMPLE_COLUMNS]);
    expect(rows).toHaveLength(301); // 0, 0.1, ..., 30 s
    const last = rows[300].split(",");
    expect(Number(last[SAMPLE_COLUMNS.indexOf("timeSec")])).toBeCloseTo(30, 9);
    expect(Number(last[SAMPLE_COLUMNS.indexOf("queued")])).toBe(1_500_000);
    expect(comments).toContain(`# scenario: ${new URL("./?t=30", page.url()).href}`);
    await expect(page.getByRole("status").filter({ hasText: "Saved backpressure-unbounded-30s.csv" })).toBeVisible();
  });

  test("JSON: samples, events and the link in one document", async ({ page }) => {
    await open(page, "?memory=1000000000&t=25");
    await at(page, 25);
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const doc = JSON.parse((await download(page, "Download JSON")).bytes.toString("utf8"));
    expect(doc.samples).toBe(251);
    expect(doc.columns.queued).toHaveLength(251);
    expect(doc.scenario.memory).toBe(1e9);
    expect(new URL(doc.url).search).toBe("?memory=1000000000&t=25");
    expect(doc.events.map((e: { kind: string }) => e.kind)).toContain("oom");
  });

  test("each chart as SVG (axes and data as paths) and as PNG", async ({ page }) => {
    await open(page, "?strategy=watermark&t=20");
    await at(page, 20);
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const svg = await download(page, "Queue depth chart as SVG");
    expect(svg.name).toBe("backpressure-watermark-queue-20s.svg");
    const text = svg.bytes.toString("utf8");
    expect(text).toContain("<title>Queue depth</title>");
    expect(text).toContain("HIGH 8.0K");
    expect(text).toMatch(/<path d="M[\d.]+ [\d.]+L/);

    const png = await download(page, "Latency chart as PNG");
    writeFileSync(`${SCREENSHOT_DIR}/export-latency.png`, png.bytes); // to look at
    expect(png.name).toBe("backpressure-watermark-latency-20s.png");
    expect(png.bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
    // IHDR: width and height, big-endian, at bytes 16..24; the export is 976 CSS px wide at 2x.
    expect(png.bytes.readUInt32BE(16)).toBe(1952);
    expect(png.bytes.readUInt32BE(20)).toBeGreaterThan(300);
  });

  test("the embed snippet is an iframe of this moment with embed=1, and hide= for groups left out", async ({
    page,
  }) => {
    await open(page, "?strategy=watermark&t=30");
    await at(page, 30);
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const code = page.getByLabel("HTML to paste into your page");
    await expect(code).toHaveValue(
      /^<iframe src="http:\/\/[^"]+\/\?strategy=watermark&amp;t=30&amp;embed=1" title="Backpressure Playground: High\/low watermarks"/,
    );
    await page.getByRole("checkbox", { name: "Memory" }).uncheck();
    await page.getByRole("checkbox", { name: "Workload" }).uncheck();
    await expect(code).toHaveValue(/&amp;embed=1&amp;hide=workload,memory"/);
    const preview = await page.getByRole("link", { name: "Preview the embed" }).getAttribute("href");
    expect(new URL(preview!).search).toBe("?strategy=watermark&t=30&embed=1&hide=workload,memory");
    await page.keyboard.press("Escape");
    await expect(code).toBeHidden();
    await expect(page.getByRole("button", { name: "Export", exact: true })).toBeFocused();
  });
});

test.describe("embed view", () => {
  test("embed=1 hides the chrome: charts and Play, no header, gallery, export or sidebar", async ({ page }) => {
    const errors = watchConsole(page);
    await open(page, "?strategy=watermark&t=30&embed=1");
    await at(page, 30);
    await expect(page.getByRole("img", { name: /^Queue depth over time/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
    for (const name of ["Copy link", "Export", "Presets"])
      await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Backpressure Playground" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Presets" })).toHaveCount(0);
    await expect(page.getByLabel("Producer rate", { exact: true })).toBeHidden();
    const full = page.getByRole("link", { name: /Open in Backpressure Playground/ });
    await expect(full).toHaveAttribute("href", /\?strategy=watermark&t=30$/);
    // The controls wait, closed, under the charts.
    await page.getByText("Parameters", { exact: true }).click();
    await expect(page.getByLabel("Producer rate", { exact: true })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("hide= leaves control groups out of the embed, and hide=controls leaves them all out", async ({ page }) => {
    await open(page, "?embed=1&hide=workload,memory");
    await page.getByText("Parameters", { exact: true }).click();
    await expect(page.getByLabel("Strategy", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Producer rate", { exact: true })).toHaveCount(0);
    await expect(page.getByLabel("Memory limit", { exact: true })).toHaveCount(0);
    await open(page, "?embed=1&hide=controls");
    await expect(page.getByText("Parameters", { exact: true })).toHaveCount(0);
  });

  test("hide= works on the full page too", async ({ page }) => {
    await open(page, "?hide=memory");
    await expect(page.getByLabel("Producer rate", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Memory limit", { exact: true })).toHaveCount(0);
    // Presets keep the view keys.
    await page.getByRole("link", { name: "Bounded queue that blocks" }).click();
    await expect.poll(() => query(page)).toBe("strategy=block&hide=memory");
  });
});

test.describe("accessibility of the sharing UI", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`the banner, the open export menu and the gallery pass axe (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await open(page, "?v=99&producer=-5&colour=blue&strategy=watermark&t=20");
      await at(page, 20);
      await page.getByRole("button", { name: "Export", exact: true }).click();
      await expect(page.getByLabel("HTML to paste into your page")).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });

    test(`the embed view passes axe (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await open(page, "?strategy=watermark&t=20&embed=1&hide=memory");
      await at(page, 20);
      await page.getByText("Parameters", { exact: true }).click();
      expect(await axeViolations(page)).toEqual([]);
    });
  }
});
