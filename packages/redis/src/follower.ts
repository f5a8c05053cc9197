// Following the projects this instance holds: each one's mirror (epoch, seq, snapshots) kept by applying every
// committed message in seq order, whichever instance committed it. Messages come from the project's pub/sub channel
// and from this instance's own commits; duplicates are dropped, and a hole (messages missed while the channel was
// down) is filled from the replay log before anything newer is applied. When the log cannot fill it, or the epoch is
// not the mirror's, the project is reported lost: the service loads it again.
import type { CommittedMessage, WorkspaceSnapshot } from '@livesnap/protocol';
import type { CommitEvent, ProjectState } from '@livesnap/server';

/** One followed project: the state this instance serves, always a prefix of the store's stream. */
interface Mirror {
  epoch: string;
  seq: number;
  readonly snapshots: Map<string, WorkspaceSnapshot>;
  /** Every offer is handled after the previous one (a fill from the log is asynchronous). */
  queue: Promise<void>;
  /** Reported lost: nothing more is applied until it is followed again. */
  lost: boolean;
}

export interface FollowerOptions {
  /** The messages after `seq` in `epoch` from the replay log; null when the log cannot say. */
  readSince(projectId: string, epoch: string, seq: number): Promise<readonly CommittedMessage[] | null>;
  /** Every commit applied, in seq order per project. */
  emit(event: CommitEvent): void;
  /** The project's epoch is gone, or its stream cannot be followed without a gap. */
  lost(projectId: string, epoch: string): void;
  /** A fill that failed (Redis unavailable): logged; the next message or recovery tries again. */
  failed(projectId: string, error: unknown): void;
}

export interface Follower {
  /** Follows the project from `state` (replacing any mirror of it). */
  follow(projectId: string, state: ProjectState): void;
  unfollow(projectId: string): void;
  /** The mirror's state; null when the project is not followed. */
  state(projectId: string): ProjectState | null;
  snapshot(projectId: string, workspaceId: string): WorkspaceSnapshot | null | undefined;
  /** Messages of `epoch` committed by some instance; resolves once they are applied (or found duplicate or lost). */
  offer(projectId: string, epoch: string, messages: readonly CommittedMessage[]): Promise<void>;
  /** Reports the project lost, at the epoch it was followed at. */
  lose(projectId: string): void;
  /** Reads what the log holds past each mirror (after an outage, when the channel may have dropped messages). */
  catchUp(projectId: string): Promise<void>;
  followed(): { projectId: string; epoch: string }[];
}

export function createFollower(options: FollowerOptions): Follower {
  const mirrors = new Map<string, Mirror>();

  function lose(projectId: string, mirror: Mirror): void {
    if (mirror.lost || mirrors.get(projectId) !== mirror) return;
    mirror.lost = true;
    options.lost(projectId, mirror.epoch);
  }

  function apply(projectId: string, mirror: Mirror, messages: readonly CommittedMessage[]): void {
    const fresh = messages.filter((message) => message.seq > mirror.seq);
    if (fresh.length === 0) return;
    for (const message of fresh) {
      if (message.type === 'upsert') mirror.snapshots.set(message.snapshot.workspaceId, message.snapshot);
      else mirror.snapshots.delete(message.workspaceId);
    }
    mirror.seq = fresh.at(-1)!.seq;
    options.emit({ projectId, epoch: mirror.epoch, messages: fresh });
  }

  /** Applies `messages`, after filling from the log what lies between the mirror and them. */
  /** Applies what the log holds past the mirror's seq; false when the read failed or the mirror was lost meanwhile. */
  async function catchUp(projectId: string, mirror: Mirror): Promise<boolean> {
    let missed: readonly CommittedMessage[] | null;
    try {
      missed = await options.readSince(projectId, mirror.epoch, mirror.seq);
    } catch (error) {
      options.failed(projectId, error);
      return false;
    }
    if (mirrors.get(projectId) !== mirror || mirror.lost) return false;
    if (missed === null) {
      lose(projectId, mirror);
      return false;
    }
    apply(projectId, mirror, missed);
    return true;
  }

  async function handle(projectId: string, mirror: Mirror, epoch: string, messages: readonly CommittedMessage[]) {
    if (mirror.lost || mirrors.get(projectId) !== mirror) return;
    if (epoch !== mirror.epoch) return lose(projectId, mirror);
    const first = messages[0];
    if (first === undefined || messages.at(-1)!.seq <= mirror.seq) return;
    if (first.seq > mirror.seq + 1) {
      // The log read may have ended before these messages (they were committed after it), or hold them all.
      if (!(await catchUp(projectId, mirror)) || first.seq > mirror.seq + 1) return;
    }
    apply(projectId, mirror, messages);
  }

  function enqueue(projectId: string, task: (mirror: Mirror) => Promise<void>): Promise<void> {
    const mirror = mirrors.get(projectId);
    if (!mirror) return Promise.resolve();
    mirror.queue = mirror.queue.then(() => task(mirror));
    return mirror.queue;
  }

  return {
    follow(projectId, state) {
      mirrors.set(projectId, {
        epoch: state.epoch,
        seq: state.seq,
        snapshots: new Map(state.snapshots.map((s) => [s.workspaceId, s])),
        queue: Promise.resolve(),
        lost: false,
      });
    },
    unfollow(projectId) {
      mirrors.delete(projectId);
    },
    state(projectId) {
      const mirror = mirrors.get(projectId);
      return mirror ? { epoch: mirror.epoch, seq: mirror.seq, snapshots: [...mirror.snapshots.values()] } : null;
    },
    snapshot(projectId, workspaceId) {
      const mirror = mirrors.get(projectId);
      return mirror ? (mirror.snapshots.get(workspaceId) ?? null) : undefined;
    },
    offer: (projectId, epoch, messages) => enqueue(projectId, (mirror) => handle(projectId, mirror, epoch, messages)),
    lose(projectId) {
      const mirror = mirrors.get(projectId);
      if (mirror) lose(projectId, mirror);
    },
    catchUp: (projectId) =>
      enqueue(projectId, async (mirror) => {
        if (!mirror.lost) await catchUp(projectId, mirror);
      }),
    followed: () => [...mirrors].map(([projectId, mirror]) => ({ projectId, epoch: mirror.epoch })),
  };
}
