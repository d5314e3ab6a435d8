/**
 * The pipeline page's theme switch and keyboard: the theme cycles system -> light -> dark as the
 * playground's does (the same remembered choice, through the same ThemeController); Space plays
 * or pauses, the left and right arrows step one sample back or forward, Home resets, unless the
 * focus is in a control that uses those keys itself.
 */
import { keyBelongsToTarget } from "../components/useKeyboardShortcuts";
import { useEffect, useState } from "react";
import type { ThemeController } from "../runtime/theme";
import type { ThemeChoice } from "../store/uiSlice";
import type { PipelineClient } from "./pipelineClient";

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<ThemeChoice, string> = { system: "System", light: "Light", dark: "Dark" };

/** The theme button. */
export function PipelineThemeToggle({ theme, initial }: { theme: ThemeController; initial: ThemeChoice }) {
  const [choice, setChoice] = useState<ThemeChoice>(initial);
  return (
    <button
      type="button"
      className="btn btn-ghost"
      aria-label={`Theme: ${LABEL[choice]}`}
      title={`Theme: ${LABEL[choice]} (click for ${LABEL[NEXT[choice]]})`}
      onClick={() => {
        const next = NEXT[choice];
        theme.apply(next);
        setChoice(next);
      }}
    >
      {LABEL[choice]}
    </button>
  );
}

/** Installs the page's keys while mounted. */
export function usePipelineKeys(client: PipelineClient): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // The playground's rule: fields keep their keys, a focused button takes Space and Enter.
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || keyBelongsToTarget(e.target, e.key)) return;
      const playing = client.getState().data.playing;
      if (e.key === " ") client.send({ type: playing ? "pause" : "play" });
      else if (e.key === "ArrowRight") client.send({ type: "step", samples: 1 });
      else if (e.key === "ArrowLeft") client.send({ type: "step", samples: -1 });
      else if (e.key === "Home") client.send({ type: "pipelineReset" });
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [client]);
}
