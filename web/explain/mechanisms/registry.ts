/**
 * Which mechanism view shows under the flow diagram for each strategy family (issue 15, item 2):
 * the picture an engineer of that mechanism already knows (TCP's time-sequence graph and ladder,
 * Kafka's partition log, the watermark band, Reactive Streams' demand). A family without an entry
 * shows none: plain bounded and unbounded queues are fully told by the flow diagram and charts.
 * Each view is a component without props that reads the moment and series from the page's store.
 */
import type { ComponentType } from "react";
import type { StrategyFamily } from "../../../src-sim/scenario/strategies";
import { KafkaView } from "./KafkaView";
import { ReactiveView } from "./ReactiveView";
import { TcpView } from "./TcpView";
import { WatermarkView } from "./WatermarkView";

/** The mechanism view per strategy family; add a view by adding its entry. */
export const MECHANISM_VIEWS: Partial<Record<StrategyFamily, ComponentType>> = {
  watermark: WatermarkView,
  tcp: TcpView,
  kafka: KafkaView,
  reactive: ReactiveView,
};
