/**
 * Sizes of the events in the byte stream, oldest first, as runs of equal sizes: `eventBytes` only
 * changes with the scenario, so the list is one run almost always and costs nothing per event.
 */
export class EventSizes {
  private bytes: number[] = [];
  private counts: number[] = [];
  private head = 0;

  /** Appends one event of `bytes`. */
  push(bytes: number): void {
    const n = this.bytes.length;
    if (n > this.head && this.bytes[n - 1] === bytes) {
      this.counts[n - 1]++;
    } else {
      this.bytes.push(bytes);
      this.counts.push(1);
    }
  }

  /** Size of the oldest event, bytes (undefined behaviour when empty). */
  first(): number {
    return this.bytes[this.head];
  }

  /** Removes the oldest event. */
  shift(): void {
    if (--this.counts[this.head] > 0) return;
    this.head++;
    if (this.head === this.bytes.length) {
      this.bytes.length = 0;
      this.counts.length = 0;
      this.head = 0;
    }
  }

  /** A deep copy (for checkpoints). */
  clone(): EventSizes {
    const c = new EventSizes();
    c.bytes = this.bytes.slice();
    c.counts = this.counts.slice();
    c.head = this.head;
    return c;
  }
}
