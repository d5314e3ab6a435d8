/**
 * The scenario's figures the queue model's plain per-event loop reads (QueueModel.runPlainEvents),
 * taken once per scenario into an object of one fixed class. The loop used to read them from the
 * model's copy of the scenario, an object literal whose hidden class V8 may rebuild from one run
 * to the next (a copy made by spreading gets its class from the copy site's cache): each new
 * class threw the compiled loop away, and V8 then kept it in slower code. Every number field is
 * born a double (declared NaN), so no later value changes the class either.
 */
import type { Scenario } from "../../scenario/params";

/** See the file comment. Immutable once built: copies of a model may share it. */
export class PlainSetup {
  /** Events/s of the producer and of the consumer. */
  readonly producer: number = NaN;
  readonly consumer: number = NaN;
  /** Waiting-queue capacity (bounded strategies), events. */
  readonly capacity: number = NaN;
  /** The watermark strategy's HIGH, events. */
  readonly high: number = NaN;
  /** Consumer memory at rest and per event held, bytes. */
  readonly baseline: number = NaN;
  readonly eventBytes: number = NaN;
  /** Largest number of events the consumer can hold within its memory limit. */
  readonly maxInSystem: number = NaN;
  readonly bounded: boolean = false;
  readonly watermark: boolean = false;
  readonly dropNewest: boolean = false;
  readonly dropOldest: boolean = false;
  /** A blocking queue with a cold producer (its tick waits for the release). */
  readonly blockSlow: boolean = false;
  readonly constantArrivals: boolean = false;
  readonly constantService: boolean = false;

  constructor(s: Scenario, maxInSystem: number) {
    this.producer = s.producer;
    this.consumer = s.consumer;
    this.capacity = s.capacity;
    this.high = s.high;
    this.baseline = s.baseline;
    this.eventBytes = s.eventBytes;
    this.maxInSystem = maxInSystem;
    this.bounded = s.strategy !== "unbounded";
    this.watermark = s.strategy === "watermark";
    this.dropNewest = s.strategy === "drop-newest";
    this.dropOldest = s.strategy === "drop-oldest";
    this.blockSlow = s.strategy === "block" && s.onPause === "slow";
    this.constantArrivals = s.arrivals === "constant";
    this.constantService = s.service === "constant";
  }
}
