/**
 * "Copy link": puts a link to the current scenario at the current moment on the clipboard, with
 * a short confirmation; where the clipboard API is unavailable (insecure context, old browser) it
 * falls back to a selected text field the user can copy by hand.
 */
import { useEffect, useRef, useState } from "react";
import { scenarioLink } from "../runtime/urlSync";
import { useApp, useAppStore } from "./context";

type Status = "idle" | "copied" | "manual";

/** Copies `text`, preferring the async clipboard API; resolves false when no way worked. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or not a secure context: try the legacy path below.
  }
  try {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

/** The Copy link button. */
export function CopyLinkButton({ view = {} }: { view?: Record<string, string> }) {
  const store = useAppStore();
  const [status, setStatus] = useState<Status>("idle");
  const [link, setLink] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const busy = useApp((s) => s.workerError !== null);

  useEffect(() => {
    if (status !== "copied") return;
    const timer = setTimeout(() => setStatus("idle"), 2000);
    return () => clearTimeout(timer);
  }, [status]);
  useEffect(() => {
    if (status === "manual") field.current?.select();
  }, [status]);

  const onClick = async () => {
    const { scenario, timeSec } = store.getState();
    const url = scenarioLink(window.location, scenario, timeSec, view);
    setLink(url);
    setStatus((await copyText(url)) ? "copied" : "manual");
  };

  return (
    <span className="copy-link">
      <button type="button" className="btn" onClick={onClick} disabled={busy}>
        <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true" focusable="false">
          <path d="M8.5 11.5a3 3 0 0 0 4.2 0l3-3a3 3 0 0 0-4.2-4.2l-.8.8M11.5 8.5a3 3 0 0 0-4.2 0l-3 3a3 3 0 0 0 4.2 4.2l.8-.8" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
        </svg>
        <span>Copy link</span>
      </button>
      <span role="status" className="copy-status">
        {status === "copied" ? "Link copied" : ""}
      </span>
      {status === "manual" && (
        <input ref={field} className="copy-fallback" readOnly value={link} aria-label="Link to copy" onBlur={() => setStatus("idle")} />
      )}
    </span>
  );
}
