/**
 * The receiver's window rules (RFC 9293 section 3.8.6.2.2; Linux `__tcp_select_window` and
 * `tcp_cleanup_rbuf`), as pure functions of byte counts so that tests can pin them exactly.
 *
 * Terms: RCV.BUFF is the receive buffer (`rcvBufBytes`), RCV.USER the bytes received and not yet
 * read, free = RCV.BUFF - RCV.USER, and `curWnd` the window still open under the last advertised
 * right edge (right edge - RCV.NXT). All sizes are bytes.
 */

/**
 * The unit the advertised window is rounded down to: the MSS, or the whole buffer when the buffer
 * is smaller (Linux clamps the MSS to the buffer for this, or the window would always round to 0).
 */
export function windowUnit(mss: number, rcvBufBytes: number): number {
  return mss < rcvBufBytes ? mss : rcvBufBytes;
}

/** The largest window the receiver ever advertises: RCV.BUFF rounded down to the unit. */
export function maxWindow(mss: number, rcvBufBytes: number): number {
  const u = windowUnit(mss, rcvBufBytes);
  return Math.floor(rcvBufBytes / u) * u;
}

/** Receiver silly-window avoidance: the window opens only by at least min(RCV.BUFF / 2, MSS). */
export function swsThreshold(mss: number, rcvBufBytes: number): number {
  const half = rcvBufBytes / 2;
  return mss < half ? mss : half;
}

/**
 * The window to advertise now. The right edge stays where it is (the window is `curWnd`) until
 * the free space exceeds it by the silly-window threshold; then the window is the free space
 * rounded down to the unit, but never less than `curWnd` (the right edge never moves left).
 */
export function selectWindow(freeBytes: number, curWnd: number, mss: number, rcvBufBytes: number): number {
  if (freeBytes - curWnd >= swsThreshold(mss, rcvBufBytes)) {
    const u = windowUnit(mss, rcvBufBytes);
    const w = Math.floor(freeBytes / u) * u;
    return w > curWnd ? w : curWnd;
  }
  return curWnd;
}

/**
 * The free space at which the application's reading makes the receiver send a window update at
 * once (Linux `tcp_cleanup_rbuf`): the open window is at most half the largest one, and the window
 * it would advertise is non-zero and at least twice the open one (this covers "reopens from
 * zero"). Infinity when no amount of reading can trigger it while `curWnd` holds.
 */
export function updateFreeBytes(curWnd: number, mss: number, rcvBufBytes: number): number {
  if (2 * curWnd > maxWindow(mss, rcvBufBytes)) return Infinity;
  const u = windowUnit(mss, rcvBufBytes);
  const need = 2 * curWnd > 1 ? 2 * curWnd : 1;
  const rounded = Math.ceil(need / u) * u;
  const opening = curWnd + swsThreshold(mss, rcvBufBytes);
  const free = rounded > opening ? rounded : opening;
  return free <= rcvBufBytes ? free : Infinity;
}

/** Linux's send-buffer ceiling for autotuning (net.ipv4.tcp_wmem max), bytes. */
export const SNDBUF_AUTOTUNE_MAX_BYTES = 4 * 1024 * 1024;

/**
 * The send buffer in force, bytes. Linux autotunes sk_sndbuf upwards (tcp_sndbuf_expand) to about
 * twice what a full window needs, capped at tcp_wmem's maximum; without congestion control the
 * window is the receiver's, so we take max(sndBuf, min(4 MiB, 2 x rcvBuf)). With autotuning off
 * (as after setsockopt(SO_SNDBUF)) the buffer stays at `sndBuf`.
 */
export function effectiveSndBufBytes(sndBuf: number, rcvBuf: number, autotune: boolean): number {
  return autotune ? Math.max(sndBuf, Math.min(SNDBUF_AUTOTUNE_MAX_BYTES, 2 * rcvBuf)) : sndBuf;
}
