// Renders the terminal client's screen: the connection's state and the project's workspaces as a table.
import type { WorkspaceSnapshot } from '@livesnap/protocol';

export interface ScreenState {
  url: string;
  status: string;
  error: { code: number | string; message: string } | null;
  epoch: string | null;
  seq: number | null;
  messages: number;
  workspaces: readonly WorkspaceSnapshot[];
  /** The workspace ids whose row changed in the last render, highlighted. */
  changed: ReadonlySet<string>;
}

const COLUMNS = [
  ['workspace', 14],
  ['status', 12],
  ['activity', 8],
  ['board', 8],
  ['pr', 6],
  ['ci', 8],
  ['flow', 14],
  ['git +/-', 12],
  ['waits for', 13],
  ['v', 5],
] as const;

function cell(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function row(values: readonly string[]): string {
  return values.map((value, i) => cell(value, COLUMNS[i]![1])).join(' ');
}

/** The lines of one screen; `color` adds ANSI highlighting of changed rows. */
export function renderScreen(state: ScreenState, color = true): string[] {
  const bold = (s: string) => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const highlight = (s: string) => (color ? `\x1b[7m${s}\x1b[0m` : s);
  const lines = [
    bold('Livesnap example — live workspaces (Ctrl-C to stop)'),
    `server ${state.url}`,
    `connection ${state.status}${state.error ? ` — error ${state.error.code}: ${state.error.message}` : ''}` +
      `   epoch ${state.epoch ?? '-'}   seq ${state.seq ?? '-'}   messages ${state.messages}`,
    '',
    bold(row(COLUMNS.map(([name]) => name))),
  ];
  for (const w of state.workspaces) {
    const line = row([
      w.workspaceId,
      w.status,
      w.sidebarStatus.activityState,
      w.kanbanColumn ?? '-',
      w.prNumber === null ? '-' : `#${w.prNumber}`,
      w.sidebarStatus.ciState,
      w.flowPhase,
      w.gitStats ? `+${w.gitStats.additions}/-${w.gitStats.deletions}` : '-',
      w.pendingRequestType ?? '-',
      String(w.version),
    ]);
    lines.push(state.changed.has(w.workspaceId) ? highlight(line) : line);
  }
  if (state.workspaces.length === 0) lines.push('(no workspaces yet)');
  return lines;
}
