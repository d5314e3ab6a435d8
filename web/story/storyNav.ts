/**
 * Moving through the tour: opening a chapter loads its scenario as a deliberate navigation (a
 * new history entry, so Back returns to the chapter before) and names the chapter in the
 * address; leaving keeps the run as it is and only drops `story=` from the address.
 */
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import { decodeScenario, VIEW_KEYS, type DecodeResult } from "../../src-sim/scenario/codec";
import type { Scenario } from "../../src-sim/scenario/params";
import type { AppStore } from "../store/appStore";
import { THEORY_LINES_DEFAULT } from "../store/uiSlice";
import { chapterByNumber, type Chapter } from "./chapters";
import type { StoryStore } from "./storyStore";

/** The chapter's starting scenario (at t = 0) and its timeline of changes. */
export function chapterRun(chapter: Chapter): { scenario: Scenario; changes: ScenarioChange[] } {
  const link = decodeScenario(chapter.query);
  return { scenario: link.scenario, changes: link.changes };
}

/** Opens chapter `n` (1-based; nothing happens for a number outside the tour). */
export function openChapter(app: AppStore, story: StoryStore, n: number): void {
  const chapter = chapterByNumber(n);
  if (!chapter) return;
  const { scenario, changes } = chapterRun(chapter);
  // The scenario first: the entry being left is written with the chapter being left.
  app.getState().openScenario(scenario, "push", [], changes);
  applyChapterTheory(app, chapter, null);
  story.setState({ chapter: n });
}

/**
 * The theory lines inside a chapter: its `theory` is the default there (a link writes `theory=`
 * only against it), and the lines show as the chapter wants unless `linkChoice` (the link's own
 * `theory=`, or null) says otherwise.
 */
export function applyChapterTheory(app: AppStore, chapter: Chapter, linkChoice: boolean | null): void {
  app.setState({ theoryLinesDefault: chapter.theory, theoryLines: linkChoice ?? chapter.theory });
}

/** Leaves the tour: the run and the theory lines stay as they are (the link says so if they differ from the page's default). */
export function leaveStory(story: StoryStore, app: AppStore): void {
  app.setState({ theoryLinesDefault: THEORY_LINES_DEFAULT });
  story.setState({ chapter: null });
}

/**
 * A bare chapter link (`?story=N`, perhaps with `t`, `v` and other view keys) decoded as the
 * chapter's scenario followed by the link's own keys, as written (repeats and all): `t` is then
 * checked against the chapter's duration, not the default one, and the banner names what the
 * link itself got wrong.
 */
export function decodeChapterLink(chapter: Chapter, search: string): DecodeResult {
  const own = search.replace(/^\?/, "");
  const linkHasVersion = new URLSearchParams(own).has("v");
  const chapterPairs = chapter.query.split("&").filter((p) => p !== "" && !(linkHasVersion && p.startsWith("v=")));
  return decodeScenario(`?${[...chapterPairs, ...(own ? [own] : [])].join("&")}`);
}

/**
 * Whether a link sets any part of the scenario besides the moment (`t`): then it is the run to
 * open, inside the chapter it names (a reader's edits travel with the chapter's link); a bare
 * `?story=N` (with or without `t`) opens the chapter's own scenario.
 */
export function linkSetsScenario(search: string): boolean {
  for (const key of new URLSearchParams(search).keys()) {
    if (key !== "t" && key !== "v" && !VIEW_KEYS.includes(key)) return true;
  }
  return false;
}
