/**
 * How a parameter's value reads beside its control, in the unit the parameter table uses for it.
 */
import type { NumberParam } from "../../src-sim/scenario/params";
import { formatParam } from "./numbers";

/**
 * Whether a parameter's bytes read in binary units (KiB, MiB): the TCP keys. Socket buffers and
 * segments are powers of two or exact byte counts in the kernel (rcvBuf 131072 is 128 KiB, an MSS
 * of 1460 is 1460 B), and the table's own text speaks of them in MiB. Memory limits stay decimal,
 * as the story quotes them (6 GB).
 */
export function binaryBytes(param: Pick<NumberParam, "unit" | "group">): boolean {
  return param.unit === "bytes" && param.group === "tcp";
}

/** A parameter's value as its control shows it: "100K/s", "6 GB", "128 KiB", "1 Gbit/s". */
export function formatParamValue(param: Pick<NumberParam, "unit" | "group">, value: number): string {
  return formatParam(value, param.unit, binaryBytes(param));
}
