// The rules a valid frame must also keep that the schemas cannot know: everything in it is about the client's project,
// and a full hello lists each workspace once. A frame that breaks one is invalid: none of it is stored.
import type { ServerMessage, WorkspaceSnapshot } from '@livesnap/protocol';

/** Why `message` cannot be taken by a client of `projectId`, or null when it can. */
export function frameProblem(message: ServerMessage, projectId: string): string | null {
  switch (message.type) {
    case 'hello': {
      if (message.projectId !== projectId) {
        return `hello for project ${JSON.stringify(message.projectId)}, expected ${JSON.stringify(projectId)}`;
      }
      if (message.resumed) return null;
      const listed = new Set<string>();
      for (const snapshot of message.snapshots) {
        const foreign = foreignSnapshot(snapshot, projectId);
        if (foreign !== null) return `hello listing ${foreign}`;
        if (listed.has(snapshot.workspaceId))
          return `hello listing workspace ${JSON.stringify(snapshot.workspaceId)} twice`;
        listed.add(snapshot.workspaceId);
      }
      return null;
    }
    case 'upsert': {
      const foreign = foreignSnapshot(message.snapshot, projectId);
      return foreign === null ? null : `upsert of ${foreign}`;
    }
    case 'batch': {
      for (const each of message.messages) {
        const foreign = each.type === 'upsert' ? foreignSnapshot(each.snapshot, projectId) : null;
        if (foreign !== null) return `batch with an upsert of ${foreign}`;
      }
      return null;
    }
    default:
      return null;
  }
}

function foreignSnapshot(snapshot: WorkspaceSnapshot, projectId: string): string | null {
  if (snapshot.projectId === projectId) return null;
  return `workspace ${JSON.stringify(snapshot.workspaceId)} of project ${JSON.stringify(snapshot.projectId)}, expected ${JSON.stringify(projectId)}`;
}
