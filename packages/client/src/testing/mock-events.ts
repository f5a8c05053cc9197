// What the mock server tells its observers: every connection, client frame and close, to listeners and to waiters.
import type { MockServerEvent } from './mock-connection.js';

export class MockEvents {
  #listeners = new Set<(event: MockServerEvent) => void>();

  /** Calls `listener` for every event; returns the unsubscribe. */
  on(listener: (event: MockServerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The next event that matches `predicate`. */
  waitFor(predicate: (event: MockServerEvent) => boolean): Promise<MockServerEvent> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (!predicate(event)) return;
        off();
        resolve(event);
      });
    });
  }

  emit(event: MockServerEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}
