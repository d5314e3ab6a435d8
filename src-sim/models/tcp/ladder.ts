/**
 * The ladder of a short span of a TCP run: each data segment, zero-window probe and ACK the
 * connection sent, with its departure and arrival times, its sequence or ACK number, its length
 * and the window it carries. The page draws it as the textbook ladder diagram (issue 15).
 *
 * Why a recorder of its own: the samples hold SND.UNA, SND.NXT and the window at each sample
 * instant, and the event log holds only zero windows, probes and window updates (kept at most
 * 1,000 a kind), so neither says which segment left when. Segments cannot be logged on every run
 * either: at the defaults the connection sends about 34,000 segments a second. So the record is
 * made on demand, for one span, by the worker's detached replay of a zoomed window
 * (Timeline.fineWindow), never by the live run or on the page: the replay is the run itself,
 * from its checkpoint, so the ladder is the run's own segments, bit for bit, and the same span
 * always gives the same ladder. It keeps the first {@link MAX_LADDER_RECORDS} records of the span
 * and counts the rest, so its size and the page's drawing stay bounded whatever the span.
 */

/** A data segment (a probe sent while the window is open carries data and is one too). */
export const LADDER_SEGMENT = 0;
/** An ACK (it answers data, or a zero-window probe). */
export const LADDER_ACK = 1;
/** An ACK the receiver sent because the reader opened the window (a window update). */
export const LADDER_WINDOW_UPDATE = 2;
/** A zero-window probe: a segment carrying no new data, sent by the persist timer. */
export const LADDER_PROBE = 3;

/** Most records one ladder keeps: enough for a few round trips, few enough to draw on a phone. */
export const MAX_LADDER_RECORDS = 240;

/** A ladder as columns (structured-clone friendly: it crosses from the worker to the page). */
export interface LadderTrace {
  /** The span asked for, s. */
  fromSec: number;
  toSec: number;
  /** Records in the span, kept or not. */
  total: number;
  /** Records kept (the first ones, in order of departure): min(total, cap). */
  count: number;
  /** LADDER_SEGMENT, LADDER_ACK, LADDER_WINDOW_UPDATE or LADDER_PROBE. */
  kind: Uint8Array;
  /** Departure from the sender's side (segments, probes) or the receiver's (ACKs), s. */
  sentSec: Float64Array;
  /** Arrival at the other side, s. */
  arrivesSec: Float64Array;
  /** Segment: first byte's sequence number; probe: SND.UNA; ACK: the ACK number (RCV.NXT). */
  seq: Float64Array;
  /** Payload bytes (0 for ACKs and probes). */
  lenBytes: Float64Array;
  /** The window an ACK advertises, bytes (NaN for segments and probes). */
  windowBytes: Float64Array;
  /** A probe's wait before the next one, s, the persist timer's backoff (NaN for the others). */
  nextProbeSec: Float64Array;
}

/** Records one span's segments and ACKs (see the file comment). */
export class TcpLadder {
  private n = 0;
  private seen = 0;
  private readonly kind: Uint8Array;
  private readonly sent: Float64Array;
  private readonly arrives: Float64Array;
  private readonly seqs: Float64Array;
  private readonly lens: Float64Array;
  private readonly wnds: Float64Array;
  private readonly next: Float64Array;

  /** A recorder of what leaves during [`fromSec`, `toSec`], keeping at most `cap` records. */
  constructor(
    readonly fromSec: number,
    readonly toSec: number,
    readonly cap = MAX_LADDER_RECORDS,
  ) {
    const size = Math.max(0, Math.floor(cap));
    this.kind = new Uint8Array(size);
    this.sent = new Float64Array(size);
    this.arrives = new Float64Array(size);
    this.seqs = new Float64Array(size);
    this.lens = new Float64Array(size);
    this.wnds = new Float64Array(size);
    this.next = new Float64Array(size);
  }

  /**
   * The connection sent something at `sentSec` that arrives at `arrivesSec`. It counts when it
   * leaves within the span (both ends included); it may arrive after the span. (What left before
   * the span and is still on the wire is left out: on a busy connection it would fill the cap
   * before the span begins.)
   */
  add(
    kind: number,
    sentSec: number,
    arrivesSec: number,
    seq: number,
    lenBytes: number,
    windowBytes: number,
    nextProbeSec: number,
  ): void {
    if (sentSec > this.toSec || sentSec < this.fromSec) return;
    this.seen++;
    const i = this.n;
    if (i >= this.kind.length) return;
    this.kind[i] = kind;
    this.sent[i] = sentSec;
    this.arrives[i] = arrivesSec;
    this.seqs[i] = seq;
    this.lens[i] = lenBytes;
    this.wnds[i] = windowBytes;
    this.next[i] = nextProbeSec;
    this.n = i + 1;
  }

  /** The ladder recorded so far (copies: the recorder may go on). */
  result(): LadderTrace {
    const n = this.n;
    return {
      fromSec: this.fromSec,
      toSec: this.toSec,
      total: this.seen,
      count: n,
      kind: this.kind.slice(0, n),
      sentSec: this.sent.slice(0, n),
      arrivesSec: this.arrives.slice(0, n),
      seq: this.seqs.slice(0, n),
      lenBytes: this.lens.slice(0, n),
      windowBytes: this.wnds.slice(0, n),
      nextProbeSec: this.next.slice(0, n),
    };
  }
}
