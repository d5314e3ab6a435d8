/**
 * "Copy link": puts a link to the current scenario at the current moment (and the tour's chapter,
 * when one is open) on the clipboard, with a short confirmation (announced politely); where the
 * clipboard is unavailable (insecure context, old browser, permission denied) it shows the link
 * selected in a field to copy by hand.
 */
import { LinkIcon } from "./icons";
import { useEffect, useId, useRef, useState } from "react";
import { copyText } from "../runtime/clipboard";
import { scenarioLink } from "../runtime/urlSync";
import { zoomViewKeys } from "../runtime/zoomStore";
import { theoryViewKeys } from "../scenario/theoryView";
import { useApp, useAppStore, useRuntime } from "./context";
import { useStoryStore } from "../story/context";
import { storyViewKeys } from "../story/storyLink";

type Status = "idle" | "copied" | "manual";

/** How long the confirmation stays, ms. */
const CONFIRM_MS = 2000;

/** The Copy link button. `view` keys (embed, hide) travel with the link. */
export function CopyLinkButton({ view = {} }: { view?: Record<string, string> }) {
  const store = useAppStore();
  const rt = useRuntime();
  const story = useStoryStore();
  const [status, setStatus] = useState<Status>("idle");
  const [link, setLink] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const busy = useApp((s) => s.workerError !== null);
  const fieldId = useId();

  useEffect(() => {
    if (status !== "copied") return;
    const timer = setTimeout(() => setStatus("idle"), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [status]);
  useEffect(() => {
    if (status === "manual") field.current?.select();
  }, [status]);

  const onClick = async () => {
    const { base, changes, timeSec } = store.getState();
    const url = scenarioLink(
      window.location,
      base,
      timeSec,
      // The chapter open travels with the link (story=N), as the zoom and the theory lines do.
      {
        ...view,
        ...zoomViewKeys(rt.zoom.getState()),
        ...theoryViewKeys(store.getState().theoryLines, store.getState().theoryLinesDefault),
        ...storyViewKeys(story?.getState().chapter ?? null),
      },
      changes,
    );
    setLink(url);
    setStatus((await copyText(url)) ? "copied" : "manual");
  };

  return (
    <span className="copy-link">
      <button type="button" className="btn" onClick={onClick} disabled={busy}>
        <LinkIcon />
        <span className="btn-label">Copy link</span>
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {status === "copied" ? "Link copied" : ""}
      </span>
      {status === "manual" && (
        // Focus moves into the field (select() focuses it), so its label is what is announced.
        <span className="copy-fallback">
          <label htmlFor={fieldId}>This browser blocks copying; copy the link by hand (Ctrl+C):</label>
          <input
            id={fieldId}
            ref={field}
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
            onBlur={() => setStatus("idle")}
          />
        </span>
      )}
    </span>
  );
}
