/**
 * Story mode (issue 15, item 4): every chapter opens from its link (`story=N`), loads its
 * scenario and shows its notes and outlines; chapter 1's checkpoints read 500K at 10 s, 3.0M at
 * 60 s and the crash at 120 s off the run; Next/Previous and the keyboard move between chapters
 * and keep the address in step; bad `story=` values are reported and fall back; axe passes on
 * every chapter in both themes; screenshots of every chapter at desktop and phone width.
 */
import { expect, test, type Page } from "@playwright/test";
import { decodeScenario } from "../src-sim/scenario/codec";
import { sameSimulation } from "../src-sim/scenario/sameSimulation";
import { CHAPTERS, type Chapter } from "../web/story/chapters";
import { SCREENSHOT_DIR, VIEWPORTS, axeViolations, open, readout, setSpeed, simTime, watchConsole } from "./support";

/** The chapter panel's heading. */
function heading(page: Page, chapter: Chapter) {
  return page.getByRole("heading", { name: `Chapter ${chapter.number}: ${chapter.title}`, exact: true });
}

/** The scenario the address names now. */
function addressScenario(page: Page) {
  return decodeScenario(new URL(page.url()).search);
}

/** Waits until the chapter is open and its notes drawn. */
async function expectChapter(page: Page, chapter: Chapter) {
  await expect(heading(page, chapter)).toBeVisible();
  await expect(page.locator("section.story")).toHaveAttribute("data-chapter", String(chapter.number));
  await expect.poll(() => new URL(page.url()).searchParams.get("story")).toBe(String(chapter.number));
  for (const note of chapter.notes) {
    await expect(page.locator(`figure[data-chart="${note.chart}"] g.note[data-time="${note.atSec}"]`)).toHaveCount(1);
  }
}

for (const chapter of CHAPTERS) {
  test(`chapter ${chapter.number} (${chapter.id}) opens from its link with its scenario, notes and outlines`, async ({
    page,
  }) => {
    const errors = watchConsole(page);
    await open(page, `?story=${chapter.number}`);
    await expectChapter(page, chapter);
    await expect(heading(page, chapter)).toBeFocused();
    // Its scenario: the address now spells it out, and the strategy control shows it.
    const want = decodeScenario(chapter.query);
    await expect.poll(() => sameSimulation(addressScenario(page).scenario, want.scenario)).toBe(true);
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue(want.scenario.strategy);
    // What it points at is outlined, and each chart note is named in its chart's accessible name.
    const focus = await page.locator(".app").getAttribute("data-story-focus");
    expect(focus?.split(" ")).toEqual(chapter.focus);
    for (const f of chapter.focus.filter((x) => x.startsWith("chart:") || x.startsWith("flow:"))) {
      const selector = f.startsWith("chart:")
        ? `figure.chart[data-chart="${f.slice(6)}"]`
        : f === "flow:signal"
          ? ".flow-signal"
          : `.flow-node[data-node="${f.slice(5)}"]`;
      await expect(page.locator(selector).first()).toHaveCSS("outline-style", "dashed");
    }
    for (const chart of new Set(chapter.notes.map((n) => n.chart))) {
      await expect(page.locator(`figure[data-chart="${chart}"] .plot`)).toHaveAttribute("aria-label", /Tour marks: /);
    }
    expect(errors).toEqual([]);
  });
}

test("chapter 1: the checkpoints read 500K at 10 s, 3.0M at 60 s, and the crash at 120 s", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?story=1");
  const checkpoints = page.getByRole("list", { name: "Checkpoints" });
  await expect(checkpoints.locator('[data-checkpoint="10"] output')).toHaveText("not reached yet");
  await expect(checkpoints.locator('[data-checkpoint="oom"] output')).toHaveText("not yet");
  await setSpeed(page, "max");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  // Stop at OOM (on by default) pauses on the sample that shows the crash.
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => simTime(page)).toBeCloseTo(120, 5);
  await expect(checkpoints.locator('[data-checkpoint="oom"] output')).toHaveText(/^at 120\.0 s, 6\.0M events lost$/);
  await expect(page.locator('figure[data-chart="queue"] g.moment[data-kind="oom"] text')).toHaveText(/OOM at 120\.0 s/);
  await expect(checkpoints.locator('[data-checkpoint="10"] output')).toHaveText("500K");
  await expect(checkpoints.locator('[data-checkpoint="60"] output')).toHaveText("3.0M");
  // The chart notes read the same samples.
  await expect(page.locator('figure[data-chart="queue"] g.note[data-time="10"] text')).toHaveText("10 s: 500K");
  await expect(page.locator('figure[data-chart="queue"] g.note[data-time="60"] text')).toHaveText("60 s: 3.0M");
  // Each checkpoint's button moves the run there, and the readout agrees.
  await checkpoints.getByRole("button", { name: "Go to 10.0 s" }).click();
  await expect.poll(() => simTime(page)).toBeCloseTo(10, 5);
  await expect(readout(page, "Queue depth")).toHaveText("500K");
  await checkpoints.getByRole("button", { name: "Go to 60.0 s" }).click();
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  await expect(readout(page, "Queue depth")).toHaveText("3.0M");
  expect(errors).toEqual([]);
});

test("Next and Previous move between chapters and keep the address in step; Back returns", async ({ page }) => {
  await open(page, "?story=1");
  await page.getByRole("link", { name: /^Next: chapter 2/ }).click();
  await expectChapter(page, CHAPTERS[1]);
  await expect(heading(page, CHAPTERS[1])).toBeFocused();
  expect(addressScenario(page).scenario.memory).toBe(24e9);
  await page.getByRole("link", { name: /^Previous: chapter 1/ }).click();
  await expectChapter(page, CHAPTERS[0]);
  await page.getByRole("link", { name: `Chapter 6: ${CHAPTERS[5].title}` }).click();
  await expectChapter(page, CHAPTERS[5]);
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("tcp");
  await page.goBack();
  await expectChapter(page, CHAPTERS[0]);
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("unbounded");
  // An edit keeps the chapter in the address, with the edit.
  await page.getByRole("link", { name: /^Next: chapter 2/ }).click();
  await expectChapter(page, CHAPTERS[1]);
  await page.getByRole("button", { name: "Leave the tour" }).click();
  await expect(page.locator("section.story")).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.has("story")).toBe(false);
  // The run stays as it was.
  expect(addressScenario(page).scenario.memory).toBe(24e9);
  await expect(page.getByRole("button", { name: "Take the guided tour" })).toBeVisible();
});

test("a chapter sets the theory lines as it wants them; the reader's choice is a link key; leaving keeps them", async ({
  page,
}) => {
  const wants = (n: number) => CHAPTERS[n - 1].theory;
  const on = CHAPTERS.find((c) => c.theory)!;
  const off = CHAPTERS.find((c) => !c.theory)!;
  const toggle = page.getByLabel("Theory lines", { exact: true });
  const theoryKey = () => new URL(page.url()).searchParams.get("theory");
  await open(page, `?story=${on.number}`);
  await expectChapter(page, on);
  expect(wants(on.number)).toBe(true);
  await expect(toggle).toBeChecked();
  // The chapter's own choice is its default: the address says nothing of it.
  expect(theoryKey()).toBeNull();
  await toggle.uncheck();
  await expect.poll(theoryKey).toBe("0");
  // Another chapter brings its own choice.
  await page.getByRole("link", { name: `Chapter ${off.number}: ${off.title}` }).click();
  await expectChapter(page, off);
  await expect(toggle).not.toBeChecked();
  await expect.poll(theoryKey).toBeNull();
  // A link's theory= wins over the chapter's choice.
  await open(page, `?story=${off.number}&theory=1`);
  await expectChapter(page, off);
  await expect(toggle).toBeChecked();
  // Leaving the tour keeps the lines on; the ordinary page's default is off, so the link says so.
  await page.getByRole("button", { name: "Leave the tour" }).click();
  await expect(page.locator("section.story")).toHaveCount(0);
  await expect(toggle).toBeChecked();
  await expect.poll(theoryKey).toBe("1");
});

test("keyboard: Tab reaches Next, Enter opens the chapter, focus lands on its heading; no trap", async ({ page }) => {
  await open(page, "?story=3");
  await expect(heading(page, CHAPTERS[2])).toBeFocused();
  // Tab through the panel to Next and press it.
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.textContent?.includes("Next") ?? false);
  }
  expect(reached).toBe(true);
  await page.keyboard.press("Enter");
  await expectChapter(page, CHAPTERS[3]);
  await expect(heading(page, CHAPTERS[3])).toBeFocused();
  // Tab leaves the panel for the rest of the page (the transport).
  let left = false;
  for (let i = 0; i < 40 && !left; i++) {
    await page.keyboard.press("Tab");
    left = await page.evaluate(() => !!document.activeElement?.closest(".stage"));
  }
  expect(left).toBe(true);
  // The page's shortcuts still work from the heading, and not while typing in a field.
  await heading(page, CHAPTERS[3]).focus();
  await page.keyboard.press("Shift+ArrowRight");
  await expect.poll(() => simTime(page)).toBeCloseTo(10, 5);
  const field = page.getByRole("spinbutton").first();
  await field.focus();
  await page.keyboard.press("Home");
  await page.keyboard.press("Space");
  await expect.poll(() => simTime(page)).toBeCloseTo(10, 5);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
});

test("the header's tour button opens chapter 1", async ({ page }) => {
  await open(page, "?strategy=block");
  await page.getByRole("button", { name: "Take the guided tour" }).click();
  await expectChapter(page, CHAPTERS[0]);
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("unbounded");
  await page.goBack();
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("block");
  await expect(page.locator("section.story")).toHaveCount(0);
});

test("a chapter's link keeps its moment within the chapter's own duration, and an edit keeps the chapter", async ({
  page,
}) => {
  const errors = watchConsole(page);
  // Chapter 2 runs 600 s; the default run only 180 s.
  await open(page, "?story=2&t=365");
  await expectChapter(page, CHAPTERS[1]);
  await expect.poll(() => simTime(page)).toBeCloseTo(365, 5);
  await expect(page.locator(".banner-warn")).toHaveCount(0);
  await expect(page.locator('figure[data-chart="queue"] g.note[data-time="360"] text')).toHaveText(
    /^360 s: 18(\.0)?M$/,
  );
  // The reader's edit goes into the address beside story=2, and a reload opens both.
  const consumer = page.getByRole("spinbutton", { name: "Consumer rate" });
  await consumer.fill("60000");
  await consumer.press("Enter");
  await expect
    .poll(() => addressScenario(page).changes.some((c) => c.key === "consumer" && c.value === 60_000))
    .toBe(true);
  await expect.poll(() => new URL(page.url()).searchParams.get("story")).toBe("2");
  await page.reload();
  await expectChapter(page, CHAPTERS[1]);
  expect(addressScenario(page).scenario.memory).toBe(24e9);
  expect(errors).toEqual([]);
});

test("Copy link carries the chapter, and the copied link opens it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, "?story=5&t=2");
  await expectChapter(page, CHAPTERS[4]);
  await page.getByRole("button", { name: "Copy link", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(link.searchParams.get("story")).toBe("5");
  expect(link.searchParams.get("strategy")).toBe("watermark");
  const other = await context.newPage();
  await other.goto(link.href);
  await expectChapter(other, CHAPTERS[4]);
  await expect.poll(() => simTime(other)).toBeCloseTo(2, 5);
});

test("an embed has no tour: story= is ignored there", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?embed=1&story=3&strategy=block");
  await expect(page.locator("section.story")).toHaveCount(0);
  await expect(page.locator(".banner-warn")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Take the guided tour" })).toHaveCount(0);
  expect(errors).toEqual([]);
});

for (const [given, used] of [
  ["0", 1],
  ["99", CHAPTERS.length],
  ["junk", 1],
] as const) {
  test(`story=${given} is reported in the banner and opens chapter ${used}`, async ({ page }) => {
    const errors = watchConsole(page);
    await open(page, `?story=${given}`);
    const item = page.locator('.banner-warn li[data-key="story"]');
    await expect(item).toHaveAttribute("data-given", given);
    await expect(item).toHaveAttribute("data-used", String(used));
    await expectChapter(page, CHAPTERS[used - 1]);
    expect(errors).toEqual([]);
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`every chapter passes axe (${colorScheme})`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    for (const chapter of CHAPTERS) {
      await open(page, `?story=${chapter.number}`);
      await expectChapter(page, chapter);
      expect(await axeViolations(page), `chapter ${chapter.number}`).toEqual([]);
    }
  });
}

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshots: every chapter, ${vp.name}, ${colorScheme}`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme });
      for (const chapter of CHAPTERS) {
        // Opened at a moment past its notes (and past the crash, where a checkpoint waits for one).
        const duration = decodeScenario(chapter.query).scenario.duration;
        const crash = chapter.checkpoints?.some((c) => c.kind === "oom") ? duration : 0;
        const t = Math.min(duration, Math.max(crash, ...chapter.notes.map((n) => n.atSec + 5)));
        await open(page, `?story=${chapter.number}&t=${t}`);
        await expectChapter(page, chapter);
        await expect.poll(() => simTime(page)).toBeCloseTo(t, 5);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/story-ch${chapter.number}-${vp.name}-${colorScheme}.png` });
        // "Show me" brings what the chapter points at into view (the charts lie under the panel on a phone).
        await page.getByRole("button", { name: "Show me" }).click();
        await page.screenshot({
          path: `${SCREENSHOT_DIR}/story-ch${chapter.number}-${vp.name}-${colorScheme}-shown.png`,
        });
      }
    });
  }
}
