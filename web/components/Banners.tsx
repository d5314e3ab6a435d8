/**
 * Page-level messages: what an opened link had wrong (each replaced value in plain words), a
 * stopped simulation (with a restart at the same moment), and a note when the simulation runs
 * without a worker. Text only: nothing from a URL or a worker is rendered as HTML.
 */
import { useId } from "react";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import { formatClock } from "../format/numbers";
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
  return <LinkWarningList warnings={warnings} onDismiss={dismiss} />;
}

/**
 * The link's warnings as a banner, for any page (the playground's store, or the pipeline page's
 * own state): at most {@link MAX_BANNER_ITEMS} lines and a count of the rest; nothing when empty.
 */
export function LinkWarningList({
  warnings,
  onDismiss,
}: {
  warnings: readonly DecodeWarning[];
  onDismiss: () => void;
}) {
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
      <button type="button" className="btn btn-ghost" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/**
 * Shows why the simulation stopped, once, and restarts it on request: a fresh worker on the same
 * scenario, replayed to the moment the page shows (the run is deterministic, so nothing is lost).
 */
export function WorkerError() {
  const detail = useApp((s) => s.workerError);
  const timeSec = useApp((s) => s.timeSec);
  const recover = useApp((s) => s.recover);
  const titleId = useId();
  if (detail === null) return null;
  return (
    <div className="banner banner-error" role="alert" aria-labelledby={titleId}>
      <div className="banner-body">
        <strong id={titleId}>The simulation stopped.</strong> <span className="banner-detail">{detail}</span>
      </div>
      <button type="button" className="btn btn-primary" onClick={recover}>
        Restart at t = {formatClock(timeSec)}
      </button>
    </div>
  );
}

/** A quiet note when the simulation shares the page's thread (no worker allowed here). */
export function PageHostNote() {
  const host = useApp((s) => s.simulationHost);
  if (host !== "page") return null;
  return (
    <p className="host-note">
      Running without a worker: this page may not start one here (a sandboxed frame?), so the simulation shares the
      page&rsquo;s thread and may be slower.
    </p>
  );
}

/** Announces a new version of the site, downloaded and waiting; Reload switches to it. */
export function UpdateBanner() {
  const apply = useApp((s) => s.pendingUpdate);
  if (apply === null) return null;
  return (
    <div className="banner banner-info" role="status">
      <div className="banner-body">
        <strong>A new version is available.</strong> <span>Reload to use it; the link keeps your scenario.</span>
      </div>
      <button type="button" className="btn btn-primary" onClick={apply}>
        Reload
      </button>
    </div>
  );
}
