/**
 * The lanes' own settings: a card per lane with its name, colour and dash, its strategy, and the
 * keys of that strategy (the parameter table's lane keys, lanes.ts), plus Add and Remove. Each
 * card reuses the single run's controls (NumberControl, EnumControl) over a small app store of
 * its own whose scenario is the lane's: an edit there becomes the lane's new spec, and only that
 * lane's run changes.
 */
import { useEffect, useMemo, type CSSProperties } from "react";
import { MAX_LANES, MIN_LANES, laneKeys, laneOf, laneScenario } from "../../src-sim/scenario/lanes";
import { PARAM_BY_KEY, type EnumParam, type Scenario } from "../../src-sim/scenario/params";
import { StoreContext, useApp } from "../components/context";
import { EnumControl } from "../components/EnumControl";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { NumberControl } from "../components/NumberControl";
import { STRATEGY_NAMES } from "../content/strategyText";
import { formatParamValue } from "../format/paramFormat";
import { scenarioAddress } from "../runtime/urlSync";
import { shapeKeyShown } from "../scenario/applies";
import { createAppStore } from "../store/appStore";
import type { SimCommands } from "../store/commands";
import { LANE_STYLES } from "./compareMetrics";
import { laneNames } from "./compareStore";
import { useCompare, useCompareRuntime } from "./context";

/** Commands of a lane card's store: every edit becomes the lane's spec; playback is the page's. */
function laneCommands(onLane: (s: Scenario) => void): SimCommands {
  const none = () => {};
  return {
    setScenario: onLane,
    setBase: onLane,
    setChanges: none,
    play: none,
    pause: none,
    step: none,
    seek: none,
    setSpeed: none,
    reset: none,
    recover: none,
    load: none,
  };
}

/** One lane's card. */
function LaneCard({ index }: { index: number }) {
  const { store } = useCompareRuntime();
  const lane = useCompare((s) => s.lanes[index]);
  const shared = useCompare((s) => s.shared);
  const count = useCompare((s) => s.lanes.length);
  const name = useCompare((s) => laneNames(s.lanes)[index]);
  const timeSec = useApp((s) => s.timeSec);
  const scenario = useMemo(() => laneScenario(shared, lane), [shared, lane]);
  const laneStore = useMemo(
    () => {
      const s = createAppStore({
        commands: laneCommands((next) => store.getState().setLane(index, laneOf(next))),
        scenario,
      });
      s.setState({ changeMode: "whole" });
      return s;
    },
    // One store per card; the effect below keeps its scenario the lane's.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- created once per lane index
    [store, index],
  );
  useEffect(() => laneStore.setState({ scenario, base: scenario }), [laneStore, scenario]);
  const style = LANE_STYLES[index % LANE_STYLES.length];
  const keys = laneKeys(lane.strategy).filter((k) => shapeKeyShown(k, scenario.shape));
  const letter = name.split(" ")[0];
  // What this lane sets away from the defaults, in the summary: "capacity 2000".
  const changed = keys
    .filter((k) => scenario[k] !== PARAM_BY_KEY[k].default && k !== "rcvBufAuto")
    .map((k) => {
      const param = PARAM_BY_KEY[k];
      const v = scenario[k];
      const text = param.kind === "number" && typeof v === "number" ? formatParamValue(param, v) : String(v);
      return `${param.label.toLowerCase()} ${text}`;
    });
  return (
    <fieldset className="lane-card" data-lane={index}>
      <legend>
        <i
          className={`swatch lane-swatch lane-swatch-${style.dashName}`}
          style={{ "--swatch": `var(--${style.color})` } as CSSProperties}
          aria-hidden="true"
        />
        {name}
      </legend>
      <StoreContext.Provider value={laneStore}>
        <EnumControl param={PARAM_BY_KEY.strategy as EnumParam} names={STRATEGY_NAMES} />
        {keys.length > 0 && (
          <details className="lane-settings">
            <summary>
              Settings of lane {letter}
              {changed.length > 0 && <span className="lane-changed">: {changed.join(", ")}</span>}
            </summary>
            {keys.map((key) => {
              const param = PARAM_BY_KEY[key];
              return (
                <ErrorBoundary key={key} name={`The ${key} control of ${name}`}>
                  {param.kind === "number" ? <NumberControl param={param} /> : <EnumControl param={param} />}
                </ErrorBoundary>
              );
            })}
          </details>
        )}
      </StoreContext.Provider>
      <div className="lane-actions">
        <a className="lane-single" href={scenarioAddress(window.location, scenario, timeSec)}>
          Open lane {letter} as a single run
        </a>
        {count > MIN_LANES && (
          <button type="button" className="btn btn-small" onClick={() => store.getState().removeLane(index)}>
            Remove lane {letter}
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** Every lane's card, and Add lane. */
export function LaneEditors() {
  const count = useCompare((s) => s.lanes.length);
  const addLane = useCompare((s) => s.addLane);
  return (
    <section className="lanes" aria-labelledby="lanes-title">
      <div className="section-head">
        <h2 id="lanes-title">Lanes</h2>
        <p className="section-note">
          Same workload, same seed, one clock: each lane runs its own strategy. Changing a lane changes only that lane.
        </p>
        <button type="button" className="btn btn-small" onClick={addLane} disabled={count >= MAX_LANES}>
          Add lane
        </button>
      </div>
      <div className="lanes-grid">
        {Array.from({ length: count }, (_, i) => (
          <ErrorBoundary key={i} name={`Lane ${i + 1}`}>
            <LaneCard index={i} />
          </ErrorBoundary>
        ))}
      </div>
    </section>
  );
}
