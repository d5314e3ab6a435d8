/**
 * Which parameters matter under which strategy, as the scenario table says (`strategies` on a
 * row), and which workload-shape keys the shape in force uses. The controls hide what does not
 * apply, and the charts draw only the limits that apply.
 */
import { PARAM_BY_KEY, type Param, type ParamKey, type Shape, type Strategy } from "../../src-sim/scenario/params";

/** Whether a parameter row applies under a strategy (rows without a list apply to all). */
export function appliesTo(param: Param, strategy: Strategy): boolean {
  return !param.strategies || param.strategies.includes(strategy);
}

/** Whether the parameter `key` applies under a strategy. */
export function keyApplies(key: ParamKey, strategy: Strategy): boolean {
  return appliesTo(PARAM_BY_KEY[key], strategy);
}

/** Which of the shape's keys each workload shape uses (src-sim/scenario/shapes.ts). */
const SHAPE_KEYS: Readonly<Record<Shape, readonly ParamKey[]>> = {
  constant: [],
  step: ["shapeRate", "shapeAt"],
  burst: ["shapeRate", "shapeAt", "shapePeriod", "shapeDuty"],
  ramp: ["shapeRate", "shapeAt", "shapePeriod"],
  sine: ["shapeRate", "shapeAt", "shapePeriod"],
};

/** Whether a workload-shape key matters under `shape` (every other key: true). */
export function shapeKeyShown(key: ParamKey, shape: Shape): boolean {
  if (key === "shape" || !key.startsWith("shape")) return true;
  return SHAPE_KEYS[shape].includes(key);
}
