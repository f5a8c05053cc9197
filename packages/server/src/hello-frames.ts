// The full hello of each project, serialized once per state: a full hello is a function of the project's epoch and
// seq, so every client greeted at the same state (a reconnect storm after a restart, say) shares one serialization.
import type { FullHelloMessage } from '@livesnap/protocol';
import { compareWorkspaces, PROTOCOL_VERSION } from '@livesnap/protocol';
import type { ProjectState } from './store.js';

export interface HelloFrames {
  /** The full hello of `projectId` at `state`, as UTF-8 bytes. */
  frame(projectId: string, state: ProjectState): Buffer;
  /** The project's state changed (a commit, a reset) or nobody holds it: its cached hello is stale. */
  forget(projectId: string): void;
}

/** `instance`: the hello's `instance`, when this server has a name. */
export function createHelloFrames(instance: string | undefined): HelloFrames {
  const named = instance === undefined ? {} : { instance };
  const cache = new Map<string, { epoch: string; seq: number; frame: Buffer }>();
  return {
    frame(projectId, state) {
      const cached = cache.get(projectId);
      if (cached?.epoch === state.epoch && cached.seq === state.seq) return cached.frame;
      const hello: FullHelloMessage = {
        type: 'hello',
        protocol: PROTOCOL_VERSION,
        projectId,
        epoch: state.epoch,
        seq: state.seq,
        resumed: false,
        snapshots: [...state.snapshots].sort(compareWorkspaces),
        ...named,
      };
      const frame = Buffer.from(JSON.stringify(hello));
      cache.set(projectId, { epoch: state.epoch, seq: state.seq, frame });
      return frame;
    },
    forget: (projectId) => {
      cache.delete(projectId);
    },
  };
}
