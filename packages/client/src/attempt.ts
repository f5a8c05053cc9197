// One connection attempt: its URL (the token included) is built, then its socket opens, all within connectTimeoutMs,
// so that a token function that never settles cannot hold the client in `connecting` for ever.
import type { TimerHandle, Timers } from './timers.js';

export interface AttemptEvents {
  /** The URL is ready: the socket may be made. */
  onUrl(url: string): void;
  /** Building the URL failed (`code`: the error's string `code`, else `url`). */
  onFailed(code: string, reason: string): void;
  /** `opened()` did not come within the deadline. */
  onTimeout(reason: string): void;
}

export interface Attempt {
  /** The socket opened: the deadline is over. */
  opened(): void;
  /** Nothing more comes from this attempt. */
  cancel(): void;
}

export function startAttempt(
  buildUrl: () => Promise<string>,
  deps: { readonly timers: Timers; readonly connectTimeoutMs: number },
  events: AttemptEvents,
): Attempt {
  const { timers, connectTimeoutMs } = deps;
  /** Whether the URL being built is still wanted. */
  let building = true;
  let deadline: TimerHandle | null = timers.setTimeout(() => {
    deadline = null;
    building = false;
    events.onTimeout(`the socket did not open within ${connectTimeoutMs} ms`);
  }, connectTimeoutMs);
  const clearDeadline = () => {
    if (deadline !== null) timers.clearTimeout(deadline);
    deadline = null;
  };
  buildUrl().then(
    (url) => {
      if (!building) return;
      building = false;
      events.onUrl(url);
    },
    (error: unknown) => {
      if (!building) return;
      building = false;
      clearDeadline();
      const code = (error as { code?: unknown } | null)?.code;
      events.onFailed(typeof code === 'string' ? code : 'url', error instanceof Error ? error.message : String(error));
    },
  );
  return {
    opened: clearDeadline,
    cancel() {
      building = false;
      clearDeadline();
    },
  };
}
