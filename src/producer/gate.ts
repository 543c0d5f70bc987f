/**
 * The send gate: caps un-acknowledged messages and admits waiting work in
 * call order.
 *
 * @packageDocumentation
 */

/** Work waiting at the gate. */
export interface GateItem {
  /** Messages this item puts in flight. */
  units: number;
  /** False while the item is not ready to go (e.g. an async serializer is running). */
  ready: boolean;
  /** Set when the item was withdrawn (failed before admission); skipped. */
  dead: boolean;
  /** Called on admission, after the units were taken. */
  go(): void;
  /** Called when the gate is shut with the item still waiting. */
  fail(error: Error): void;
}

/**
 * A counting gate with a FIFO of waiting items.
 *
 * @remarks
 * An item is admitted when it is at the head of the queue, ready, and its
 * units fit under `max` — or when nothing is in flight (so an item larger
 * than `max` still goes, alone). Items are admitted strictly in the order
 * they were queued: a ready item never overtakes one that is not ready yet,
 * which keeps `send()` order when serializers are asynchronous.
 * Single-threaded (JS thread), no timers.
 */
export class SendGate {
  readonly #max: number;
  #inFlight = 0;
  #queue: GateItem[] = [];
  #head = 0;

  /** @param max - the most units in flight at once (≥ 1). */
  constructor(max: number) {
    this.#max = Math.max(1, Math.floor(max));
  }

  /** The cap. */
  get max(): number {
    return this.#max;
  }

  /** Units taken and not yet released. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Items waiting (including withdrawn ones not yet skipped). */
  get waiting(): number {
    return this.#queue.length - this.#head;
  }

  /**
   * Takes `units` at once if nothing is queued and they fit; returns whether it did.
   * The caller then proceeds without queueing anything (the hot path).
   */
  tryTake(units: number): boolean {
    if (this.#head !== this.#queue.length) return false;
    if (this.#inFlight !== 0 && this.#inFlight + units > this.#max) return false;
    this.#inFlight += units;
    return true;
  }

  /** Queues an item; it is admitted by {@link SendGate.pump} (called here once). */
  enqueue(item: GateItem): void {
    this.#queue.push(item);
    this.pump();
  }

  /** Gives back units (messages acknowledged or failed) and admits what now fits. */
  release(units: number): void {
    this.#inFlight -= units;
    if (this.#inFlight < 0) this.#inFlight = 0;
    this.pump();
  }

  /** Admits ready items from the head while they fit. */
  pump(): void {
    while (this.#head < this.#queue.length) {
      const item = this.#queue[this.#head];
      if (item.dead) {
        this.#head++;
        continue;
      }
      if (!item.ready) break;
      if (this.#inFlight !== 0 && this.#inFlight + item.units > this.#max) break;
      this.#head++;
      this.#inFlight += item.units;
      item.go();
    }
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Fails every waiting item (close, abort) and empties the queue. */
  failAll(error: Error): void {
    const items = this.#queue.slice(this.#head);
    this.#queue = [];
    this.#head = 0;
    for (const item of items) if (!item.dead) item.fail(error);
  }
}
