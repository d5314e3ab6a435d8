/**
 * The link's `story=N` key: which chapter of the guided tour (web/story/chapters.ts) the page
 * opens at, 1-based. Like the scenario codec, reading it never throws: a number outside the
 * chapters is clamped to the nearest one (0 opens chapter 1, 99 the last), anything else opens
 * chapter 1, and each comes back as a warning for the page's banner.
 */
import type { DecodeWarning } from "../../src-sim/scenario/codec";

/** The view key of the story. */
export const STORY_KEY = "story";

/** The chapter a `story=` value asks for (null when the link has none), with what was wrong. */
export function parseStoryView(
  value: string | undefined,
  chapterCount: number,
): { chapter: number | null; warnings: DecodeWarning[] } {
  if (value === undefined) return { chapter: null, warnings: [] };
  const given = value.slice(0, 80);
  const text = value.trim();
  const n = /^[+]?\d+(\.0*)?$/.test(text) ? Number(text) : NaN;
  if (Number.isInteger(n) && n >= 1 && n <= chapterCount) return { chapter: n, warnings: [] };
  const used = Number.isFinite(n) ? Math.min(Math.max(1, n), chapterCount) : 1;
  const why = Number.isFinite(n)
    ? `there is no chapter ${given} (the tour has chapters 1 to ${chapterCount})`
    : `"${given}" is not a chapter number (1 to ${chapterCount})`;
  return {
    chapter: used,
    warnings: [{ key: STORY_KEY, given, used: String(used), message: `Guided tour: ${why}; opened chapter ${used}.` }],
  };
}

/** The view keys of the story at `chapter` (none outside the story). */
export function storyViewKeys(chapter: number | null): Record<string, string> {
  return chapter === null ? {} : { [STORY_KEY]: String(chapter) };
}
