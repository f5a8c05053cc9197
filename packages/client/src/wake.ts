// A laptop that wakes up must not show stale state: the browser's "visible again" and "online" signals.

export interface WakeSources {
  readonly document?: EventTarget & { readonly visibilityState?: string };
  readonly window?: EventTarget;
}

/** The page's `document` and `window`, when there are any (not in Node or a worker without them). */
function browserSources(): WakeSources {
  return {
    ...(typeof document !== 'undefined' ? { document } : {}),
    ...(typeof window !== 'undefined' ? { window } : {}),
  };
}

/** Calls `onWake` when the page becomes visible or the browser comes back online; returns the unsubscribe. */
export function listenForWake(onWake: () => void, sources: WakeSources = browserSources()): () => void {
  const { document: doc, window: win } = sources;
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') onWake();
  };
  doc?.addEventListener('visibilitychange', onVisibility);
  win?.addEventListener('online', onWake);
  return () => {
    doc?.removeEventListener('visibilitychange', onVisibility);
    win?.removeEventListener('online', onWake);
  };
}
