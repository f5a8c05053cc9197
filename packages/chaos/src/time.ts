// The chaos tests' loops and waits, each bounded: a step repeated at most so many times, a wait given up after so long.

/** Runs `step` every `everyMs` until `count` calls or `stop()` (each loop of the chaos tests is bounded by both). */
export function every(
  everyMs: number,
  count: number,
  step: (i: number) => void,
): { done: Promise<void>; stop(): void } {
  let i = 0;
  let timer: NodeJS.Timeout | null = null;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    finish();
  };
  timer = setInterval(() => {
    if (i >= count) return stop();
    step(i);
    i += 1;
  }, everyMs);
  return { done, stop };
}

/** `promise`'s value, or null when it has not settled within `ms`. */
export async function within<T>(ms: number, promise: Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
