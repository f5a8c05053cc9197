// What a user of the installed packages writes, type-checked by the pack check under `moduleResolution` bundler and
// node16: a server, a client with its selectors, and a React page with the hooks and the TanStack Query bridge.
import { createServer } from 'node:http';
import { createSnapshotClient, type SnapshotClient, selectSidebar } from '@livesnap/client';
import { CloseCode, type WorkspaceFacts, type WorkspaceSnapshot } from '@livesnap/protocol';
import { SnapshotProvider, useSidebarWorkspaces, useSnapshotStatus } from '@livesnap/react';
import { legacyQueryKeys } from '@livesnap/react/query';
import { attachSnapshotEndpoint, createSnapshotService, type SnapshotSource } from '@livesnap/server';
import type { ReactNode } from 'react';

const facts = new Map<string, WorkspaceFacts>();
const source: SnapshotSource = {
  loadProject: async (projectId) => [...facts.values()].filter((f) => f.projectId === projectId),
  loadWorkspace: async (workspaceId) => facts.get(workspaceId) ?? null,
};
const service = createSnapshotService({ source });
const endpoint = attachSnapshotEndpoint(createServer(), service, { authorize: () => true });
service.start();

const client: SnapshotClient = createSnapshotClient({ url: 'ws://127.0.0.1:3000/snapshots', projectId: 'p1' });
const unsubscribe = client.store.subscribe((state) => {
  const sidebar: readonly WorkspaceSnapshot[] = selectSidebar(state);
  console.log(sidebar.length, CloseCode.NotFound);
});

export function Page({ children }: { children?: ReactNode }): ReactNode {
  return (
    <SnapshotProvider url="/snapshots" projectId="p1">
      <Sidebar />
      {children}
    </SnapshotProvider>
  );
}

function Sidebar(): ReactNode {
  const workspaces = useSidebarWorkspaces();
  const { isStale } = useSnapshotStatus();
  return (
    <ul aria-busy={isStale}>
      {workspaces.map((w) => (
        <li key={w.workspaceId}>{w.name}</li>
      ))}
    </ul>
  );
}

export const keys = legacyQueryKeys;
export async function shutdown(): Promise<void> {
  unsubscribe();
  client.close();
  await endpoint.close();
  await service.stop();
}
