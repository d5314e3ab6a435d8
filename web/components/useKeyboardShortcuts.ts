/**
 * Page-wide keys: Space plays/pauses; Right/Left step one sample forward/back; Shift+Right/Left
 * scrub 10 s; Home/End jump to the start/end. Keys typed into a field, a select or the timeline
 * keep their usual meaning, and Space on a focused button presses that button.
 */
import { useEffect } from "react";
import type { AppStore } from "../store/appStore";

/** Seconds Shift+arrow scrubs. */
export const SCRUB_SEC = 10;

/** True when the key belongs to the focused element rather than to the page. */
export function keyBelongsToTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest("input, select, textarea, [contenteditable='true'], [role='slider'], [role='spinbutton']"))
    return true;
  // Space (and Enter) activate buttons and links natively; arrows mean nothing to them.
  return (key === " " || key === "Enter") && target.closest("button, a, summary") !== null;
}

/** Installs the shortcuts on `win` for the lifetime of the calling component. */
export function useKeyboardShortcuts(store: AppStore, win: Window = window): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (keyBelongsToTarget(e.target, e.key)) return;
      const s = store.getState();
      switch (e.key) {
        case " ":
          s.togglePlay();
          break;
        case "ArrowRight":
          if (e.shiftKey) s.seek(Math.min(s.scenario.duration, s.timeSec + SCRUB_SEC));
          else s.step(1);
          break;
        case "ArrowLeft":
          if (e.shiftKey) s.seek(Math.max(0, s.timeSec - SCRUB_SEC));
          else s.step(-1);
          break;
        case "Home":
          s.seek(0);
          break;
        case "End":
          s.seek(s.scenario.duration);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    win.addEventListener("keydown", onKey);
    return () => win.removeEventListener("keydown", onKey);
  }, [store, win]);
}
