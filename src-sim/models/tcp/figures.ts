/**
 * Closed-form figures of a TCP scenario: each limit on goodput, the expected goodput (the
 * smallest), the bandwidth-delay product and the consumer's memory bound. Rates in bytes/s.
 */
import type { Scenario } from "../../scenario/params";
import { MAX_RTO_SEC, MIN_RTO_SEC } from "./timers";
import { effectiveSndBufBytes, maxWindow } from "./window";

/** What bounds goodput in a scenario. */
export type TcpBottleneck = "producer" | "consumer" | "link" | "receive window" | "send buffer";

/** The figures (JSON-serialisable: no Infinity). */
export interface TcpFigures {
  /** Producer's write rate, producer x eventBytes, bytes/s. */
  producerBytesPerSec: number;
  /** Consumer's read rate, consumer x eventBytes, bytes/s. */
  consumerBytesPerSec: number;
  /** Link bandwidth, link / 8, bytes/s (payload only). */
  linkBytesPerSec: number;
  /** Largest advertised window: RCV.BUFF rounded down to the MSS, bytes. */
  maxWindowBytes: number;
  /** Window-limited throughput, largest window / RTT, bytes/s (without scaling, 65,535 B caps it). */
  windowLimitedBytesPerSec: number;
  /**
   * Send-buffer limit, sndBuf / RTT, bytes/s: unacknowledged data stays in the send buffer, so at
   * most a buffer's worth is in flight per round trip. An upper bound: the writer refills only
   * from 2/3, so a send-buffer-limited connection runs somewhat below it.
   */
  sendBufferLimitedBytesPerSec: number;
  /** Bandwidth-delay product, link / 8 x RTT, bytes: the window that keeps the link busy. */
  bandwidthDelayProductBytes: number;
  /** The smallest of the rates above: what the connection delivers in steady state, bytes/s. */
  expectedGoodputBytesPerSec: number;
  /** The same in events/s. */
  expectedGoodputEventsPerSec: number;
  bottleneck: TcpBottleneck;
  /** Share of time the producer should spend blocked when it is the faster side (0 when not). */
  expectedProducerBlockedFraction: number;
  /** Time one full segment takes on the link, s. */
  segmentSerializationSec: number;
  /** Consumer memory can never pass baseline + RCV.BUFF: TCP's receive buffer bounds it, bytes. */
  consumerMemoryBoundBytes: number;
  /** The persist timer's first interval at the RTO floor, and its cap, s. */
  persistFirstIntervalSec: number;
  persistMaxIntervalSec: number;
}

/** The figures of a scenario (its TCP parameters and workload). */
export function tcpFigures(s: Scenario): TcpFigures {
  const producer = s.producer * s.eventBytes;
  const consumer = s.consumer * s.eventBytes;
  const link = s.link / 8;
  const window = maxWindow(s.mss, s.rcvBuf);
  const windowLimited = window / s.rtt;
  const sendBufferLimited = effectiveSndBufBytes(s.sndBuf, s.rcvBuf, s.sndBufAuto === "on") / s.rtt;
  const limits: Array<[TcpBottleneck, number]> = [
    ["producer", producer],
    ["consumer", consumer],
    ["link", link],
    ["receive window", windowLimited],
    ["send buffer", sendBufferLimited],
  ];
  let [bottleneck, goodput] = limits[0];
  for (const [name, rate] of limits) {
    if (rate < goodput) [bottleneck, goodput] = [name, rate];
  }
  return {
    producerBytesPerSec: producer,
    consumerBytesPerSec: consumer,
    linkBytesPerSec: link,
    maxWindowBytes: window,
    windowLimitedBytesPerSec: windowLimited,
    sendBufferLimitedBytesPerSec: sendBufferLimited,
    bandwidthDelayProductBytes: link * s.rtt,
    expectedGoodputBytesPerSec: goodput,
    expectedGoodputEventsPerSec: goodput / s.eventBytes,
    bottleneck,
    expectedProducerBlockedFraction: producer > goodput ? 1 - goodput / producer : 0,
    segmentSerializationSec: (s.mss * 8) / s.link,
    consumerMemoryBoundBytes: s.baseline + s.rcvBuf,
    persistFirstIntervalSec: MIN_RTO_SEC,
    persistMaxIntervalSec: MAX_RTO_SEC,
  };
}
