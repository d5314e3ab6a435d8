/**
 * TCP's timing constants, the retransmission-timeout estimator the persist timer starts from, and
 * the persist timer's backoff, as Linux has them.
 */

/** Delayed-ACK timeout, s (Linux starts at 40 ms: TCP_ATO_MIN). */
export const DELAYED_ACK_SEC = 0.04;
/** tcp_rto_min, s (Linux TCP_RTO_MIN, HZ / 5): the least variance term of the RTO, and the persist timer's floor. */
export const MIN_RTO_SEC = 0.2;
/** Largest RTO and persist interval, s (Linux TCP_RTO_MAX). */
export const MAX_RTO_SEC = 120;
/** RTO before the first RTT sample, s (RFC 6298 section 2.1; Linux TCP_TIMEOUT_INIT). */
export const INITIAL_RTO_SEC = 1;
/**
 * How often the receiver answers out-of-window segments such as zero-window probes, s (Linux
 * sysctl tcp_invalid_ratelimit, 500 ms; tcp_oow_rate_limited).
 */
export const INVALID_RATELIMIT_SEC = 0.5;
/** Most doublings of the probe interval (Linux tcp_retries2, 15: icsk_backoff stops there). */
const MAX_PROBE_BACKOFF = 15;

/**
 * Linux's RTT estimator (net/ipv4/tcp_input.c, tcp_rtt_estimator) and RTO (tcp_set_rto;
 * include/net/tcp.h, __tcp_set_rto): RTO = SRTT + rttvar, where rttvar is the largest mean
 * deviation (x 4, as RFC 6298's 4 RTTVAR) seen over the last round trip, never below tcp_rto_min
 * (200 ms), decaying by a quarter per round trip toward it. So RTO >= SRTT + 200 ms: 250 ms on a
 * steady 50 ms path, where RFC 6298 with a 200 ms floor would give max(200 ms, SRTT + 4 RTTVAR).
 * At most 120 s. The simulated clock is exact, so there is no clock granularity.
 */
export class RtoEstimator {
  /** Smoothed RTT, s (NaN before the first sample). */
  srttSec = NaN;
  /** Linux mdev_us: the smoothed mean deviation x 4, s. */
  mdevSec = 0;
  /** Linux mdev_max_us: the largest mdev in the current round trip (at least tcp_rto_min), s. */
  mdevMaxSec = 0;
  /** Linux rttvar_us: the variance term of the RTO, s. */
  rttvarSec = 0;
  /** SND.NXT when the current round trip started (Linux rtt_seq). */
  private rttSeq = 0;
  /** Current retransmission timeout, s. */
  rtoSec = INITIAL_RTO_SEC;

  /** Takes one RTT measurement, s, with SND.UNA and SND.NXT at that moment. */
  sample(rttSec: number, sndUna: number, sndNxt: number): void {
    const m = rttSec;
    if (Number.isNaN(this.srttSec)) {
      this.srttSec = m;
      this.mdevSec = 2 * m; // "make sure rto = 3 * rtt"
      this.rttvarSec = Math.max(this.mdevSec, MIN_RTO_SEC);
      this.mdevMaxSec = this.rttvarSec;
      this.rttSeq = sndNxt;
    } else {
      let err = m - this.srttSec;
      this.srttSec += err / 8;
      if (err < 0) {
        // A shorter RTT than expected moves the deviation an eighth as much when it grows it.
        err = -err - this.mdevSec / 4;
        if (err > 0) err /= 8;
      } else {
        err -= this.mdevSec / 4;
      }
      this.mdevSec += err;
      if (this.mdevSec > this.mdevMaxSec) {
        this.mdevMaxSec = this.mdevSec;
        if (this.mdevMaxSec > this.rttvarSec) this.rttvarSec = this.mdevMaxSec;
      }
      if (sndUna > this.rttSeq) {
        // A round trip has passed: rttvar decays toward its maximum, which restarts at tcp_rto_min.
        if (this.mdevMaxSec < this.rttvarSec) this.rttvarSec -= (this.rttvarSec - this.mdevMaxSec) / 4;
        this.rttSeq = sndNxt;
        this.mdevMaxSec = MIN_RTO_SEC;
      }
    }
    const rto = this.srttSec + this.rttvarSec;
    this.rtoSec = rto > MAX_RTO_SEC ? MAX_RTO_SEC : rto;
  }
}

/**
 * The persist timer's interval after `backoff` probes: tcp_probe0_base = max(RTO, 200 ms),
 * doubled per probe, capped at 120 s (Linux tcp_probe0_when). Linux re-arms it when the probe's
 * ACK arrives, so successive probes are this interval plus one round trip apart.
 */
export function persistIntervalSec(rtoSec: number, backoff: number): number {
  const base = rtoSec > MIN_RTO_SEC ? rtoSec : MIN_RTO_SEC;
  const t = base * Math.pow(2, Math.min(backoff, MAX_PROBE_BACKOFF));
  return t < MAX_RTO_SEC ? t : MAX_RTO_SEC;
}
