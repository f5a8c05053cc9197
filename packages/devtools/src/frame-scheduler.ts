// Coalesces many notifications into one per animation frame: the panel renders at most once a frame, however many
// frames the socket delivers in it (and not at all in a background tab, where the browser runs no animation frames).

export interface FrameSource {
  request(callback: () => void): unknown;
  cancel(handle: unknown): void;
}

/** The browser's animation frames, or a 16 ms timer where there are none (a test DOM without them, a worker). */
export function animationFrames(): FrameSource {
  if (typeof requestAnimationFrame === 'function') {
    return {
      request: (callback) => requestAnimationFrame(callback),
      cancel: (handle) => cancelAnimationFrame(handle as number),
    };
  }
  return {
    request: (callback) => setTimeout(callback, 16),
    cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

export interface FrameScheduler {
  /** Runs the callback at the next frame, once, however often this is called before then. */
  schedule(): void;
  /** Forgets a scheduled run. */
  cancel(): void;
}

export function createFrameScheduler(run: () => void, frames: FrameSource = animationFrames()): FrameScheduler {
  let handle: unknown = null;
  return {
    schedule() {
      if (handle !== null) return;
      handle = frames.request(() => {
        handle = null;
        run();
      });
    },
    cancel() {
      if (handle === null) return;
      frames.cancel(handle);
      handle = null;
    },
  };
}
