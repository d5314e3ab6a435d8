/**
 * The flow diagram, at the top of the stage: producer -> (its buffer) -> (network or broker) ->
 * queue -> consumer, each part with its rate, fill and memory at the moment shown, the events per
 * second on each arrow, and the backpressure signal travelling back upstream underneath (lit while
 * it acts: a pause sent, a zero window, a blocked put). It follows the moment the readouts show
 * (play, step, seek), reads the samples rather than the events, and moves only where motion is
 * welcome (prefers-reduced-motion turns the travelling dashes off). Its accessible name is the
 * whole picture in a sentence (web/explain/flowFacts.ts).
 */
import { Fragment } from "react";
import { formatRate } from "../format/numbers";
import { useApp, useRuntime } from "../components/context";
import { flowFactsAt, flowText, type FlowNode } from "./flowFacts";

function Node({ node }: { node: FlowNode }) {
  return (
    <div className={`flow-node flow-${node.tone}`} data-node={node.id}>
      <div className="flow-node-head">
        <span className="flow-node-title">{node.title}</span>
        {node.state && <span className="flow-node-state">{node.state}</span>}
      </div>
      <div className="flow-node-figure">{node.figure}</div>
      {node.detail && <div className="flow-node-detail">{node.detail}</div>}
      {node.fill !== null && (
        <div className="flow-fill">
          <div className="flow-fill-bar" style={{ width: `${(node.fill * 100).toFixed(1)}%` }} />
        </div>
      )}
    </div>
  );
}

/** The flow diagram of the moment shown (nothing before the first sample). */
export function FlowDiagram() {
  const moment = useApp((s) => s.moment);
  const scenario = useApp((s) => s.scenario);
  const rt = useRuntime();
  const facts = moment ? flowFactsAt(rt.series, scenario, moment) : null;
  if (!facts) return <div className="flow" aria-busy="true" />;
  return (
    <figure className="flow" role="img" aria-label={flowText(facts)} data-sample={moment?.index}>
      <div className="flow-chain" aria-hidden="true">
        {facts.nodes.map((node, i) => (
          <Fragment key={node.id}>
            {i > 0 && (
              <div className="flow-arrow">
                <span className="flow-arrow-rate">{formatRate(facts.flowsPerSec[i - 1])}</span>
                <span className="flow-arrow-line" />
              </div>
            )}
            <Node node={node} />
          </Fragment>
        ))}
      </div>
      <div className={`flow-signal${facts.signal.active ? " flow-signal-active" : ""}`} aria-hidden="true">
        <span className="flow-signal-line" />
        <span className="flow-signal-text">
          <strong>{facts.signal.mechanism}</strong> {facts.signal.now}
        </span>
      </div>
    </figure>
  );
}
