/**
 * The flow-control mechanisms that run as strategies of the engine, by strategy name. Each is a
 * {@link Model} of its own (see src-sim/engine/model.ts); the queue strategies are the engine's
 * built-in model.
 */
import type { Model } from "../engine/model";
import type { RunContext } from "../engine/runContext";
import type { Scenario } from "../scenario/params";
import { createKafkaModel } from "./kafka";
import { createReactiveModel } from "./reactive";
import { createTcpModel } from "./tcp";

/** Creates a mechanism's model, empty, at `startSec`, sharing the run's context. */
export type MechanismFactory = (ctx: RunContext, scenario: Scenario, startSec: number) => Model;

/** Names of the mechanisms (strategies that are not queue strategies). */
export type MechanismName = "tcp" | "kafka" | "reactive";

/** Mechanisms that have landed, by strategy name. */
export const MECHANISMS: Partial<Record<MechanismName, MechanismFactory>> = {
  tcp: createTcpModel,
  kafka: createKafkaModel,
  reactive: createReactiveModel,
};
