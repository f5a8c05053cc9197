// A workspace card fed by the story's client: the card's data is one workspace read with `useWorkspaceSnapshot`, as
// the demo's board reads it.
import { useWorkspaceSnapshot } from '@livesnap/react';
import type { ComponentProps } from 'react';
import { WorkspaceCard } from './demo.js';

export type LiveWorkspaceCardProps = Omit<ComponentProps<typeof WorkspaceCard>, 'workspace'> & {
  /** The workspace the card shows, as the mock server holds it. */
  workspaceId: string;
};

/** `WorkspaceCard` for one workspace of the story's client (nothing until the hello has it). */
export function LiveWorkspaceCard({ workspaceId, ...props }: LiveWorkspaceCardProps) {
  const workspace = useWorkspaceSnapshot(workspaceId);
  return workspace ? <WorkspaceCard workspace={workspace} {...props} /> : null;
}
