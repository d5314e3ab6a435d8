/**
 * One TCP connection at the byte level: the sender (send buffer, SND.UNA / SND.NXT / SND.WND,
 * Nagle and sender silly-window avoidance, the persist timer), a link with a bandwidth and a
 * one-way delay of rtt / 2 each way, and the receiver (RCV.NXT, the receive buffer, delayed ACKs,
 * the advertised window and its right edge). It knows nothing of events: the application on top
 * (tcp.ts) writes bytes and tells the reader how fast to read and where to stop.
 *
 * Event set: the link's next transmission, the head of each pipe (segments to the receiver, ACKs
 * to the sender), the delayed-ACK timer, the persist timer, the reader's next milestone and the
 * receiver's once-a-round-trip buffer measure (receive autotuning). That is seven times; the next
 * event is their minimum (see {@link TcpConnection.nextSec}), so there is no heap and nothing is
 * allocated per segment.
 *
 * As Linux does it (sources in timers.ts and autotune.ts): the RTO is SRTT + rttvar with
 * rttvar >= 200 ms; the persist timer starts at max(RTO, 200 ms), doubles per probe up to 120 s and
 * restarts when the probe's ACK arrives; the receiver answers probes at most once per 500 ms; the
 * receive buffer grows once per round trip toward twice what the reader took (unless SO_RCVBUF);
 * the send buffer grows to 2 x cwnd x the memory of a segment as ACKs free room for a writer that
 * found it full (unless SO_SNDBUF), cwnd growing in slow start to twice the most segments in
 * flight; each segment occupies the link for its payload plus 78 B of TCP/IP and Ethernet
 * overhead. cwnd never limits sending (no loss, so no congestion control): it only sizes the send
 * buffer.
 *
 * The reader is a fluid: while it has an event to read it drains the receive buffer at a constant
 * rate, stalls when the buffer is empty, and stops at the end of its event. Its milestones are
 * that end and the moment its reading makes the receiver send a window update. RCV.USER is kept
 * as a small number (not as RCV.NXT - a read position of up to 1e12 bytes) so the window
 * arithmetic stays exact.
 */
import type { EventLog } from "../../engine/eventLog";
import { LADDER_ACK, LADDER_PROBE, LADDER_SEGMENT, LADDER_WINDOW_UPDATE, type TcpLadder } from "./ladder";
import { Pipe } from "./pipe";
import {
  INITIAL_CWND_SEGMENTS,
  RCVBUF_AUTOTUNE_MAX_BYTES,
  initialRcvSpaceBytes,
  rcvBufTargetBytes,
  sndBufTargetBytes,
  wireBytes,
} from "./autotune";
import { DELAYED_ACK_SEC, INVALID_RATELIMIT_SEC, RtoEstimator, persistIntervalSec } from "./timers";
import { selectWindow, updateFreeBytes } from "./window";

/** The connection's parameters (from the scenario). */
export interface TcpParams {
  /** Maximum segment size, bytes. */
  mss: number;
  /** Round-trip propagation delay, s (each direction takes half). */
  rttSec: number;
  /** Link bandwidth, bits/s (each segment's headers and framing take their share). */
  linkBitsPerSec: number;
  /** Receive buffer RCV.BUFF, bytes: the starting size with autotuning, else the fixed one (SO_RCVBUF). */
  rcvBufBytes: number;
  /** Grow the receive buffer with the reader (Linux tcp_moderate_rcvbuf), or keep it (SO_RCVBUF). */
  rcvBufAuto: boolean;
  /** Send buffer, bytes: it holds what is written and not yet acknowledged; the floor of autotuning. */
  sndBufBytes: number;
  /** Grow the send buffer with cwnd (Linux tcp_sndbuf_expand), or keep it (SO_SNDBUF). */
  sndBufAuto: boolean;
  /** Delay ACKs (every second full segment or 40 ms) or acknowledge every segment. */
  delayedAck: boolean;
}

/** {@link TcpConnection.step} result bit: the reader reached the end of its event. */
export const STEP_READ_DONE = 1;
/** {@link TcpConnection.step} result bit: an ACK advanced SND.UNA (the send buffer drained). */
export const STEP_ACKED = 2;
/** {@link TcpConnection.step} result bit: a data segment reached the receive buffer. */
export const STEP_DATA = 4;

/** Points at which an observer is called (tests check invariants there). */
export type TcpTraceKind =
  "segment-sent" | "segment-arrived" | "ack-sent" | "ack-arrived" | "probe" | "persist-reset" | "reader" | "rcvbuf";

/** A test hook: called after each change of the connection's state, with the time. */
export type TcpObserver = (kind: TcpTraceKind, conn: TcpConnection, nowSec: number) => void;

/** A copy of the connection's state (for tests and readouts). Bytes unless noted. */
export interface TcpSnapshot {
  sndUna: number;
  sndNxt: number;
  /** SND.WND: the window of the last ACK the sender received, from SND.UNA. */
  sndWnd: number;
  /** Bytes the application has written into the send buffer so far. */
  writeSeq: number;
  rcvNxt: number;
  /** RCV.USER: received, not yet read by the application. */
  rcvUser: number;
  /** RCV.WND: the window still open under the last advertised right edge. */
  rcvWnd: number;
  /** Last advertised right edge, RCV.NXT + RCV.WND at the last ACK. */
  rightEdge: number;
  rcvBuf: number;
  sndBuf: number;
  persistArmed: boolean;
  /** Interval of the armed persist timer (or of the last probe), s. */
  probeIntervalSec: number;
  persistBackoff: number;
  rtoSec: number;
}

/** The connection. Fields are public for reading (tests, samples); only its methods write them. */
export class TcpConnection {
  // Sender.
  /** Bytes written by the application (end of the send buffer's data). */
  writeSeq = 0;
  sndUna = 0;
  sndNxt = 0;
  sndWnd: number;
  /** Largest window the peer ever offered (sender silly-window avoidance). */
  maxSndWnd: number;
  /** The link is busy serialising until this time, s. */
  linkFreeSec = 0;
  /** When the sender next tries to transmit because the link frees, s (Infinity: no need). */
  linkEventSec = Infinity;
  persistSec = Infinity;
  persistBackoff = 0;
  /** The persist timer's interval as last armed (max(RTO, 200 ms) x 2^backoff, at most 120 s), s. */
  probeIntervalSec = 0;
  /** Send buffer in force, bytes (grows with autotuning). */
  sndBuf: number;
  /** Congestion window, segments: sizes the send buffer only (it never limits sending here). */
  cwnd = INITIAL_CWND_SEGMENTS;
  /** Most segments ever in flight (Linux max_packets_out; slow start grows cwnd to twice it). */
  private maxPacketsOut = 0;
  /** The writer found the send buffer full and waits for room (Linux SOCK_NOSPACE). */
  private noSpace = false;
  rto = new RtoEstimator();
  /** End of the segment being timed for an RTT sample (-1: none). */
  private timedSeq = -1;
  private timedSentSec = 0;

  // Receiver.
  rcvNxt = 0;
  /** RCV.NXT at the last ACK (Linux rcv_wup). */
  private rcvWup = 0;
  rightEdge: number;
  /** Window of the last ACK sent. */
  advWnd: number;
  /** Largest segment received so far (Linux's rcv_mss estimate for "every second full segment"). */
  private rcvMss = 0;
  delackSec = Infinity;
  /** Receive buffer in force, RCV.BUFF, bytes (grows with autotuning). */
  rcvBuf: number;
  /** Receive autotuning's last measure of the reader, bytes per round trip (Linux rcvq_space.space). */
  private rcvqSpace: number;
  /** Bytes read by the application at the last measure (Linux rcvq_space.seq). */
  private rcvqSeq = 0;
  /** When the next measure is due, s (Infinity: none: autotuning off, at its cap, or no reader). */
  spaceSec = Infinity;
  /** When the receiver last answered a zero-window probe, s. */
  private lastOowAckSec = -Infinity;
  /** Probes the receiver did not answer (tcp_invalid_ratelimit). */
  probeAcksRateLimited = 0;

  // Reader (the application's reads), as a fluid.
  /** RCV.USER: received and not yet read, bytes (as of `readSec`). */
  user = 0;
  private readSec: number;
  /** Reading speed, bytes/s (0: no event to read). */
  readRate = 0;
  /** Sequence number the reader stops at (the end of its event). */
  readLimit = 0;
  /** Next reader milestone, s, and RCV.USER there. */
  readerSec = Infinity;
  private readerUser = 0;
  /** Largest RCV.USER seen. */
  maxUser = 0;

  // The last arguments and value of updateFreeBytes (see updateFree); NaN: none yet.
  private freeCur = NaN;
  private freeRcvBuf = NaN;
  private freeMss = NaN;
  private freeBytes = NaN;

  private data = new Pipe(); // arrival, end sequence, length (0: a window probe)
  private acks = new Pipe(); // arrival, ACK number, window

  // Counts for the figures.
  segments = 0;
  acksSent = 0;
  probes = 0;
  zeroWindows = 0;
  windowUpdates = 0;

  /**
   * Records what goes on the wire for a detached replay's ladder (ladder.ts); null on every
   * live run and in every copy, so it costs one comparison per segment.
   */
  ladder: TcpLadder | null = null;

  private p: TcpParams;

  /** A connection, established and idle at `startSec`: its whole window offered by the peer at the start. */
  constructor(
    params: TcpParams,
    startSec: number,
    private log: EventLog,
    private observer?: TcpObserver,
  ) {
    this.p = { ...params };
    this.rcvBuf = params.rcvBufBytes;
    const w = selectWindow(params.rcvBufBytes, 0, params.mss, params.rcvBufBytes);
    this.sndWnd = w;
    this.maxSndWnd = w;
    this.rightEdge = w;
    this.advWnd = w;
    this.readSec = startSec;
    this.rcvqSpace = initialRcvSpaceBytes(w, params.mss);
    // tcp_init_buffer_space expands the send buffer for the initial cwnd at once.
    this.sndBuf = params.sndBufAuto
      ? Math.max(params.sndBufBytes, sndBufTargetBytes(this.cwnd, params.mss))
      : params.sndBufBytes;
  }

  /** A deep copy writing to `log` (for checkpoints). */
  clone(log: EventLog): TcpConnection {
    // Built by the constructor, then filled: the copy keeps the fast object shape.
    const c = Object.assign(new TcpConnection(this.p, this.readSec, log, this.observer), this);
    c.p = { ...this.p };
    c.log = log;
    c.data = this.data.clone();
    c.acks = this.acks.clone();
    c.rto = Object.assign(new RtoEstimator(), this.rto);
    c.ladder = null;
    return c;
  }

  /** Free room in the send buffer, bytes (0 when full, or over a buffer that shrank). */
  sendSpace(): number {
    const room = this.sndBuf - (this.writeSeq - this.sndUna);
    return room > 0 ? room : 0;
  }

  /** Size of the send buffer in force, bytes (after autotuning). */
  sendCapacity(): number {
    return this.sndBuf;
  }

  /** Bytes in the send buffer (written, not yet acknowledged). */
  sendUsed(): number {
    return this.writeSeq - this.sndUna;
  }

  /** Segments (and probes) on the wire to the receiver. */
  get segmentsOnWire(): number {
    return this.data.length;
  }

  /** ACKs on the wire to the sender. */
  get acksOnWire(): number {
    return this.acks.length;
  }

  /** Time of the next event, s (Infinity when idle). */
  nextSec(): number {
    let t = this.acks.headSec();
    const d = this.data.headSec();
    if (d < t) t = d;
    if (this.delackSec < t) t = this.delackSec;
    if (this.persistSec < t) t = this.persistSec;
    if (this.readerSec < t) t = this.readerSec;
    if (this.linkEventSec < t) t = this.linkEventSec;
    if (this.spaceSec < t) t = this.spaceSec;
    return t;
  }

  /**
   * Handles the event due at `nowSec` (ties: ACK arrival, segment arrival, delayed ACK, persist,
   * reader, link, buffer measure). Returns STEP_* bits for the application.
   */
  step(nowSec: number): number {
    if (this.acks.headSec() <= nowSec) return this.onAck(nowSec);
    if (this.data.headSec() <= nowSec) return this.onSegment(nowSec);
    if (this.delackSec <= nowSec) {
      this.sendAck(nowSec, false);
      return 0;
    }
    if (this.persistSec <= nowSec) {
      this.onPersist(nowSec);
      return 0;
    }
    if (this.readerSec <= nowSec) return this.onReader(nowSec);
    if (this.linkEventSec <= nowSec) {
      this.linkEventSec = Infinity;
      this.trySend(nowSec);
      return 0;
    }
    if (this.spaceSec <= nowSec) this.adjustRcvSpace(nowSec);
    return 0;
  }

  /** The application writes `bytes` (at most {@link sendSpace}) into the send buffer. */
  write(nowSec: number, bytes: number): void {
    this.writeSeq += bytes;
    if (this.sendSpace() === 0) this.noSpace = true;
    this.trySend(nowSec);
  }

  /**
   * The application reads at `rateBytesPerSec` from now on, up to sequence `limitSeq` (the end of
   * the event it is on); rate 0 stops it.
   */
  setReader(nowSec: number, rateBytesPerSec: number, limitSeq: number): void {
    this.syncReader(nowSec);
    this.readRate = rateBytesPerSec;
    this.readLimit = limitSeq;
    this.planReader();
    this.planSpace(nowSec);
    this.observer?.("reader", this, nowSec);
  }

  /** Bytes the reader has read past `seq` (negative before it), at `nowSec`. */
  readPast(nowSec: number, seq: number): number {
    return this.rcvNxt - seq - this.userAt(nowSec);
  }

  /** RCV.USER at `nowSec` (no state change). */
  userAt(nowSec: number): number {
    if (!(this.readRate > 0) || !(nowSec > this.readSec)) return this.user;
    const floor = this.rcvNxt > this.readLimit ? this.rcvNxt - this.readLimit : 0;
    const u = this.user - this.readRate * (nowSec - this.readSec);
    return u > floor ? u : floor;
  }

  /** Changes parameters from `nowSec` on; what is on the wire keeps its times. */
  setParams(nowSec: number, params: TcpParams): void {
    this.syncReader(nowSec);
    const wasAuto = this.p.rcvBufAuto;
    this.p = { ...params };
    // Autotuning keeps what it has grown; a fixed buffer (SO_RCVBUF, SO_SNDBUF) is what was set.
    this.rcvBuf = params.rcvBufAuto && wasAuto ? Math.max(this.rcvBuf, params.rcvBufBytes) : params.rcvBufBytes;
    this.sndBuf = params.sndBufAuto
      ? Math.max(this.sndBuf, params.sndBufBytes, sndBufTargetBytes(this.cwnd, params.mss))
      : params.sndBufBytes;
    this.planReader();
    this.planSpace(nowSec);
    this.trySend(nowSec);
  }

  /** A copy of the state at `nowSec`. */
  inspect(nowSec: number): TcpSnapshot {
    return {
      sndUna: this.sndUna,
      sndNxt: this.sndNxt,
      sndWnd: this.sndWnd,
      writeSeq: this.writeSeq,
      rcvNxt: this.rcvNxt,
      rcvUser: this.userAt(nowSec),
      rcvWnd: Math.max(0, this.rightEdge - this.rcvNxt),
      rightEdge: this.rightEdge,
      rcvBuf: this.rcvBuf,
      sndBuf: this.sndBuf,
      persistArmed: this.persistSec !== Infinity,
      probeIntervalSec: this.probeIntervalSec,
      persistBackoff: this.persistBackoff,
      rtoSec: this.rto.rtoSec,
    };
  }

  // ---------------------------------------------------------------- sender

  /**
   * Bytes the sender may put in one segment now, or 0. At most MSS, the usable window and the
   * unsent data; a short segment only when nothing is in flight (Nagle, on by default on Linux)
   * and it carries all unsent data or at least half the largest window offered (RFC 9293
   * 3.8.6.2.1, sender silly-window avoidance).
   */
  private sendable(): number {
    const mss = this.p.mss;
    const usable = this.sndUna + this.sndWnd - this.sndNxt;
    const unsent = this.writeSeq - this.sndNxt;
    let len = mss;
    if (usable < len) len = usable;
    if (unsent < len) len = unsent;
    if (len <= 0) return 0;
    if (len === mss) return len;
    if (this.sndNxt === this.sndUna && (len === unsent || 2 * len >= this.maxSndWnd)) return len;
    return 0;
  }

  private trySend(nowSec: number): void {
    if (this.linkFreeSec > nowSec) {
      this.linkEventSec = this.linkFreeSec;
      return;
    }
    this.linkEventSec = Infinity;
    const len = this.sendable();
    if (len > 0) {
      this.transmit(nowSec, len);
    } else if (this.sndNxt === this.sndUna && this.writeSeq > this.sndNxt && this.persistSec === Infinity) {
      // Data waits, nothing is in flight to bring an ACK: only the persist timer can move it
      // (tcp_check_probe_timer: armed at tcp_probe0_base).
      this.probeIntervalSec = persistIntervalSec(this.rto.rtoSec, this.persistBackoff);
      this.persistSec = nowSec + this.probeIntervalSec;
    }
  }

  private transmit(nowSec: number, len: number): void {
    const end = this.sndNxt + len;
    this.linkFreeSec = nowSec + (wireBytes(len) * 8) / this.p.linkBitsPerSec;
    this.data.push(this.linkFreeSec + this.p.rttSec / 2, end, len);
    this.ladder?.add(LADDER_SEGMENT, nowSec, this.linkFreeSec + this.p.rttSec / 2, this.sndNxt, len, NaN, NaN);
    if (this.timedSeq < 0) {
      this.timedSeq = end;
      this.timedSentSec = nowSec;
    }
    this.sndNxt = end;
    this.segments++;
    const packetsOut = Math.ceil((this.sndNxt - this.sndUna) / this.p.mss);
    if (packetsOut > this.maxPacketsOut) this.maxPacketsOut = packetsOut;
    if (this.writeSeq > end) this.linkEventSec = this.linkFreeSec;
    if (this.persistSec !== Infinity || this.persistBackoff > 0) {
      // Sending again ends the persist episode (Linux resets the backoff once packets are out).
      this.persistSec = Infinity;
      this.persistBackoff = 0;
      this.observer?.("persist-reset", this, nowSec);
    }
    this.observer?.("segment-sent", this, nowSec);
  }

  private onAck(nowSec: number): number {
    const ack = this.acks.headA();
    const wnd = this.acks.headB();
    this.acks.pop();
    let flags = 0;
    const nothingInFlight = this.sndNxt === this.sndUna;
    if (ack > this.sndUna) {
      const ackedSegments = Math.ceil((ack - this.sndUna) / this.p.mss);
      this.sndUna = ack;
      flags = STEP_ACKED;
      if (this.timedSeq >= 0 && ack >= this.timedSeq) {
        this.rto.sample(nowSec - this.timedSentSec, this.sndUna, this.sndNxt);
        this.timedSeq = -1;
      }
      // Slow start (tcp_slow_start), only while cwnd-limited: below twice the most in flight
      // (tcp_is_cwnd_limited). No loss ever ends it.
      if (this.cwnd < 2 * this.maxPacketsOut) this.cwnd += ackedSegments;
      if (this.noSpace) this.newSpace();
    }
    // ACKs arrive in order, so each one's window is the newest (no SND.WL1/WL2 check needed).
    this.sndWnd = wnd;
    if (wnd > this.maxSndWnd) this.maxSndWnd = wnd;
    if (nothingInFlight && this.persistSec !== Infinity) {
      // The probe's ACK (tcp_ack_probe): if the waiting data still does not fit, the timer
      // restarts from now with the current backoff; if it fits, trySend sends it and that ends
      // the persist episode.
      const usable = this.sndUna + this.sndWnd - this.sndNxt;
      const unsent = this.writeSeq - this.sndNxt;
      if (usable < Math.min(this.p.mss, unsent)) {
        this.probeIntervalSec = persistIntervalSec(this.rto.rtoSec, this.persistBackoff);
        this.persistSec = nowSec + this.probeIntervalSec;
      }
    }
    this.trySend(nowSec);
    this.observer?.("ack-arrived", this, nowSec);
    return flags;
  }

  /**
   * An ACK freed room for a writer that had found the buffer full (tcp_new_space): grow the send
   * buffer to 2 x cwnd x the memory of a segment unless cwnd is full (tcp_should_expand_sndbuf);
   * the writer is woken (SOCK_NOSPACE cleared) once the buffer is at most 2/3 full.
   */
  private newSpace(): void {
    const inFlight = Math.ceil((this.sndNxt - this.sndUna) / this.p.mss);
    if (this.p.sndBufAuto && inFlight < this.cwnd) {
      const target = sndBufTargetBytes(this.cwnd, this.p.mss);
      if (target > this.sndBuf) this.sndBuf = target;
    }
    if (3 * this.sendUsed() <= 2 * this.sndBuf) this.noSpace = false;
  }

  /**
   * The persist timer: send what the window allows if it is open (Linux `tcp_write_wakeup`), else a
   * zero-window probe carrying no new data (Linux sends SND.UNA - 1), and double the interval
   * (tcp_send_probe0; the probe's ACK restarts the timer, see onAck).
   */
  private onPersist(nowSec: number): void {
    this.probes++;
    this.observer?.("probe", this, nowSec);
    const usable = this.sndUna + this.sndWnd - this.sndNxt;
    const unsent = this.writeSeq - this.sndNxt;
    if (usable > 0 && unsent > 0 && !(this.linkFreeSec > nowSec)) {
      // Data goes out: transmit() ends the persist episode (the timer is still armed for it to see).
      this.log.add(nowSec, "probe", 0);
      this.transmit(nowSec, Math.min(this.p.mss, usable, unsent));
      return;
    }
    const departSec = this.linkFreeSec > nowSec ? this.linkFreeSec : nowSec;
    this.data.push(departSec + this.p.rttSec / 2, this.sndUna, 0);
    this.persistBackoff++;
    this.probeIntervalSec = persistIntervalSec(this.rto.rtoSec, this.persistBackoff);
    this.persistSec = nowSec + this.probeIntervalSec;
    this.ladder?.add(
      LADDER_PROBE,
      departSec,
      departSec + this.p.rttSec / 2,
      this.sndUna,
      0,
      NaN,
      this.probeIntervalSec,
    );
    // The event carries the wait before the next probe (from the probe's ACK, if one comes).
    this.log.add(nowSec, "probe", this.probeIntervalSec);
  }

  // ---------------------------------------------------------------- receiver

  private onSegment(nowSec: number): number {
    const end = this.data.headA();
    const len = this.data.headB();
    this.data.pop();
    this.syncReader(nowSec);
    if (len === 0) {
      // A window probe is an old, data-less segment: answered with the current window, but at
      // most once per tcp_invalid_ratelimit (tcp_oow_rate_limited).
      if (nowSec - this.lastOowAckSec < INVALID_RATELIMIT_SEC) {
        this.probeAcksRateLimited++;
        return 0;
      }
      this.lastOowAckSec = nowSec;
      this.sendAck(nowSec, false);
      return 0;
    }
    this.rcvNxt = end;
    this.user += len;
    if (this.user > this.maxUser) this.maxUser = this.user;
    if (len > this.rcvMss) this.rcvMss = len;
    if (!this.p.delayedAck || this.rcvNxt - this.rcvWup > this.rcvMss) {
      this.sendAck(nowSec, false);
    } else {
      if (this.delackSec === Infinity) this.delackSec = nowSec + DELAYED_ACK_SEC;
      this.planReader();
    }
    this.observer?.("segment-arrived", this, nowSec);
    return STEP_DATA;
  }

  /** Sends an ACK for everything received, with the window the rules allow now. */
  private sendAck(nowSec: number, update: boolean): void {
    this.syncReader(nowSec);
    const cur = this.rightEdge > this.rcvNxt ? this.rightEdge - this.rcvNxt : 0;
    const wnd = selectWindow(this.rcvBuf - this.user, cur, this.p.mss, this.rcvBuf);
    if (wnd === 0 && this.advWnd > 0) {
      this.zeroWindows++;
      this.log.add(nowSec, "zero-window", 0);
    }
    this.rightEdge = this.rcvNxt + wnd;
    this.advWnd = wnd;
    this.rcvWup = this.rcvNxt;
    this.delackSec = Infinity;
    this.acks.push(nowSec + this.p.rttSec / 2, this.rcvNxt, wnd);
    this.ladder?.add(
      update ? LADDER_WINDOW_UPDATE : LADDER_ACK,
      nowSec,
      nowSec + this.p.rttSec / 2,
      this.rcvNxt,
      0,
      wnd,
      NaN,
    );
    this.acksSent++;
    if (update) {
      this.windowUpdates++;
      this.log.add(nowSec, "window-update", wnd);
    }
    this.planReader();
    this.observer?.("ack-sent", this, nowSec);
  }

  // ---------------------------------------------------------------- reader

  /**
   * {@link updateFreeBytes} for the open window `cur` under the buffer and MSS in force, from a
   * one-entry cache: the reader plans with it at every arrival, ACK and read, and `cur`, the
   * buffer and the MSS rarely change between two of them. A pure function's value: exact.
   */
  private updateFree(cur: number): number {
    const mss = this.p.mss;
    if (cur !== this.freeCur || this.rcvBuf !== this.freeRcvBuf || mss !== this.freeMss) {
      this.freeCur = cur;
      this.freeRcvBuf = this.rcvBuf;
      this.freeMss = mss;
      this.freeBytes = updateFreeBytes(cur, mss, this.rcvBuf);
    }
    return this.freeBytes;
  }

  /** Brings RCV.USER up to `nowSec` (reading stalls when the buffer is empty or the event ends). */
  private syncReader(nowSec: number): void {
    this.user = this.userAt(nowSec);
    this.readSec = nowSec;
  }

  /**
   * Schedules the reader's next milestone from the state now (called after every change of
   * RCV.NXT, the right edge, the rate or the limit): the end of its event, or the point where its
   * reading makes the receiver send a window update, whichever comes first.
   */
  private planReader(): void {
    this.readerSec = Infinity;
    if (!(this.readRate > 0)) return;
    const done = this.rcvNxt >= this.readLimit;
    const floor = done ? this.rcvNxt - this.readLimit : 0;
    let target = done ? floor : -1;
    const cur = this.rightEdge > this.rcvNxt ? this.rightEdge - this.rcvNxt : 0;
    const free = this.updateFree(cur);
    if (free !== Infinity) {
      const u = this.rcvBuf - free;
      if (u >= floor && u > target) target = u;
    }
    if (target < 0) return;
    this.readerUser = target;
    const dt = (this.user - target) / this.readRate;
    this.readerSec = dt > 0 ? this.readSec + dt : this.readSec;
  }

  private onReader(nowSec: number): number {
    // The milestone is exact: set RCV.USER to it rather than to the rate's rounded product.
    if (this.user > this.readerUser) this.user = this.readerUser;
    this.readSec = nowSec;
    this.readerSec = Infinity;
    const cur = this.rightEdge > this.rcvNxt ? this.rightEdge - this.rcvNxt : 0;
    const free = this.updateFree(cur);
    if (free !== Infinity && this.rcvBuf - this.user >= free) this.sendAck(nowSec, true);
    // At the end of its event the reader waits for the application's next setReader().
    if (this.rcvNxt >= this.readLimit && this.user <= this.rcvNxt - this.readLimit) return STEP_READ_DONE;
    this.planReader();
    this.observer?.("reader", this, nowSec);
    return 0;
  }

  // ---------------------------------------------------------------- receive autotuning

  /** Schedules the next measure of the reader, one receiver RTT after the last (none when off or capped). */
  private planSpace(nowSec: number): void {
    if (!this.p.rcvBufAuto || this.rcvBuf >= RCVBUF_AUTOTUNE_MAX_BYTES || !(this.readRate > 0)) {
      this.spaceSec = Infinity;
      return;
    }
    if (this.spaceSec === Infinity) {
      // A new measure starts when the reader does (tcp_rcv_space_adjust runs at its reads).
      this.rcvqSeq = this.rcvNxt - this.userAt(nowSec);
      this.spaceSec = nowSec + this.p.rttSec;
    }
  }

  /**
   * tcp_rcv_space_adjust, once per receiver RTT while the application reads (the receiver's RTT
   * estimate is taken as the path's `rtt`): `copied` is what it read since the last measure minus
   * what still waits in the queue; if that beats the last measure, the buffer grows toward
   * {@link rcvBufTargetBytes}, and a window that can now open much further is advertised at once.
   */
  private adjustRcvSpace(nowSec: number): void {
    this.syncReader(nowSec);
    const copiedSeq = this.rcvNxt - this.user;
    const copied = copiedSeq - this.rcvqSeq - this.user;
    if (copied > this.rcvqSpace) {
      const target = rcvBufTargetBytes(copied, this.rcvqSpace, this.p.rttSec);
      this.rcvqSpace = copied;
      if (target > this.rcvBuf) {
        this.rcvBuf = Math.floor(target);
        const cur = this.rightEdge > this.rcvNxt ? this.rightEdge - this.rcvNxt : 0;
        const free = this.updateFree(cur);
        if (free !== Infinity && this.rcvBuf - this.user >= free) this.sendAck(nowSec, true);
        else this.planReader();
        this.observer?.("rcvbuf", this, nowSec);
      }
    }
    this.rcvqSeq = copiedSeq;
    this.spaceSec = Infinity;
    this.planSpace(nowSec);
  }
}
