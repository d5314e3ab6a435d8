/**
 * Every parameter of the scenario table as a control, grouped as the table groups them. Nothing
 * here lists parameters by hand: a row added to PARAMS appears here by itself. Parameters that
 * do not apply to the strategy in force are hidden (the table says which apply).
 */
import {
  PARAMS,
  PARAM_BY_KEY,
  type EnumParam,
  type Param,
  type ParamGroup,
  type Strategy,
} from "../../src-sim/scenario/params";
import { STRATEGY_NAMES } from "../content/strategyText";
import { appliesTo } from "../scenario/applies";
import { useApp } from "./context";
import { EnumControl } from "./EnumControl";
import { ErrorBoundary } from "./ErrorBoundary";
import { NumberControl } from "./NumberControl";
import { StrategyExplainer } from "./StrategyExplainer";
import { TheoryCard } from "./TheoryCard";

/** Group titles, in display order. */
export const GROUPS: ReadonlyArray<[ParamGroup, string]> = [
  ["workload", "Workload"],
  ["strategy", "Flow control"],
  ["tcp", "TCP"],
  ["kafka", "Kafka"],
  ["reactive", "Reactive Streams"],
  ["memory", "Memory"],
  ["run", "Run"],
];

/** Parameters the timeline controls instead of a slider. */
const NOT_SLIDERS = new Set<string>(["t", "strategy"]);

/** Parameters better typed than slid (a seed has no meaningful "more"). */
const TYPED_ONLY = new Set<string>(["seed"]);

function Control({ param }: { param: Param }) {
  return param.kind === "number" ? (
    <NumberControl param={param} slider={!TYPED_ONLY.has(param.key)} />
  ) : (
    <EnumControl param={param} />
  );
}

/** The groups shown under a strategy, leaving out `hidden` ones (a link's `hide=`). */
export function visibleGroups(
  strategy: Strategy,
  hidden: ReadonlySet<ParamGroup> = new Set(),
): Array<[ParamGroup, string]> {
  return GROUPS.filter(([group]) => {
    if (hidden.has(group)) return false;
    return (
      group === "strategy" || PARAMS.some((p) => p.group === group && !NOT_SLIDERS.has(p.key) && appliesTo(p, strategy))
    );
  });
}

/** The parameter groups, except `hidden` ones. */
export function ParamPanel({ hidden }: { hidden?: ReadonlySet<ParamGroup> }) {
  const strategy = useApp((s) => s.scenario.strategy);
  const available = useApp((s) => s.availableStrategies);
  const unavailable = new Set<string>(
    PARAM_BY_KEY.strategy.kind === "enum"
      ? PARAM_BY_KEY.strategy.values.filter((v) => !available.includes(v as Strategy))
      : [],
  );
  return (
    <div className="param-panel">
      {visibleGroups(strategy, hidden).map(([group, title]) => {
        const params = PARAMS.filter((p) => p.group === group && !NOT_SLIDERS.has(p.key) && appliesTo(p, strategy));
        return (
          <fieldset key={group} className={`group group-${group}`}>
            <legend>{title}</legend>
            {group === "strategy" && (
              <>
                <EnumControl
                  param={PARAM_BY_KEY.strategy as EnumParam}
                  names={STRATEGY_NAMES}
                  unavailable={unavailable}
                />
                <ErrorBoundary name="The strategy explanation">
                  <StrategyExplainer />
                </ErrorBoundary>
                <ErrorBoundary name="The theory table">
                  <TheoryCard />
                </ErrorBoundary>
              </>
            )}
            {params.map((p) => (
              <ErrorBoundary key={p.key} name={`The ${p.key} control`}>
                <Control param={p} />
              </ErrorBoundary>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
