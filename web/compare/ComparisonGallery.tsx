/**
 * The presets for decisions (src-sim/scenario/comparisons.ts) as cards that are plain links: a
 * comparison opens as its own page, from the single run's gallery or from a comparison.
 */
import { COMPARISON_PRESETS } from "../../src-sim/scenario/comparisons";

/** Id of the comparisons' gallery section. */
export const COMPARISON_GALLERY_ID = "comparisons";

/** The comparison presets. `currentQuery` marks the one shown, if any. */
export function ComparisonGallery({ currentQuery }: { currentQuery?: string }) {
  return (
    <section className="gallery" id={COMPARISON_GALLERY_ID} aria-labelledby={`${COMPARISON_GALLERY_ID}-title`}>
      <h2 id={`${COMPARISON_GALLERY_ID}-title`}>Compare strategies</h2>
      <p className="gallery-intro">
        Decisions side by side: each opens 2 to 4 lanes on one workload and one seed, with a scorecard.
      </p>
      <ul className="gallery-cards">
        {COMPARISON_PRESETS.map((p) => (
          <li key={p.id}>
            <a
              className="preset-card"
              href={`?${p.query}`}
              data-preset={p.id}
              aria-current={currentQuery === p.query ? "true" : undefined}
            >
              <span className="preset-title">{p.title}</span>
              <span className="preset-lesson">{p.lesson}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
