/**
 * Page-level messages: what an opened link had wrong (each replaced value in plain words) and a
 * failed simulation worker (with a way out). Text only: nothing from a URL is rendered as HTML.
 */
import { useId } from "react";
import { useApp } from "./context";

/**
 * Banner lines listed at most (about a screenful on a phone); a last line counts the rest, so a
 * link of thousands of bad keys costs a dozen DOM nodes, not a frozen tab.
 */
export const MAX_BANNER_ITEMS = 8;

/**
 * Lists the opening link's rejected or clamped values until dismissed: the key, the value given
 * and the value used, with the codec's sentence. A link from a newer schema leads the list.
 */
export function LinkWarnings() {
  const warnings = useApp((s) => s.linkWarnings);
  const dismiss = useApp((s) => s.dismissLinkWarnings);
  const titleId = useId();
  if (warnings.length === 0) return null;
  // The codec marks the newer-version warning itself: "v=1e3" is not a version, newer or not.
  const newer = warnings.find((w) => w.newerVersion !== undefined);
  const rest = warnings.filter((w) => w !== newer);
  const listed = rest.slice(0, MAX_BANNER_ITEMS);
  const unlisted = rest.slice(listed.length).reduce((n, w) => n + (w.count ?? 1), 0);
  return (
    <div className="banner banner-warn" role="alert" aria-labelledby={titleId}>
      <div className="banner-body">
        <strong id={titleId}>
          {newer
            ? `This link comes from a newer version of the playground (v=${newer.newerVersion}).`
            : "Some settings in this link could not be used as given."}
        </strong>{" "}
        <span>
          {newer ? "Everything this version understands was loaded" : "The rest of the scenario loaded"}
          {rest.length ? "; these values were replaced:" : "."}
        </span>
        {rest.length > 0 && (
          <ul className="banner-list">
            {listed.map((w, i) => (
              <li key={i} data-key={w.key} data-given={w.given ?? ""} data-used={w.used ?? ""}>
                <code className="banner-key">{w.key}</code> {w.message}
              </li>
            ))}
            {unlisted > 0 && (
              <li className="banner-more">
                and {unlisted.toLocaleString("en-US")} more {unlisted === 1 ? "value" : "values"} replaced or ignored
              </li>
            )}
          </ul>
        )}
      </div>
      <button type="button" className="btn btn-ghost" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** Shows a worker failure and restarts the simulation on request. */
export function WorkerError() {
  const error = useApp((s) => s.workerError);
  const recover = useApp((s) => s.recover);
  if (error === null) return null;
  return (
    <div className="banner banner-error" role="alert">
      <div>
        <strong>The simulation stopped.</strong> {error}
      </div>
      <button type="button" className="btn btn-primary" onClick={recover}>
        Restart simulation
      </button>
    </div>
  );
}
