import { makeSnapshot } from '@livesnap/protocol/testing';
import { describe, expect, it } from 'vitest';
import { renderScreen } from './render.js';

describe('the terminal screen', () => {
  const base = { url: 'ws://127.0.0.1:1/snapshots', epoch: 'e1', seq: 7, messages: 3, error: null };

  it('shows the connection state and one row per workspace', () => {
    const lines = renderScreen(
      {
        ...base,
        status: 'open',
        changed: new Set(),
        workspaces: [makeSnapshot({ workspaceId: 'w1', prUrl: 'https://x/1', prNumber: 12, prState: 'OPEN' })],
      },
      false,
    );
    expect(lines[2]).toContain('connection open');
    expect(lines[2]).toContain('seq 7');
    expect(lines.at(-1)).toMatch(/^w1\s+READY\s+WORKING\s+WORKING\s+#12\s+UNKNOWN\s+CI_WAIT/);
  });

  it('shows an error and an empty project', () => {
    const lines = renderScreen(
      {
        ...base,
        status: 'closed',
        error: { code: 4404, message: 'no such project' },
        changed: new Set(),
        workspaces: [],
      },
      false,
    );
    expect(lines[2]).toContain('error 4404: no such project');
    expect(lines.at(-1)).toBe('(no workspaces yet)');
  });

  it('highlights the rows that changed', () => {
    const lines = renderScreen({
      ...base,
      status: 'open',
      changed: new Set(['w2']),
      workspaces: [makeSnapshot({ workspaceId: 'w1' }), makeSnapshot({ workspaceId: 'w2' })],
    });
    expect(lines.at(-2)).not.toContain('\x1b[7m');
    expect(lines.at(-1)).toContain('\x1b[7m');
  });
});
