// One provider per mode, each giving the page's components their feed: the live stream (`SnapshotProvider` and the
// live feed), or the old polling (a QueryClient, the poll feed and its drivers).
import { SnapshotProvider } from '@livesnap/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo, useState } from 'react';
import { FeedProvider } from '../components/feed.js';
import { liveFeed } from './live-feed.js';
import { createPollFeed } from './poll-feed.js';

export type FeedMode = 'live' | 'poll';

interface FeedProviderProps {
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

/** The project's workspaces from the polling endpoints; a new project is a new feed and a fresh tree. */
export function PollFeedProvider({ projectId, children }: FeedProviderProps) {
  const [queryClient] = useState(() => new QueryClient());
  const feed = useMemo(() => createPollFeed(projectId), [projectId]);
  return (
    <QueryClientProvider client={queryClient}>
      <FeedProvider key={projectId} feed={feed}>
        <feed.PollDrivers />
        {children}
      </FeedProvider>
    </QueryClientProvider>
  );
}
