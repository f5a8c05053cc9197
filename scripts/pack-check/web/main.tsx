// The page the pack check builds with Vite from the installed tarballs: the provider and two hooks, as
// docs/getting-started.md shows them.
import { SnapshotProvider, useSidebarWorkspaces, useSnapshotStatus } from '@livesnap/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function Sidebar() {
  const workspaces = useSidebarWorkspaces();
  const { status } = useSnapshotStatus();
  return (
    <nav data-status={status}>
      <ul>
        {workspaces.map((w) => (
          <li key={w.workspaceId}>{w.name}</li>
        ))}
      </ul>
    </nav>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SnapshotProvider url={`ws://${location.host}/snapshots`} projectId="p1">
      <Sidebar />
    </SnapshotProvider>
  </StrictMode>,
);
