/**
 * "Theory and this run": the closed forms for the current scenario next to what the run has
 * measured so far (see web/theory/theoryRows.ts). Recomputed when the readouts update (at most
 * ~10 times a second), from the sample columns held outside React.
 */
import { measureRun } from "../theory/runMeasures";
import { theoryRows } from "../theory/theoryRows";
import { useApp, useRuntime } from "./context";

/** The theory table under the strategy's explanation (queue strategies only). */
export function TheoryCard() {
  const scenario = useApp((s) => s.scenario);
  const oomAtSec = useApp((s) => s.oomAtSec);
  const peakQueued = useApp((s) => s.moment?.peakQueued ?? 0);
  useApp((s) => s.live?.timeSec); // re-render as the run moves
  const { series } = useRuntime();
  const rows = theoryRows(scenario, measureRun(series), oomAtSec, peakQueued);
  if (rows.length === 0) return null;
  return (
    <table className="theory-card">
      <caption>Theory and this run</caption>
      <thead>
        <tr>
          <th scope="col">Quantity</th>
          <th scope="col">Theory</th>
          <th scope="col">This run</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>{r.theory}</td>
            <td>{r.measured}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
