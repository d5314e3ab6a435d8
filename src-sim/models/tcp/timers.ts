/**
 * TCP's timing constants and the retransmission-timeout estimator the persist timer starts from.
 */

/** Delayed-ACK timeout, s (Linux starts at 40 ms: TCP_ATO_MIN). */
export const DELAYED_ACK_SEC = 0.04;
/** Smallest RTO and first persist interval, s (Linux TCP_RTO_MIN). */
export const MIN_RTO_SEC = 0.2;
/** Largest RTO and persist interval, s (Linux TCP_RTO_MAX). */
export const MAX_RTO_SEC = 120;
/** RTO before the first RTT sample, s (RFC 6298 section 2.1). */
export const INITIAL_RTO_SEC = 1;

/**
 * RFC 6298's smoothed RTT and variance, with Linux's 200 ms floor in place of the RFC's 1 s:
 * RTO = max(200 ms, SRTT + 4 RTTVAR), at most 120 s. The simulated clock is exact, so the clock
 * granularity term G is 0.
 */
export class RtoEstimator {
  /** Smoothed RTT, s (NaN before the first sample). */
  srttSec = NaN;
  /** RTT variation, s. */
  rttvarSec = 0;
  /** Current retransmission timeout, s. */
  rtoSec = INITIAL_RTO_SEC;

  /** Takes one RTT measurement, s. */
  sample(rttSec: number): void {
    if (Number.isNaN(this.srttSec)) {
      this.srttSec = rttSec;
      this.rttvarSec = rttSec / 2;
    } else {
      this.rttvarSec = 0.75 * this.rttvarSec + 0.25 * Math.abs(this.srttSec - rttSec);
      this.srttSec = 0.875 * this.srttSec + 0.125 * rttSec;
    }
    const rto = this.srttSec + 4 * this.rttvarSec;
    this.rtoSec = rto < MIN_RTO_SEC ? MIN_RTO_SEC : rto > MAX_RTO_SEC ? MAX_RTO_SEC : rto;
  }
}

/**
 * The persist timer's interval after `backoff` unanswered probes: max(RTO, 200 ms) doubled per
 * probe, capped at 120 s (Linux `tcp_probe0_when`). So 0.2, 0.4, 0.8 ... 102.4, 120, 120 ... s
 * on a path whose RTO is at the floor.
 */
export function persistIntervalSec(rtoSec: number, backoff: number): number {
  const base = rtoSec > MIN_RTO_SEC ? rtoSec : MIN_RTO_SEC;
  const t = base * Math.pow(2, backoff);
  return t < MAX_RTO_SEC ? t : MAX_RTO_SEC;
}
