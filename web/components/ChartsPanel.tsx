/** The charts column: the time charts that apply to the strategy in force, then the event lane. */
import { TIME_CHARTS, chartApplies } from "../charts/chartSpecs";
import { EventLane } from "../charts/EventLane";
import { TimeChart } from "../charts/TimeChart";
import { TheoryToggle } from "../charts/TheoryKeys";
import { useApp } from "./context";
import { ErrorBoundary } from "./ErrorBoundary";
import { ZoomBar } from "./ZoomBar";

/** All charts, top to bottom. */
export function ChartsPanel() {
  const strategy = useApp((s) => s.scenario.strategy);
  const specs = TIME_CHARTS.filter((c) => chartApplies(c, strategy));
  return (
    <div className="charts">
      <div className="charts-bar">
        <ZoomBar />
        <TheoryToggle />
      </div>
      {specs.map((spec) => (
        <ErrorBoundary key={spec.id} name={`The ${spec.title.toLowerCase()} chart`}>
          <TimeChart spec={spec} />
        </ErrorBoundary>
      ))}
      <ErrorBoundary name="The event lane">
        <EventLane />
      </ErrorBoundary>
    </div>
  );
}
