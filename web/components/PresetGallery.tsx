/**
 * The preset gallery: a card per preset (title and one-line lesson), grouped by family. Each card
 * is a real link to the preset's URL, so it can be opened in a new tab or copied; a plain click
 * loads it in place as a deliberate navigation (a new history entry, so Back returns), moves to
 * the charts and puts focus on Play. Presets of mechanisms the worker cannot run yet are shown,
 * greyed, with a note instead of a link. The pipeline presets (issue 14) close it: each card is a
 * plain link to the pipeline page (web/pipeline/, its own chunk), opened as any navigation.
 */
import { useState, type MouseEvent } from "react";
import { PIPELINE_PRESETS } from "../../src-sim/scenario/pipelinePresets";
import { PRESETS, type Preset } from "../../src-sim/scenario/presets";
import { STRATEGY_NAMES } from "../content/strategyText";
import { PRESET_FAMILIES } from "../content/presetText";
import { scenarioAddress } from "../runtime/urlSync";
import { matchingPreset, presetChanges, presetScenario } from "../scenario/presetMatch";
import { useApp } from "./context";
import { TourLink } from "../story/TourButton";
import { CHAPTERS } from "../story/chapters";

/** Id of the gallery section (the header's Presets button scrolls to it). */
export const GALLERY_ID = "presets";

/** True for clicks the browser should handle itself (new tab, new window, download). */
function modified(e: MouseEvent): boolean {
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
}

function PresetCard({
  preset,
  current,
  available,
  view,
  onPick,
}: {
  preset: Preset;
  current: boolean;
  available: boolean;
  view: Record<string, string>;
  onPick: (preset: Preset) => void;
}) {
  const titleId = `preset-${preset.id}-title`;
  const lessonId = `preset-${preset.id}-lesson`;
  const body = (
    <>
      <span className="preset-title" id={titleId}>
        {preset.title}
      </span>
      <span className="preset-lesson" id={lessonId}>
        {preset.lesson}
      </span>
    </>
  );
  if (!available) {
    const strategy = presetScenario(preset).strategy;
    return (
      <div className="preset-card is-unavailable" aria-labelledby={titleId} data-preset={preset.id}>
        {body}
        <span className="preset-note">Coming soon: needs {STRATEGY_NAMES[strategy]}</span>
      </div>
    );
  }
  return (
    <a
      className="preset-card"
      href={scenarioAddress(window.location, presetScenario(preset), 0, view, presetChanges(preset))}
      aria-labelledby={titleId}
      aria-describedby={lessonId}
      aria-current={current ? "true" : undefined}
      data-preset={preset.id}
      onClick={(e) => {
        if (modified(e)) return;
        e.preventDefault();
        onPick(preset);
      }}
    >
      {body}
      {current && <span className="preset-note">Showing now</span>}
    </a>
  );
}

/** The gallery. `view` keys (hide=) travel with the preset links. */
export function PresetGallery({ view = {} }: { view?: Record<string, string> }) {
  const base = useApp((s) => s.base);
  const changes = useApp((s) => s.changes);
  const available = useApp((s) => s.availableStrategies);
  const openScenario = useApp((s) => s.openScenario);
  const [announcement, setAnnouncement] = useState("");
  const current = matchingPreset(base, changes)?.id;

  const pick = (preset: Preset) => {
    openScenario(presetScenario(preset), "push", [], presetChanges(preset));
    setAnnouncement(`Loaded preset: ${preset.title}. ${preset.lesson}`);
    // Show what was loaded, and leave keyboard users on Play, one key from running it.
    window.scrollTo({ top: 0 });
    document.querySelector<HTMLButtonElement>(".transport .play")?.focus({ preventScroll: true });
  };

  return (
    <section className="gallery" id={GALLERY_ID} aria-labelledby={`${GALLERY_ID}-title`}>
      <h2 id={`${GALLERY_ID}-title`} tabIndex={-1}>
        Presets
      </h2>
      <p className="gallery-intro">
        The story and one lesson per mechanism. Each preset is a link: open it in a new tab, or pick it here and use
        Back to return. New here? <TourLink />: {CHAPTERS.length} short chapters from the first crash to choosing a
        mechanism.
      </p>
      {PRESET_FAMILIES.map(([family, title]) => {
        const presets = PRESETS.filter((p) => p.family === family);
        if (presets.length === 0) return null;
        return (
          <div key={family} className="gallery-family" role="group" aria-labelledby={`family-${family}`}>
            <h3 id={`family-${family}`}>{title}</h3>
            <ul className="gallery-cards">
              {presets.map((p) => (
                <li key={p.id}>
                  <PresetCard
                    preset={p}
                    current={p.id === current}
                    available={available.includes(presetScenario(p).strategy)}
                    view={view}
                    onPick={pick}
                  />
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      <div className="gallery-family" role="group" aria-labelledby="family-pipelines">
        <h3 id="family-pipelines">Pipelines: backpressure through a chain of stages</h3>
        <ul className="gallery-cards">
          {PIPELINE_PRESETS.map((p) => (
            <li key={p.id}>
              <a
                className="preset-card is-pipeline"
                href={`${window.location.pathname}?${p.query}`}
                aria-labelledby={`preset-${p.id}-title`}
                aria-describedby={`preset-${p.id}-lesson`}
                data-preset={p.id}
              >
                <span className="preset-title" id={`preset-${p.id}-title`}>
                  {p.title}
                </span>
                <span className="preset-lesson" id={`preset-${p.id}-lesson`}>
                  {p.lesson}
                </span>
                <span className="preset-note">Opens the pipeline page</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
    </section>
  );
}
