/**
 * The simulation itself: the transport and readouts (sticky while the charts scroll), the flow
 * diagram and the chosen mechanism's own view, then the charts. The full page and the embed both show it; `children` go under the charts.
 */
import type { ReactNode } from "react";
import { PageHostNote } from "./Banners";
import { FlowDiagram } from "../explain/FlowDiagram";
import { MechanismView } from "../explain/MechanismView";
import { ChartsPanel } from "./ChartsPanel";
import { ErrorBoundary } from "./ErrorBoundary";
import { Readouts } from "./Readouts";
import { Transport } from "./Transport";

/** The stage: transport, readouts, charts, then `children`. */
export function Stage({ children }: { children?: ReactNode }) {
  return (
    <main className="stage" id="stage">
      <div className="stage-bar">
        <ErrorBoundary name="The playback controls">
          <Transport />
        </ErrorBoundary>
        <ErrorBoundary name="The readouts">
          <Readouts />
        </ErrorBoundary>
      </div>
      <ErrorBoundary name="The flow diagram">
        <FlowDiagram />
      </ErrorBoundary>
      <ErrorBoundary name="The mechanism view">
        <MechanismView />
      </ErrorBoundary>
      <ChartsPanel />
      <PageHostNote />
      {children}
    </main>
  );
}
