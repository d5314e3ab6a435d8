/**
 * The embed snippet: an iframe of the current scenario at the current moment with `embed=1`
 * (charts and Play only). The author chooses which control groups readers may open; the others
 * go into `hide=`. The snippet sits in a read-only field (selectable by hand) with a Copy button.
 */
import { useId, useState } from "react";
import type { ParamGroup } from "../../src-sim/scenario/params";
import { STRATEGY_NAMES } from "../content/strategyText";
import { copyText } from "../runtime/clipboard";
import { scenarioLink } from "../runtime/urlSync";
import { embedSnippet, embedView } from "../scenario/viewOptions";
import { useApp } from "./context";
import { visibleGroups } from "./ParamPanel";

/** The Embed section of the export menu. */
export function EmbedSnippet() {
  const scenario = useApp((s) => s.scenario);
  const base = useApp((s) => s.base);
  const changes = useApp((s) => s.changes);
  const timeSec = useApp((s) => s.timeSec);
  const [hidden, setHidden] = useState<ReadonlySet<ParamGroup>>(new Set());
  const [status, setStatus] = useState("");
  const id = useId();
  const groups = visibleGroups(scenario.strategy);
  // Groups that do not apply to this strategy are hidden anyway; only the shown ones are listed.
  const hiddenShown = new Set([...hidden].filter((g) => groups.some(([shown]) => shown === g)));
  const url = scenarioLink(window.location, base, timeSec, embedView(hiddenShown), changes);
  const snippet = embedSnippet(url, `Backpressure Playground: ${STRATEGY_NAMES[scenario.strategy]}`);

  const toggle = (group: ParamGroup, allowed: boolean) => {
    const next = new Set(hidden);
    if (allowed) next.delete(group);
    else next.add(group);
    setHidden(next);
    setStatus("");
  };
  const copy = async () => {
    const ok = await copyText(snippet);
    if (!ok) document.getElementById(`${id}-code`)?.focus();
    setStatus(ok ? "Snippet copied" : "Copying is blocked here: the snippet is selected, press Ctrl+C");
  };

  return (
    <section className="menu-section" aria-labelledby={`${id}-title`}>
      <h2 className="menu-heading" id={`${id}-title`}>
        Embed
      </h2>
      <p className="menu-note">
        An iframe of this scenario at this moment: the charts and Play, without the rest of the page.
      </p>
      <fieldset className="embed-groups">
        <legend>Readers may open these controls</legend>
        {groups.map(([group, title]) => (
          <label key={group} className="check">
            <input type="checkbox" checked={!hidden.has(group)} onChange={(e) => toggle(group, e.target.checked)} />
            {title}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-code`} className="menu-label">
        HTML to paste into your page
      </label>
      <textarea
        id={`${id}-code`}
        className="embed-code"
        readOnly
        rows={4}
        value={snippet}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="menu-row">
        <button type="button" className="btn" onClick={copy}>
          Copy snippet
        </button>
        <a className="menu-link" href={url} target="_blank" rel="noopener">
          Preview the embed
        </a>
        <span role="status" aria-live="polite" className="menu-status">
          {status}
        </span>
      </div>
    </section>
  );
}
