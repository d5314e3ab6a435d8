/**
 * Linux's socket-buffer autotuning and the wire overhead of a segment, as pure functions of byte
 * counts (tests pin them; the connection applies them).
 *
 * Receive side ("dynamic right-sizing", net/ipv4/tcp_input.c, tcp_rcv_space_adjust and
 * tcp_rcvbuf_grow, Linux 6.x): once per receiver round trip, with `copied` the bytes the
 * application read in it minus what still waits in the queue, if `copied` beat the previous
 * measure the buffer grows to twice it, plus a slow-start allowance, up to tcp_rmem[2] (6 MiB);
 * setsockopt(SO_RCVBUF) locks it (SOCK_RCVBUF_LOCK).
 *
 * Send side (tcp_input.c, tcp_sndbuf_expand, called at connection start and, via tcp_new_space,
 * when an ACK frees room for a writer that found the buffer full): sk_sndbuf = 2 x cwnd x the
 * memory of one segment, up to tcp_wmem[2] (4 MiB); setsockopt(SO_SNDBUF) locks it.
 */

/** tcp_rmem[2]: the most receive autotuning grows the buffer to, bytes (Linux default 6 MiB). */
export const RCVBUF_AUTOTUNE_MAX_BYTES = 6 * 1024 * 1024;
/** tcp_wmem[2]: the most send autotuning grows the buffer to, bytes (Linux default 4 MiB). */
export const SNDBUF_AUTOTUNE_MAX_BYTES = 4 * 1024 * 1024;
/** TCP_INIT_CWND: the initial congestion window, segments (RFC 6928). */
export const INITIAL_CWND_SEGMENTS = 10;
/** tcp_rcvbuf_low_rtt: below this receiver RTT the growth allowance is scaled down, s (1 ms). */
export const RCVBUF_LOW_RTT_SEC = 0.001;

/** IPv4 (RFC 791) and TCP (RFC 9293) headers without options, bytes per segment. */
export const TCP_IP_HEADER_BYTES = 40;
/** Ethernet framing: 14 B header, 4 B FCS, 8 B preamble and SFD, 12 B interframe gap (IEEE 802.3). */
export const ETHERNET_FRAMING_BYTES = 38;
/** What a segment costs on the link beyond its payload, bytes (TCP timestamps' 12 B not included). */
export const WIRE_OVERHEAD_BYTES = TCP_IP_HEADER_BYTES + ETHERNET_FRAMING_BYTES;

/** Bytes a segment of `payloadBytes` occupies on the link. */
export function wireBytes(payloadBytes: number): number {
  return payloadBytes + WIRE_OVERHEAD_BYTES;
}

/**
 * tcp_init_buffer_space: the first measure of the reader, min(the initial window, 10 segments).
 */
export function initialRcvSpaceBytes(initialWindowBytes: number, mss: number): number {
  return Math.min(initialWindowBytes, INITIAL_CWND_SEGMENTS * mss);
}

/**
 * tcp_rcvbuf_grow: the buffer asked for after a round trip in which the reader took `copied`
 * bytes where it had taken `previous` (copied > previous > 0), on a path of `rttSec`. Twice
 * `copied` ("DRS is always one RTT late"), plus an allowance for a sender still doubling its rate:
 * 2 x that x (copied - previous) / previous, or, below 1 ms of RTT, that x rtt / 1 ms. At most
 * tcp_rmem[2]. (Linux sizes the buffer's memory from the window by the payload-to-truesize ratio;
 * here the buffer is all payload.)
 */
export function rcvBufTargetBytes(copied: number, previous: number, rttSec: number): number {
  const rcvwin = 2 * copied;
  const grow =
    rttSec < RCVBUF_LOW_RTT_SEC
      ? (rcvwin * rttSec) / RCVBUF_LOW_RTT_SEC
      : (2 * rcvwin * (copied - previous)) / previous;
  return Math.min(rcvwin + grow, RCVBUF_AUTOTUNE_MAX_BYTES);
}

/**
 * Memory one segment of `mss` takes in the send queue, bytes (tcp_sndbuf_expand's per_mss on
 * x86-64): roundup_pow_of_two(mss + MAX_TCP_HEADER 320 + skb_shared_info 320) + sk_buff 256.
 * 4,352 B at MSS 1,460.
 */
export function perSegmentMemoryBytes(mss: number): number {
  const head = mss + 320 + 320;
  // roundup_pow_of_two by doubling: exact, and the same in every engine (no Math.log2/pow).
  let pow2 = 1;
  while (pow2 < head) pow2 *= 2;
  return pow2 + 256;
}

/** tcp_sndbuf_expand: 2 x cwnd x per-segment memory, at most tcp_wmem[2], bytes. */
export function sndBufTargetBytes(cwndSegments: number, mss: number): number {
  return Math.min(2 * cwndSegments * perSegmentMemoryBytes(mss), SNDBUF_AUTOTUNE_MAX_BYTES);
}
