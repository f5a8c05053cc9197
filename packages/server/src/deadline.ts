// Bounds every data-source call (and every `authorize`) by a timeout: a slower answer counts as a failure, and `close`
// ends the waits at shutdown so that no timer outlives the service.
import type { Scheduler } from './scheduler.js';

export interface Deadlines {
  /** Runs `task`, failing with a `DeadlineError` naming `what` if it has not settled in time. */
  run<T>(what: string, task: () => Promise<T>): Promise<T>;
  /** Fails every pending run, and every later one without starting its task. */
  close(reason: string): void;
}

export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

export function createDeadlines(timeoutMs: number, scheduler: Scheduler): Deadlines {
  const pending = new Set<{ cancel: () => void; fail: (error: Error) => void }>();
  let closedBecause: string | null = null;
  return {
    run<T>(what: string, task: () => Promise<T>): Promise<T> {
      if (closedBecause !== null) return Promise.reject(new DeadlineError(`${what} not started: ${closedBecause}`));
      return new Promise<T>((resolve, reject) => {
        const entry = {
          cancel: scheduler.schedule(() => {
            pending.delete(entry);
            reject(new DeadlineError(`${what} did not answer within ${timeoutMs} ms`));
          }, timeoutMs),
          fail: reject,
        };
        pending.add(entry);
        const settle = (done: () => void) => {
          if (!pending.delete(entry)) return;
          entry.cancel();
          done();
        };
        let answer: Promise<T>;
        try {
          answer = Promise.resolve(task());
        } catch (error) {
          answer = Promise.reject(error);
        }
        answer.then(
          (value) => settle(() => resolve(value)),
          (error: unknown) => settle(() => reject(error)),
        );
      });
    },
    close(reason) {
      closedBecause = reason;
      for (const entry of pending) {
        entry.cancel();
        entry.fail(new DeadlineError(reason));
      }
      pending.clear();
    },
  };
}
