/**
 * Page-level messages: what an opened link had wrong (each replaced value in plain words), a
 * stopped simulation (with a restart at the same moment), and a note when the simulation runs
 * without a worker. Text only: nothing from a URL or a worker is rendered as HTML.
 */
import { useId } from "react";
import { SCHEMA_VERSION } from "../../src-sim/scenario/codec";
import { formatClock } from "../format/numbers";
import { useApp } from "./context";

/**
 * Lists the opening link's rejected or clamped values until dismissed: the key, the value given
 * and the value used, with the codec's sentence. A link from a newer schema leads the list.
 */
export function LinkWarnings() {
  const warnings = useApp((s) => s.linkWarnings);
  const dismiss = useApp((s) => s.dismissLinkWarnings);
  const titleId = useId();
  if (warnings.length === 0) return null;
  const newer = warnings.find((w) => w.key === "v" && Number(w.given) > SCHEMA_VERSION);
  const rest = warnings.filter((w) => w !== newer);
  return (
    <div className="banner banner-warn" role="alert" aria-labelledby={titleId}>
      <div className="banner-body">
        <strong id={titleId}>
          {newer
            ? `This link comes from a newer version of the playground (v=${newer.given}).`
            : "Some settings in this link could not be used as given."}
        </strong>{" "}
        <span>
          {newer ? "Everything this version understands was loaded" : "The rest of the scenario loaded"}
          {rest.length ? "; these values were replaced:" : "."}
        </span>
        {rest.length > 0 && (
          <ul className="banner-list">
            {rest.map((w, i) => (
              <li key={i} data-key={w.key} data-given={w.given ?? ""} data-used={w.used ?? ""}>
                <code className="banner-key">{w.key}</code> {w.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="btn btn-ghost" onClick={dismiss}>
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
