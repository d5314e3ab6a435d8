/**
 * The scorecard: a table with a column per lane and a row per figure (scorecard.ts), live as the
 * lanes play. The best value of each row says "best" in words and is bold (not marked by colour
 * alone); a lane that ran out of memory says so in its cell.
 */
import { useMemo, type CSSProperties } from "react";
import { formatClock } from "../format/numbers";
import { useApp } from "../components/context";
import { LANE_STYLES } from "./compareMetrics";
import { laneNames } from "./compareStore";
import { useCompare } from "./context";
import { scorecardRows } from "./scorecard";

/** The scorecard table. */
export function Scorecard() {
  const figures = useCompare((s) => s.figures);
  const lanes = useCompare((s) => s.lanes);
  const timeSec = useApp((s) => s.timeSec);
  const names = useMemo(() => laneNames(lanes), [lanes]);
  const rows = useMemo(() => scorecardRows(figures), [figures]);
  return (
    <section className="scorecard-section" aria-labelledby="scorecard-title">
      <div className="section-head">
        <h2 id="scorecard-title">Scorecard</h2>
        <p className="section-note">
          Each lane&apos;s run from 0 to {formatClock(timeSec)}; the best value of each row is marked ★ best.
        </p>
      </div>
      <div className="scorecard-scroll" tabIndex={0} role="region" aria-label="Scorecard table, scrolls sideways">
        <table className="scorecard">
          <caption className="visually-hidden">Scorecard at {formatClock(timeSec)}: one column per lane</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {names.map((name, i) => (
                <th scope="col" key={i} data-lane={i}>
                  <i
                    className={`swatch lane-swatch lane-swatch-${LANE_STYLES[i % 4].dashName}`}
                    style={{ "--swatch": `var(--${LANE_STYLES[i % 4].color})` } as CSSProperties}
                    aria-hidden="true"
                  />
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} data-figure={row.name}>
                <th scope="row">{row.label}</th>
                {row.texts.map((text, i) => {
                  const best = row.best.includes(i);
                  const alarm = row.alarm.includes(i);
                  return (
                    <td
                      key={i}
                      data-lane={i}
                      data-best={best ? "true" : undefined}
                      data-alarm={alarm ? "true" : undefined}
                      className={best ? "is-best" : alarm ? "is-alarm" : undefined}
                    >
                      {alarm ? <strong>⚠ OOM at {text}</strong> : text}
                      {best && (
                        <span className="best-mark">
                          {" "}
                          ★<span className="best-word"> best</span>
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
