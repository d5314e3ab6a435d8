/**
 * The page header: name, one-line promise, the guided tour, Presets, Compare, Export, theme
 * switch and Copy link.
 */
import { CompareLink } from "../compare/CompareLink";
import { CopyLinkButton } from "./CopyLinkButton";
import { ExportMenu } from "./ExportMenu";
import { GALLERY_ID } from "./PresetGallery";
import { ThemeToggle } from "./ThemeToggle";
import { TourButton } from "../story/TourButton";

/** Scrolls to the preset gallery and moves focus to its heading (no hash: Back stays meaningful). */
function showPresets(): void {
  const heading = document.getElementById(`${GALLERY_ID}-title`);
  heading?.scrollIntoView({ block: "start" });
  heading?.focus({ preventScroll: true });
}

/** The header bar. */
export function Header({ view }: { view: Record<string, string> }) {
  return (
    <header className="header">
      <div className="brand">
        <svg className="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
          <rect x="2" y="18" width="5" height="10" rx="1.5" fill="var(--c-queue)" />
          <rect x="9" y="12" width="5" height="16" rx="1.5" fill="var(--c-queue)" opacity="0.8" />
          <rect x="16" y="6" width="5" height="22" rx="1.5" fill="var(--c-queue)" opacity="0.6" />
          <path
            d="M24 9h6M27 6l3 3-3 3"
            stroke="var(--c-oom)"
            strokeWidth="2"
            fill="none"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        <div>
          <h1>Backpressure Playground</h1>
          <p className="tagline">Watch a queue fill, a consumer run out of memory, and flow control stop it.</p>
        </div>
      </div>
      <div className="header-actions">
        <TourButton />
        <button type="button" className="btn btn-ghost" onClick={showPresets}>
          <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true" focusable="false">
            <path
              d="M3 3h6v6H3zM11 3h6v6h-6zM3 11h6v6H3zM11 11h6v6h-6z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinejoin="round"
            />
          </svg>
          <span className="btn-label">Presets</span>
        </button>
        <CompareLink />
        <ThemeToggle />
        <ExportMenu />
        <CopyLinkButton view={view} />
      </div>
    </header>
  );
}
