/**
 * Which parameters matter under which strategy, as the scenario table says (`strategies` on a
 * row). The controls hide what does not apply, and the charts draw only the limits that apply.
 */
import { PARAM_BY_KEY, type Param, type ParamKey, type Strategy } from "../../src-sim/scenario/params";

/** Whether a parameter row applies under a strategy (rows without a list apply to all). */
export function appliesTo(param: Param, strategy: Strategy): boolean {
  return !param.strategies || param.strategies.includes(strategy);
}

/** Whether the parameter `key` applies under a strategy. */
export function keyApplies(key: ParamKey, strategy: Strategy): boolean {
  return appliesTo(PARAM_BY_KEY[key], strategy);
}
