/**
 * Closed-form figures of a TCP scenario: each limit on goodput, the expected goodput (the
 * smallest), the bandwidth-delay product and the consumer's memory bound. Rates in bytes/s.
 *
 * The producer, reader and link limits are what a connection reaches (within 2% in the tests).
 * The window and send-buffer limits are upper bounds: data not yet read when an ACK leaves
 * shrinks the advertised window, and a blocked writer refills only from 2/3, so a connection they
 * limit runs somewhat below them (`expectedGoodputIsUpperBound`).
 */
import type { Scenario } from "../../scenario/params";
import {
  RCVBUF_AUTOTUNE_MAX_BYTES,
  SNDBUF_AUTOTUNE_MAX_BYTES,
  WIRE_OVERHEAD_BYTES,
  perSegmentMemoryBytes,
} from "./autotune";
import { MAX_RTO_SEC, MIN_RTO_SEC } from "./timers";
import { maxWindow } from "./window";

/** What bounds goodput in a scenario. */
export type TcpBottleneck = "producer" | "consumer" | "link" | "receive window" | "send buffer";

/** The figures (JSON-serialisable: no Infinity). */
export interface TcpFigures {
  /** Producer's write rate, producer x eventBytes, bytes/s. */
  producerBytesPerSec: number;
  /** Consumer's read rate, consumer x eventBytes, bytes/s. */
  consumerBytesPerSec: number;
  /** Link bandwidth, link / 8, bytes/s (headers and framing included). */
  linkBytesPerSec: number;
  /** Payload the link carries at full speed: link / 8 x mss / (mss + 78 B of TCP/IP and Ethernet overhead), bytes/s. */
  linkPayloadBytesPerSec: number;
  /** Largest advertised window: RCV.BUFF (with autotuning its 6 MiB ceiling) rounded down to the MSS, bytes. */
  maxWindowBytes: number;
  /** Window-limited throughput, largest window / RTT, bytes/s (an upper bound). */
  windowLimitedBytesPerSec: number;
  /**
   * Send-buffer limit, send buffer / RTT, bytes/s: unacknowledged data stays in the send buffer,
   * so at most a buffer's worth is in flight per round trip. With autotuning the buffer grows to
   * 2 x cwnd x the memory of a segment, cwnd to twice the window's segments, at most 4 MiB. An
   * upper bound: the writer refills only from 2/3.
   */
  sendBufferLimitedBytesPerSec: number;
  /** Bandwidth-delay product, link / 8 x RTT, bytes: the window that keeps the link busy. */
  bandwidthDelayProductBytes: number;
  /** The smallest of the rates above: what the connection delivers in steady state, bytes/s. */
  expectedGoodputBytesPerSec: number;
  /** The same in events/s. */
  expectedGoodputEventsPerSec: number;
  bottleneck: TcpBottleneck;
  /** The expected goodput is a ceiling, not an estimate (window- or send-buffer-limited). */
  expectedGoodputIsUpperBound: boolean;
  /** Share of time the producer should spend blocked when it is the faster side (0 when not). */
  expectedProducerBlockedFraction: number;
  /** Time one full segment (with its headers and framing) takes on the link, s. */
  segmentSerializationSec: number;
  /** Consumer memory can never pass baseline + RCV.BUFF (its autotuned ceiling): TCP bounds it, bytes. */
  consumerMemoryBoundBytes: number;
  /** The persist timer's floor (tcp_rto_min) and its cap, s. */
  persistFirstIntervalSec: number;
  persistMaxIntervalSec: number;
}

/** The receive buffer's ceiling in a scenario: rcvBuf, or with autotuning at least tcp_rmem[2], bytes. */
export function rcvBufCeilingBytes(s: Scenario): number {
  return s.rcvBufAuto === "on" ? Math.max(s.rcvBuf, RCVBUF_AUTOTUNE_MAX_BYTES) : s.rcvBuf;
}

/** The figures of a scenario (its TCP parameters and workload). */
export function tcpFigures(s: Scenario): TcpFigures {
  const producer = s.producer * s.eventBytes;
  const consumer = s.consumer * s.eventBytes;
  const link = s.link / 8;
  const linkPayload = link * (s.mss / (s.mss + WIRE_OVERHEAD_BYTES));
  const rcvBuf = rcvBufCeilingBytes(s);
  const window = maxWindow(s.mss, rcvBuf);
  const windowLimited = window / s.rtt;
  const cwnd = 2 * Math.ceil(window / s.mss);
  const sndBuf =
    s.sndBufAuto === "on"
      ? Math.max(s.sndBuf, Math.min(SNDBUF_AUTOTUNE_MAX_BYTES, 2 * cwnd * perSegmentMemoryBytes(s.mss)))
      : s.sndBuf;
  const sendBufferLimited = sndBuf / s.rtt;
  const limits: Array<[TcpBottleneck, number]> = [
    ["producer", producer],
    ["consumer", consumer],
    ["link", linkPayload],
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
    linkPayloadBytesPerSec: linkPayload,
    maxWindowBytes: window,
    windowLimitedBytesPerSec: windowLimited,
    sendBufferLimitedBytesPerSec: sendBufferLimited,
    bandwidthDelayProductBytes: link * s.rtt,
    expectedGoodputBytesPerSec: goodput,
    expectedGoodputEventsPerSec: goodput / s.eventBytes,
    bottleneck,
    expectedGoodputIsUpperBound: bottleneck === "receive window" || bottleneck === "send buffer",
    expectedProducerBlockedFraction: producer > goodput ? 1 - goodput / producer : 0,
    segmentSerializationSec: ((s.mss + WIRE_OVERHEAD_BYTES) * 8) / s.link,
    consumerMemoryBoundBytes: s.baseline + rcvBuf,
    persistFirstIntervalSec: MIN_RTO_SEC,
    persistMaxIntervalSec: MAX_RTO_SEC,
  };
}
