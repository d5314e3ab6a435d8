/**
 * The simulation itself: the transport and readouts (sticky while the charts scroll), then the
 * charts. The full page and the embed both show it; `children` go under the charts.
 */
import type { ReactNode } from "react";
import { PageHostNote } from "./Banners";
import { ChartsPanel } from "./ChartsPanel";
import { Readouts } from "./Readouts";
import { Transport } from "./Transport";

/** The stage: transport, readouts, charts, then `children`. */
export function Stage({ children }: { children?: ReactNode }) {
  return (
    <main className="stage" id="stage">
      <div className="stage-bar">
        <Transport />
        <Readouts />
      </div>
      <ChartsPanel />
      <PageHostNote />
      {children}
    </main>
  );
}
