// The nearest provider's client, for the hooks; a hook outside every provider says which provider it needs.
import type { SnapshotClient, SnapshotSelectors } from '@livesnap/client';
import { createContext, useContext } from 'react';

export interface SnapshotContextValue {
  readonly client: SnapshotClient;
  readonly selectors: SnapshotSelectors;
}

export const SnapshotContext = createContext<SnapshotContextValue | null>(null);
SnapshotContext.displayName = 'SnapshotContext';

/** The nearest `SnapshotProvider`'s client and its selectors; `hook` names the caller in the error. */
export function useSnapshotContext(hook: string): SnapshotContextValue {
  const value = useContext(SnapshotContext);
  if (value === null) {
    throw new Error(
      `${hook}() must be called inside a <SnapshotProvider>: wrap the component in <SnapshotProvider client={client}> or <SnapshotProvider url={…} projectId={…}>`,
    );
  }
  return value;
}
