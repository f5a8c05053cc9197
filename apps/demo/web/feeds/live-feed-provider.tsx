// The live mode's provider: the project's snapshots over the demo's snapshot endpoint, and the live feed.
import { SnapshotProvider } from '@livesnap/react';
import type { ReactNode } from 'react';
import { FeedProvider } from '../components/feed.js';
import { liveFeed } from './live-feed.js';

export interface FeedProviderProps {
  projectId: string;
  children?: ReactNode;
}

/** The project's live snapshots over the demo's snapshot endpoint (same origin). */
export function LiveFeedProvider({ projectId, children }: FeedProviderProps) {
  return (
    <SnapshotProvider url="/snapshots" projectId={projectId}>
      <FeedProvider feed={liveFeed}>{children}</FeedProvider>
    </SnapshotProvider>
  );
}
