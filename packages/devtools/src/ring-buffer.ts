// A fixed-capacity buffer that keeps the newest entries: what bounds the devtools' memory however long the app runs.

export class RingBuffer<T> {
  readonly capacity: number;
  #items: (T | undefined)[];
  /** Where the next item goes. */
  #next = 0;
  #size = 0;
  /** Every item ever pushed, the ones let go included. */
  #pushed = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a ring buffer's capacity must be an integer ≥ 1, got ${String(capacity)}`);
    }
    this.capacity = capacity;
    this.#items = new Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** How many items were pushed in all. */
  get pushed(): number {
    return this.#pushed;
  }

  /** How many items were let go to make room. */
  get dropped(): number {
    return this.#pushed - this.#size;
  }

  push(item: T): void {
    this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.#size + 1, this.capacity);
    this.#pushed += 1;
  }

  /** The items held, oldest first. */
  toArray(): T[] {
    const start = (this.#next - this.#size + this.capacity) % this.capacity;
    const out: T[] = new Array(this.#size);
    for (let i = 0; i < this.#size; i++) out[i] = this.#items[(start + i) % this.capacity] as T;
    return out;
  }

  clear(): void {
    this.#items = new Array(this.capacity);
    this.#next = 0;
    this.#size = 0;
  }
}
