// The poll mode's provider: a QueryClient, the poll feed of the project and its drivers. Loaded only in that mode
// (app.tsx imports it lazily), so that the live page carries no TanStack Query.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { FeedProvider } from '../components/feed.js';
import type { FeedProviderProps } from './live-feed-provider.js';
import { createPollFeed } from './poll-feed.js';

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
