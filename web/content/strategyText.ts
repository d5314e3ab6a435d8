/**
 * The page's own short explanations: one paragraph per strategy, one sentence per producer
 * reaction, and plain names for enum values. Plain text only (never rendered as HTML).
 */
import type { OnPause, Strategy } from "../../src-sim/scenario/params";

/** Human names of the strategies, for the picker. */
export const STRATEGY_NAMES: Record<Strategy, string> = {
  "unbounded": "Unbounded queue",
  "drop-newest": "Bounded, drop newest",
  "drop-oldest": "Bounded, drop oldest",
  "block": "Bounded, block producer",
  "watermark": "High/low watermarks",
  "tcp": "TCP receive window",
  "kafka": "Kafka pull (poll)",
  "reactive": "Reactive Streams",
};

/** One paragraph per strategy: what it does and what it costs. */
export const STRATEGY_TEXT: Record<Strategy, string> = {
  "unbounded":
    "Nothing pushes back. Every event the producer emits is accepted and waits in memory until the consumer gets to it. " +
    "If the producer is faster, the backlog grows by the difference in rates, every second, and so do memory and latency: " +
    "the queue does not fix overload, it only postpones the moment the consumer runs out of memory and takes everything it held with it.",
  "drop-newest":
    "The queue has a fixed capacity. Once it is full, new arrivals are thrown away at the door, so memory and waiting time stay bounded. " +
    "The price is explicit loss: under sustained overload, the events dropped per second equal the producer's excess rate, and the ones kept are the oldest.",
  "drop-oldest":
    "The queue has a fixed capacity, and when it is full the event that has waited longest is evicted to make room for the new one. " +
    "Memory stays bounded and what is processed is as fresh as the queue allows, which suits telemetry and prices; the cost is that old work is silently discarded.",
  "block":
    "The queue has a fixed capacity, and a producer that finds it full has to wait until a slot frees up. " +
    "Nothing is lost inside the system and the producer is slowed to the consumer's pace, but the waiting moves upstream: what the producer does while blocked decides where the pressure goes next.",
  "watermark":
    "The consumer watches its own queue. When it reaches the high watermark it tells the producer to pause; when it has drained to the low watermark it tells it to resume. " +
    "The gap between the two marks is hysteresis: it keeps the signals from flapping. Signals take time to arrive, so the queue overshoots the high mark by roughly the excess rate times the delay, and the capacity above it absorbs that.",
  "tcp":
    "The receiver advertises how much free space its buffer has, the window, and the sender may never have more than that in flight. " +
    "A slow reader fills the buffer, the window shrinks to zero and the sender stops; a persist timer then probes the closed window, backing off, until the reader frees space.",
  "kafka":
    "The broker keeps the log and the consumer pulls from it at its own pace, so the backlog lives on the broker's disk as lag rather than in the consumer's memory. " +
    "The traps are elsewhere: a consumer that takes longer than max.poll.interval between polls is evicted and its records are delivered again, and handing records to an unbounded in-memory queue brings the out-of-memory problem right back.",
  "reactive":
    "The subscriber asks for a number of items with request(n), and the publisher may send no more than was asked for; demand is topped up as items are processed. " +
    "A cold source simply produces on demand. A hot source cannot wait, so its overflow strategy decides what happens to items nobody requested: buffer them, drop them, keep the latest, or fail.",
};

/** What the producer does when told to stop, one sentence each. */
export const ON_PAUSE_TEXT: Record<OnPause, string> = {
  slow: "Here the producer is a cold source: asked to stop, it simply waits, and nothing is lost.",
  buffer:
    "Here the producer is a hot source that keeps accepting work and holds it in its own memory: the queue moves upstream, and so does the out-of-memory risk.",
  drop: "Here the producer discards what it cannot send while stopped: bounded memory everywhere, paid for with loss at the source.",
};

/**
 * What each mechanism's model leaves out, so that a simplification is not read as a claim (shown
 * under the explanation; the README says the same).
 */
export const LEAVES_OUT_TEXT: Partial<Record<Strategy, string>> = {
  tcp:
    "What this model leaves out: loss, retransmission and congestion control (the congestion window only sizes the send buffer), " +
    "competing traffic and router queues, TCP options such as timestamps and SACK, and the part of the socket buffer Linux keeps for its own bookkeeping. " +
    "It does model Linux's buffer autotuning, its retransmission timeout and persist timer, and 78 bytes of TCP/IP and Ethernet overhead per segment.",
  kafka:
    "What this model leaves out: more than one partition and consumer in the group, heartbeats and session timeouts, the producer's own buffer and batching, " +
    "replication, and time-based segment rolling. Retention deletes whole segments at the broker's retention checks, and a group without a committed offset starts at auto.offset.reset.",
  reactive:
    "What this model leaves out: more than one subscriber, operators between publisher and subscriber, and scheduling threads: " +
    "demand, replenishment and the overflow strategy are modelled exactly, the rest is a single pipe.",
};
