// The full hello of each project, serialized once per state and version: a full hello is a function of the project's
// epoch and seq (and of the version it names), so every client greeted at the same state (a reconnect storm after a
// restart, say) shares one serialization per version.
import type { FullHelloMessage, ProtocolVersion } from '@livesnap/protocol';
import { compareWorkspaces } from '@livesnap/protocol';
import type { ProjectState } from './store.js';

export interface HelloFrames {
  /** The full hello of `projectId` at `state` in `protocol`, as UTF-8 bytes. */
  frame(projectId: string, protocol: ProtocolVersion, state: ProjectState): Buffer;
  /** The project's state changed (a commit, a reset) or nobody holds it: its cached hellos are stale. */
  forget(projectId: string): void;
}

/** `instance`: the hello's `instance`, when this server has a name. */
export function createHelloFrames(instance: string | undefined): HelloFrames {
  const named = instance === undefined ? {} : { instance };
  const cache = new Map<string, { epoch: string; seq: number; frames: Map<ProtocolVersion, Buffer> }>();
  return {
    frame(projectId, protocol, state) {
      let cached = cache.get(projectId);
      if (cached?.epoch !== state.epoch || cached.seq !== state.seq) {
        cached = { epoch: state.epoch, seq: state.seq, frames: new Map() };
        cache.set(projectId, cached);
      }
      let frame = cached.frames.get(protocol);
      if (frame === undefined) {
        const hello: FullHelloMessage = {
          type: 'hello',
          protocol,
          projectId,
          epoch: state.epoch,
          seq: state.seq,
          resumed: false,
          snapshots: [...state.snapshots].sort(compareWorkspaces),
          ...named,
        };
        frame = Buffer.from(JSON.stringify(hello));
        cached.frames.set(protocol, frame);
      }
      return frame;
    },
    forget: (projectId) => {
      cache.delete(projectId);
    },
  };
}
