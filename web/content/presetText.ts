/** The preset gallery's words: a heading per family of presets, in the order they are shown. */
import type { PresetSpec } from "../../src-sim/scenario/presets";

/** A preset family. */
export type PresetFamily = PresetSpec["family"];

/** Families in gallery order, with their headings. */
export const PRESET_FAMILIES: ReadonlyArray<[PresetFamily, string]> = [
  ["story", "The story"],
  ["queue", "Bounded queues"],
  ["watermark", "Watermarks"],
  ["tcp", "TCP"],
  ["kafka", "Kafka"],
  ["reactive", "Reactive Streams"],
  ["timeline", "Over time"],
  ["theory", "Queueing theory"],
];
