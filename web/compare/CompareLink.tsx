/**
 * "Compare" in the single run's header: a link to a comparison of the run's workload under its
 * own strategy (lane A, with its settings) and two others, so the run shown becomes one lane.
 */
import { encodeComparison, laneOf, sharedWorkload, type LaneSpec } from "../../src-sim/scenario/lanes";
import type { Scenario, Strategy } from "../../src-sim/scenario/params";
import { useApp } from "../components/context";

/** The strategies the other lanes take, the first two that differ from the run's. */
const PARTNERS: readonly Strategy[] = ["unbounded", "watermark", "block", "drop-newest"];

/** The comparison a single run's "Compare" opens (query without `?`). */
export function comparisonOf(base: Scenario): string {
  const own = laneOf(base);
  const others: LaneSpec[] = PARTNERS.filter((s) => s !== base.strategy)
    .slice(0, 2)
    .map((strategy) => ({ strategy, params: {} }));
  return encodeComparison({ shared: { ...sharedWorkload(base), t: 0 }, lanes: [own, ...others], view: "overlay" });
}

/** The header's Compare link. */
export function CompareLink() {
  const base = useApp((s) => s.base);
  return (
    <a
      className="btn btn-ghost"
      href={`?${comparisonOf(base)}`}
      title="Run this workload under several strategies side by side"
    >
      <span className="btn-label">Compare</span>
    </a>
  );
}
