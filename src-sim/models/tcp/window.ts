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
