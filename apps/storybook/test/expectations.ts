// What each story must show once it has settled, by story id. The story test fails for a story of the build without
// an entry here, and for an entry without a story. Counts come from the stories' data (src/workspaces.ts: of n
// generated workspaces, every 8th is archived, so 24 show 21 and 2,000 show 1,750).

/** A devtools fact (its `<dt>` term) and its value: exact text or number, or `{ atLeast }`. */
export type FactExpectation = string | number | { atLeast: number };

export interface StoryExpectation {
  /** The connection indicator: its `data-state`, and text it shows. */
  indicator?: { state: 'connecting' | 'live' | 'reconnecting' | 'stopped'; text?: string };
  /** The sidebar's workspace count. */
  sidebar?: number;
  /** The board's cards over its three columns (the columns' counts added up). */
  board?: number;
  /** The devtools panel: its status (the text starts with it: `(stale)` may follow) and facts by term. */
  devtools?: { status?: string; facts?: Record<string, FactExpectation> };
  /** Text somewhere in the story. */
  text?: string[];
  /** CSS selectors that match at least one element. */
  present?: string[];
}

export const EXPECTATIONS: Record<string, StoryExpectation> = {
  'connection-states--connecting': {
    indicator: { state: 'connecting' },
    sidebar: 0,
    board: 0,
    devtools: { status: 'connecting', facts: { epoch: '—', messages: 0 } },
  },
  'connection-states--live': {
    indicator: { state: 'live', text: 'epoch epoch-1' },
    sidebar: 21,
    board: 21,
    devtools: { status: 'open', facts: { epoch: 'epoch-1', messages: { atLeast: 3 } } },
  },
  'connection-states--reconnecting': {
    indicator: { state: 'reconnecting', text: 'retrying in' },
    sidebar: 21,
    devtools: { status: 'reconnecting', facts: { reconnects: { atLeast: 1 } } },
  },
  'connection-states--gap-healed-by-resync': {
    indicator: { state: 'live' },
    sidebar: 21,
    board: 21,
    devtools: { status: 'open', facts: { gaps: 1, resyncs: 1 } },
  },
  'connection-states--server-restart': {
    indicator: { state: 'live', text: 'epoch epoch-2' },
    sidebar: 21,
    devtools: { status: 'open', facts: { epoch: 'epoch-2', reconnects: 1 } },
  },
  'connection-states--unauthorized': {
    indicator: { state: 'stopped', text: '4401' },
    devtools: { status: 'closed', facts: { reconnects: 2 } },
  },
  'connection-states--forbidden': {
    indicator: { state: 'stopped', text: '4403' },
    devtools: { status: 'closed', facts: { reconnects: 0 } },
  },
  'connection-states--unknown-project': {
    indicator: { state: 'stopped', text: '4404' },
    devtools: { status: 'closed', facts: { reconnects: 0 } },
  },
  'connection-states--empty-project': {
    indicator: { state: 'live' },
    sidebar: 0,
    board: 0,
    devtools: { status: 'open', facts: { messages: 1 } },
  },
  'connection-states--large-project': {
    indicator: { state: 'live' },
    sidebar: 1_750,
    board: 1_750,
    devtools: { status: 'open', facts: { messages: { atLeast: 3 } } },
  },
  'devtools-panel--live': { devtools: { status: 'open', facts: { epoch: 'epoch-1', messages: { atLeast: 3 } } } },
  'devtools-panel--gap-healed-by-resync': { devtools: { status: 'open', facts: { gaps: 1, resyncs: 1 } } },
  'devtools-panel--unauthorized': { devtools: { status: 'closed', facts: { reconnects: 2 } } },
  'components-kanbanboard--live': { board: 21, present: ['.column[data-column="WAITING"] .card'] },
  'components-kanbanboard--connecting': { board: 0 },
  'components-sidebar--live': { sidebar: 21, present: ['.sidebar .row'] },
  'components-sidebar--large-project': { sidebar: 1_750, present: ['.sidebar .row'] },
  'components-connectionindicator--live': { indicator: { state: 'live', text: 'epoch epoch-1' } },
  'components-connectionindicator--reconnecting': { indicator: { state: 'reconnecting', text: 'retrying in' } },
  'components-connectionindicator--stopped': { indicator: { state: 'stopped', text: '4404' } },
  'components-projectswitcher--three-projects': { text: ['acme-web (21)', 'monorepo (2,000)'] },
  'components-workspacecard--agent-working': {
    text: ['Checkout retries'],
    present: ['.card[data-column="WORKING"] .dot[data-activity="WORKING"]'],
  },
  'components-workspacecard--waiting-for-approval': {
    text: ['Dark mode', 'waits for plan approval'],
    present: ['.card[data-column="WAITING"]'],
  },
  'components-workspacecard--ci-failing': {
    text: ['Invoice export', '#103 open'],
    present: ['.badge.ci[data-ci="FAILING"]'],
  },
  'components-workspacecard--merged': { text: ['Audit log', '#106 merged'], present: ['.card[data-column="DONE"]'] },
};
