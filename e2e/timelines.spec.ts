/**
 * Issue 9's reproductions, end to end: a change of "Producer when stopped" no longer stalls the
 * producer, and a link copied after a change made mid-run opens on the same peak and the same
 * samples (compared through the exported CSV) as the page it was copied from, and as the command
 * line's run of that link. Also the change timeline: marks, list, removal, and the notice when an
 * edit replaces later changes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { open, readoutValue, simTime, watchConsole } from "./support";

/** Waits until the page shows the moment `timeSec`, paused. */
async function at(page: Page, timeSec: number): Promise<void> {
  await expect.poll(() => simTime(page)).toBeCloseTo(timeSec, 5);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
}

/** Moves the run to `timeSec` with the timeline scrubber (a deterministic replay). */
async function seekTo(page: Page, timeSec: number): Promise<void> {
  await page.getByLabel("Timeline", { exact: true }).fill(String(timeSec));
  await at(page, timeSec);
}

/** The exported CSV's sample rows (comment lines left out) and its comments. */
async function exportCsv(page: Page): Promise<{ rows: string[]; comments: string[] }> {
  await page.getByRole("button", { name: "Export", exact: true }).click();
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download CSV", exact: true }).click(),
  ]);
  const lines = readFileSync((await file.path())!, "utf8")
    .trimEnd()
    .split("\n");
  await page.keyboard.press("Escape");
  return { rows: lines.filter((l) => !l.startsWith("#")), comments: lines.filter((l) => l.startsWith("#")) };
}

const column = (rows: string[], name: string) => {
  const i = SAMPLE_COLUMNS.indexOf(name as (typeof SAMPLE_COLUMNS)[number]);
  return rows.slice(1).map((r) => Number(r.split(",")[i]));
};

test.describe("issue 9: changes over time", () => {
  for (const strategy of ["block", "watermark"]) {
    test(`${strategy}: switching "Producer when stopped" from slow to buffer at 30 s no longer stalls the producer`, async ({
      page,
    }) => {
      const errors = watchConsole(page);
      await open(page, `?strategy=${strategy}&t=30`);
      await at(page, 30);
      await page.getByLabel("Producer when stopped", { exact: true }).selectOption("buffer");
      await expect(page.locator(".changes-list li")).toHaveCount(1);
      await expect(page.locator(".changes-list li")).toHaveAttribute("data-key", "onPause");
      await seekTo(page, 50);
      const { rows } = await exportCsv(page);
      const produced = column(rows, "produced");
      // 20 s at 100,000 events/s; before the fix it stayed at 1,510,000.
      expect(produced[500] - produced[300]).toBeGreaterThan(1_900_000);
      await expect.poll(() => new URL(page.url()).searchParams.get("changes")).toBe("30:onPause:buffer");
      expect(errors).toEqual([]);
    });
  }

  test("the link copied after a change at 40 s opens on the same peak and samples as its source, and as the CLI", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await open(page, "?t=40");
    await at(page, 40);
    await page.getByLabel("Strategy", { exact: true }).selectOption("drop-newest");
    await seekTo(page, 85);
    const peak = await page.locator("[data-peak]").getAttribute("data-peak");
    expect(Number(peak)).toBe(2_000_000);
    const source = await exportCsv(page);
    await page.getByRole("button", { name: "Copy link", exact: true }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).search).toBe("?t=85&changes=40:strategy:drop-newest");

    const other = await context.newPage();
    const errors = watchConsole(other);
    await other.goto(link);
    await at(other, 85);
    await expect(other.locator("[data-peak]")).toHaveAttribute("data-peak", peak!);
    expect(await readoutValue(other, "Queue depth")).toBe(await readoutValue(page, "Queue depth"));
    const copy = await exportCsv(other);
    expect(copy.rows.length).toBe(1 + 851); // the header, then 0, 0.1, ..., 85 s
    expect(copy.rows).toEqual(source.rows);
    expect(copy.comments).toEqual(source.comments);
    expect(errors).toEqual([]);

    // The command line's run of the same link writes the same samples.
    const dir = mkdtempSync(join(tmpdir(), "timelines-"));
    const csv = join(dir, "run.csv");
    execFileSync("npx", ["--no-install", "tsx", "src-sim/cli/main.ts", link, "--until", "85", "--csv", csv]);
    expect(readFileSync(csv, "utf8").trimEnd().split("\n")).toEqual(source.rows);
  });

  test("the change timeline: a mark and an entry per change, removal, and the notice when history is replaced", async ({
    page,
  }) => {
    await open(page, "?duration=100&changes=20:consumer:80000;60:strategy:drop-newest&t=10");
    await at(page, 10);
    await expect(page.locator(".change-mark")).toHaveCount(2);
    await expect(page.locator(".changes-list li").first()).toContainText("Consumer rate");
    // A mark moves the run to its change; the controls show what is in force there.
    await page.getByRole("button", { name: /Go to the change at 60\.0 s/ }).click();
    await at(page, 60);
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("drop-newest");
    // Back before both changes, an edit replaces them, and the page says so.
    await seekTo(page, 10);
    const producer = page.getByLabel("Producer rate", { exact: true });
    await producer.fill("90000");
    await producer.press("Enter");
    await expect(page.locator(".changes-notice")).toContainText(
      "the 2 changes recorded after this moment were replaced",
    );
    await expect(page.locator(".changes-list li")).toHaveCount(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("changes")).toBe("10:producer:90000");
    // "Whole run" changes the start: nothing recorded, the link's own key changes.
    await page.getByRole("radio", { name: "Whole run" }).check();
    const consumer = page.getByLabel("Consumer rate", { exact: true });
    await consumer.fill("60000");
    await consumer.press("Enter");
    await expect(page.locator(".changes-list li")).toHaveCount(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("consumer")).toBe("60000");
    await page.getByRole("button", { name: /Remove the change at 10\.0 s/ }).click();
    await expect(page.locator(".changes-list li")).toHaveCount(0);
    await expect.poll(() => new URL(page.url()).searchParams.get("changes")).toBeNull();
  });
});
