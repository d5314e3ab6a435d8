/**
 * Page-level messages: what an opened link had wrong (each replaced value in plain words) and a
 * failed simulation worker (with a way out). Text only: nothing from a URL is rendered as HTML.
 */
import { useApp } from "./context";

/** Lists the opening link's rejected or clamped values until dismissed. */
export function LinkWarnings() {
  const warnings = useApp((s) => s.linkWarnings);
  const dismiss = useApp((s) => s.dismissLinkWarnings);
  if (warnings.length === 0) return null;
  return (
    <div className="banner banner-warn" role="alert">
      <div>
        <strong>Some settings in this link could not be used as given.</strong>
        <ul>
          {warnings.map((w, i) => (
            <li key={i} data-key={w.key}>
              {w.message}
            </li>
          ))}
        </ul>
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
