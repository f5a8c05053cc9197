// A section of the panel reads its part of the recorder's view: it re-renders when that part's identity changes,
// at most once an animation frame, and not when another part did.
import { useCallback, useSyncExternalStore } from 'react';
import type { DevtoolsRecorder, DevtoolsView } from './recorder.js';

/** `select` must return a part of the view (or a primitive), not a new object, or the section renders every frame. */
export function useView<T>(recorder: DevtoolsRecorder, select: (view: DevtoolsView) => T): T {
  const read = useCallback(() => select(recorder.getView()), [recorder, select]);
  return useSyncExternalStore(recorder.subscribe, read, read);
}
