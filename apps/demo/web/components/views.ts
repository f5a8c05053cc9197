// What the page's components show, as types both feeds can fill: the live snapshots (a `WorkspaceSnapshot` is each of
// them) and the old polling endpoints' entries (DOMAIN.md's legacy shapes, their `id` renamed `workspaceId`).
import type { KanbanColumn, WorkspaceSnapshot } from '@livesnap/protocol';

/** A sidebar row: the fields the old sidebar query had too, plus the snapshot's metadata where the feed has it. */
export type SidebarItemView = Pick<
  WorkspaceSnapshot,
  | 'workspaceId'
  | 'name'
  | 'sidebarStatus'
  | 'prNumber'
  | 'prState'
  | 'gitStats'
  | 'pendingRequestType'
  | 'isWorking'
  | 'runScriptStatus'
> &
  Partial<Pick<WorkspaceSnapshot, 'version' | 'source' | 'computedAt'>>;

/** A board card: the sidebar row's fields and the board's. */
export type CardView = SidebarItemView &
  Pick<WorkspaceSnapshot, 'status' | 'branchName' | 'prCiStatus' | 'flowPhase' | 'ratchetState' | 'ratchetEnabled'> & {
    kanbanColumn: KanbanColumn | null;
  };

/** What the connection indicator shows, whichever feed fills the page. */
export interface ConnectionView {
  /**
   * `live`: the stream is open; `connecting`: its first connection; `reconnecting`: lost, trying again; `stopped`: not
   * trying (the reason says why); `polling`: the old polling feed, fetching on its intervals.
   */
  state: 'connecting' | 'live' | 'reconnecting' | 'stopped' | 'polling';
  /** The data shown may be behind the server's. */
  isStale: boolean;
  /** Why the feed is not live (a close code and message, a failed request), or null. */
  reason: string | null;
  /** A short second line: the epoch and seq, the polling intervals. */
  detail: string | null;
}

/** The actions a card offers, by their name in the demo's HTTP API. */
export const CARD_ACTIONS = [
  { action: 'start-agent', label: 'Start agent' },
  { action: 'ask', label: 'Ask for approval' },
  { action: 'open-pr', label: 'Open PR' },
  { action: 'fail-ci', label: 'Fail CI' },
  { action: 'merge', label: 'Merge' },
  { action: 'archive', label: 'Archive' },
] as const;

export type CardAction = (typeof CARD_ACTIONS)[number]['action'];

/** Runs a card's action; rejects with an Error whose message the card shows (a 409's reason, say). */
export type RunCardAction = (workspaceId: string, action: CardAction) => Promise<void>;
