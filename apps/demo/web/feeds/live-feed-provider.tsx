// The live mode's provider: the project's snapshots over the demo's snapshot endpoint, and the live feed. The state is
// persisted in IndexedDB (one demo user), so a reload shows the last state at once and resumes from it.
import { indexedDbStorage } from '@livesnap/client/indexeddb';
import { persistence } from '@livesnap/client/persist';
import { SnapshotProvider } from '@livesnap/react';
import type { ReactNode } from 'react';
import { FeedProvider } from '../components/feed.js';
import { liveFeed } from './live-feed.js';

export interface FeedProviderProps {
  projectId: string;
  children?: ReactNode;
}

/** The demo has no login: every visitor is one user. */
const DEMO_USER = 'demo-user';
const storage = indexedDbStorage();

/** The project's live snapshots over the demo's snapshot endpoint (same origin). */
export function LiveFeedProvider({ projectId, children }: FeedProviderProps) {
  return (
    <SnapshotProvider url="/snapshots" projectId={projectId} persist={persistence({ storage, namespace: DEMO_USER })}>
      <FeedProvider feed={liveFeed}>{children}</FeedProvider>
    </SnapshotProvider>
  );
}
