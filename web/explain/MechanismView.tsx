/**
 * The mechanism view of the chosen strategy, under the flow diagram: looked up by the strategy's
 * family in the registry (web/explain/mechanisms/registry.ts). Nothing is drawn for a family
 * without a view.
 */
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import { useApp } from "../components/context";
import { MECHANISM_VIEWS } from "./mechanisms/registry";

/** The view for the scenario's strategy family, or nothing. */
export function MechanismView() {
  const strategy = useApp((s) => s.scenario.strategy);
  const family = STRATEGY_TABLE[strategy].family;
  const View = MECHANISM_VIEWS[family];
  if (!View) return null;
  return (
    <section className="mechanism" data-family={family} aria-label="How the mechanism works">
      <View />
    </section>
  );
}
