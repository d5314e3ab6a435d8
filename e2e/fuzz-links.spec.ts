/**
 * The page's fuzz tier (issue 12): 200 random and mutated links (e2e/fuzzLinks.ts, seeded, so
 * the same 200 every run) opened in the built page one after another. For each: no page error,
 * no console error, the first frame shows, and the banner lists exactly the keys the codec
 * rejects (the same decode the page runs, on the query as the browser hands it over), or no
 * banner when there is nothing to report.
 */
import { expect, test, type Page } from "@playwright/test";
import { openLink } from "../src-sim/scenario/lanes";
import { decodePipeline, hasStages } from "../src-sim/scenario/pipeline";
import { pipelineViewWarnings } from "../web/pipeline/pipelineUrl";
import { parseSweepView, SWEEP_VIEW_KEYS } from "../src-sim/sweep/link";
import { parseViewOptions } from "../web/scenario/viewOptions";
import { CHAPTERS } from "../web/story/chapters";
import { parseStoryView } from "../web/story/storyLink";
import { decodeChapterLink, linkSetsScenario } from "../web/story/storyNav";
import { randomQuery, seeded } from "./fuzzLinks";
import { readout, watchConsole } from "./support";

const LINKS = 200;
const SEED = 20260512;
/** Links per test: four tests share the 200, so a failure names a smaller batch. */
const BATCH = 50;

/** Which page a link opens, as main.tsx decides. */
function pageOf(search: string): "compare" | "pipeline" | "single" {
  if (openLink(search).kind === "compare") return "compare";
  return hasStages(search.replace(/^\?/, "")) && decodePipeline(search.replace(/^\?/, "")).pipeline
    ? "pipeline"
    : "single";
}

/** The keys the page should name, in banner order, as main.tsx gathers them. */
function expectedKeys(search: string): string[] {
  const opened = openLink(search);
  // A link with lanes opens the compare page, which names what its lanes and workload could not use.
  if (opened.kind === "compare") return opened.warnings.map((w) => w.key);
  // A link with stages that can run opens the pipeline page (web/pipeline/bootPipeline.tsx).
  if (pageOf(search) === "pipeline") {
    const decoded = decodePipeline(search.replace(/^\?/, ""));
    return [...decoded.warnings, ...pipelineViewWarnings(decoded.view)].map((w) => w.key);
  }
  let link = opened.link;
  // main.tsx reads the zoom, the sweep and the story apart from the fixed view keys.
  const apart = ["zoom", "story", ...SWEEP_VIEW_KEYS] as readonly string[];
  const pageView = Object.fromEntries(Object.entries(link.view).filter(([k]) => !apart.includes(k)));
  const sweepView = Object.fromEntries(Object.entries(link.view).filter(([k]) => k.startsWith("sweep")));
  const view = parseViewOptions(pageView);
  // A story link outside an embed; a bare one opens the chapter's scenario (web/story/storyNav.ts).
  const story = parseStoryView(view.options.embed ? undefined : link.view.story, CHAPTERS.length);
  if (story.chapter !== null && !linkSetsScenario(search))
    link = decodeChapterLink(CHAPTERS[story.chapter - 1], search);
  return [...link.warnings, ...view.warnings, ...parseSweepView(sweepView).warnings, ...story.warnings].map(
    (w) => w.key,
  );
}

/** Checks the banner against the codec; tolerates a cap with "N more" and a newer-version lead. */
async function checkBanner(page: Page, url: string) {
  const expected = expectedKeys(new URL(url).search);
  const banner = page.locator(".banner-warn");
  if (expected.length === 0) {
    await expect(banner, url).toHaveCount(0);
    return;
  }
  await expect(banner, url).toBeVisible();
  const listed = await banner.locator("li").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-key") ?? ""));
  // A link from a newer version leads with that sentence instead of listing its "v"; a long
  // list may be cut to a screenful with a count of the rest.
  const candidates = [expected, ...expected.flatMap((k, i) => (k === "v" ? [expected.filter((_, j) => j !== i)] : []))];
  const same = (a: string[], b: string[]) => a.join("\n") === b.join("\n");
  const match =
    candidates.find((keys) => same(listed, keys)) ??
    candidates.find((keys) => same(listed, keys.slice(0, listed.length)));
  expect(listed, url).toEqual((match ?? expected).slice(0, listed.length));
  if (listed.length < match!.length) {
    await expect(banner, url).toContainText(String(match!.length - listed.length));
  }
}

const rand = seeded(SEED);
const QUERIES = Array.from({ length: LINKS }, () => randomQuery(rand));
/** Pipeline links apart (the mixed 200 rarely carry `stages=`), each with random keys around it. */
const PIPELINE_LINKS = 50;
const PIPELINE_QUERIES = Array.from({ length: PIPELINE_LINKS }, () => randomQuery(rand, true));

/** Opens each query in turn and checks its first frame, its banner and the console. */
async function openAll(page: Page, baseURL: string | undefined, queries: readonly string[]): Promise<void> {
  const errors = watchConsole(page);
  for (const query of queries) {
    const url = `${baseURL}/?${query}`;
    await page.goto(url, { waitUntil: "commit" });
    // The first frame: the readouts of a single run, the scorecard of a comparison, the chain of a pipeline.
    const kind = pageOf(query);
    if (kind === "compare") await expect(page.getByRole("heading", { name: "Scorecard" }), url).toBeVisible();
    else if (kind === "pipeline")
      await expect(page.getByRole("heading", { name: "The chain", exact: true }), url).toBeVisible();
    else await expect(readout(page, "Queue depth"), url).toBeVisible();
    await checkBanner(page, url);
    expect(errors, url).toEqual([]);
  }
}

for (let start = 0; start < LINKS; start += BATCH) {
  test(`links ${start + 1}-${start + BATCH} of ${LINKS} (seed ${SEED}): no error, the banner names the bad keys`, async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    await openAll(page, baseURL, QUERIES.slice(start, start + BATCH));
  });
}

test(`${PIPELINE_LINKS} pipeline links (seed ${SEED}): no error, the banner names the bad keys`, async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  await openAll(page, baseURL, PIPELINE_QUERIES);
});
