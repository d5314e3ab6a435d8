/**
 * Ways into the guided tour: the header's "Take the tour" button and the gallery's link. Both
 * open chapter 1 as a deliberate navigation (Back returns to the run before); the link is a real
 * link too (`?story=1`), to open in a new tab. Neither shows where the page has no story (an
 * embed).
 */
import type { MouseEvent } from "react";
import { useAppStore } from "../components/context";
import { TourIcon } from "../components/icons";
import { scenarioAddress } from "../runtime/urlSync";
import { CHAPTERS } from "./chapters";
import { useStory, useStoryStore } from "./context";
import { storyViewKeys } from "./storyLink";
import { chapterRun, openChapter } from "./storyNav";

/** Opens chapter 1 and brings the page to its top, where the chapter's panel is. */
function useStartTour(): (() => void) | null {
  const app = useAppStore();
  const story = useStoryStore();
  if (!story) return null;
  return () => {
    openChapter(app, story, 1);
    window.scrollTo({ top: 0 });
  };
}

/** The header's button (shown outside the tour only). */
export function TourButton() {
  const start = useStartTour();
  const inTour = useStory((s) => s.chapter !== null);
  if (!start || inTour) return null;
  return (
    <button type="button" className="btn btn-primary tour-button" onClick={start}>
      <TourIcon />
      <span className="btn-label">Take the guided tour</span>
    </button>
  );
}

/** The gallery's link to chapter 1. */
export function TourLink() {
  const start = useStartTour();
  if (!start) return null;
  const { scenario, changes } = chapterRun(CHAPTERS[0]);
  return (
    <a
      href={scenarioAddress(window.location, scenario, 0, storyViewKeys(1), changes)}
      onClick={(e: MouseEvent) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        start();
      }}
    >
      Take the guided tour
    </a>
  );
}
