/**
 * The story's state outside the app store (like the zoom and the sweep): the chapter open, or
 * null outside the tour, and whether its text is folded away. The address bar follows it as a
 * dynamic view key (`story=N`, {@link storyLinkView}); Back and Forward bring it back from the
 * entry they reach ({@link followStoryInHistory}).
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { DynamicView } from "../runtime/urlSync";
import { CHAPTERS } from "./chapters";
import { parseStoryView, STORY_KEY, storyViewKeys } from "./storyLink";

/** The story's state. */
export interface StoryState {
  /** The open chapter, 1-based, or null outside the tour. */
  chapter: number | null;
  /** Whether the chapter's paragraphs are folded away (the heading, what to try and the buttons stay). */
  collapsed: boolean;
}

/** The story store. */
export type StoryStore = StoreApi<StoryState>;

/** Creates the story store at `chapter` (null: outside the tour), its text folded or not. */
export function createStoryStore(chapter: number | null, collapsed = false): StoryStore {
  return createStore<StoryState>()(() => ({ chapter, collapsed }));
}

/** Screens narrow enough that the chapter's paragraphs start folded (the phone layout's). */
export const FOLDED_TEXT_QUERY = "(max-width: 720px)";

/**
 * The story as view keys of the address: `story=N` while a chapter is open. A change of chapter
 * asks for the address at once (urgent), so the entry a chapter's navigation pushed names it.
 */
export function storyLinkView(store: StoryStore): DynamicView {
  return {
    get: () => storyViewKeys(store.getState().chapter),
    subscribe: (listener) =>
      store.subscribe((s, prev) => {
        if (s.chapter !== prev.chapter) listener(true);
      }),
  };
}

/**
 * Back and Forward: the chapter of the entry reached (the scenario itself is reopened by the
 * URL follower). Nothing to warn about here: the page wrote those entries itself.
 */
export function followStoryInHistory(
  store: StoryStore,
  win: Pick<Window, "location" | "addEventListener" | "removeEventListener"> = window,
): () => void {
  const onPop = () => {
    const value = new URLSearchParams(win.location.search).get(STORY_KEY) ?? undefined;
    const { chapter } = parseStoryView(value, CHAPTERS.length);
    if (chapter !== store.getState().chapter) store.setState({ chapter });
  };
  win.addEventListener("popstate", onPop);
  return () => win.removeEventListener("popstate", onPop);
}
