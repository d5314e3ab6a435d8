/**
 * React access to the story store. The provider is optional: without one (an embed, the compare
 * page, a component test) there is no tour, and charts draw no notes.
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import { createStoryStore, type StoryState, type StoryStore } from "./storyStore";

/** Provides the story store. */
export const StoryContext = createContext<StoryStore | null>(null);

/** The story store, or null where the page has none. */
export function useStoryStore(): StoryStore | null {
  return useContext(StoryContext);
}

/** Stands in where the page has no story store: never in a chapter. */
const NO_STORY = createStoryStore(null);

/** One value from the story store (the state outside the tour where there is no store). */
export function useStory<T>(selector: (state: StoryState) => T): T {
  const store = useStoryStore();
  return useStore(store ?? NO_STORY, selector);
}
