// Counts committed renders per component kind in development builds, for the browser tests and for measuring the
// large project (renders per change); a production build has an empty function instead. It counts in an effect
// without dependencies, which runs once per commit that rendered the component (StrictMode's double render of a
// component's body is not counted twice; its double mount effect is, on mount only).
import { useEffect } from 'react';

declare global {
  interface Window {
    /** Committed renders so far by component kind (development builds only). */
    __demoRenders?: Record<string, number>;
  }
}

/** Counts each committed render of the calling component under `kind`. */
export const useRenderCount: (kind: string) => void = import.meta.env.DEV
  ? (kind) =>
      useEffect(() => {
        window.__demoRenders ??= {};
        window.__demoRenders[kind] = (window.__demoRenders[kind] ?? 0) + 1;
      })
  : () => {};
