// The message log: each frame's direction, type, seq, workspaces and size; pause, filter and clear; bounded.
import type { SnapshotClient } from '@livesnap/client';
import { MockSnapshotServer } from '@livesnap/client/testing';
import { messageInVersion, type ProtocolVersion } from '@livesnap/protocol';
import { fireEvent, render, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotDevtools } from '../src/index.js';
import { clientOf, deliver, facts, rows, section } from './support.js';

let clients: SnapshotClient[] = [];

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
});

async function setup(logLimit?: number, protocols?: readonly ProtocolVersion[]) {
  const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')], protocols });
  const client = clientOf(server);
  clients.push(client);
  render(<SnapshotDevtools client={client} initialIsOpen logLimit={logLimit} />);
  await deliver(
    client,
    () => client.connect(),
    (s) => s.status === 'open',
  );
  return { server, client };
}

/** Direction, type, seq and workspaces of each row, newest first. */
const logRows = () => rows('Messages').map((row) => row.split(' | ').slice(1, 5).join(' '));
const button = (name: string) => within(section('Messages')).getByRole('button', { name });
const note = () => within(section('Messages')).getByRole('note').textContent;

describe('the message log', () => {
  it('shows each frame in and out with its type, seq, workspaces and size, newest first', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => {
        server.upsert(facts('c'));
        server.batch(() => {
          server.remove('a');
          server.upsert(facts('b', { name: 'B2' }));
        });
      },
      (s) => s.seq === 3,
    );
    await deliver(
      client,
      () => client.resync(),
      (s) => s.stats.messages === 4,
    );
    await deliver(
      client,
      () => server.sendRaw('{"type":"surprise"}'),
      (s) => s.stats.messages === 5,
    );
    await waitFor(() => expect(logRows()).toHaveLength(8));
    expect(logRows()).toEqual([
      'in hello 3 —',
      // The invalid frame asks for a resync.
      'out resync — —',
      'in invalid (unknown_type) — —',
      'in hello 3 —',
      'out resync — —',
      'in batch 3 a, b',
      'in upsert 1 c',
      'in hello 0 —',
    ]);
    const upsertBytes = new TextEncoder().encode(JSON.stringify(messageInVersion(server.log[0]!, 2))).byteLength;
    expect(upsertBytes).toBeLessThan(1024);
    expect(rows('Messages')[6]!.split(' | ')[5]).toBe(`${upsertBytes} B`);
    expect(rows('Messages')[4]!.split(' | ')[5]).toBe(`${'{"type":"resync"}'.length} B`);
  });

  it.each([
    [2, 'patch'],
    [1, 'upsert'],
  ] as const)(
    'shows a change of a workspace the client holds, in protocol %i, as a %s of its size',
    async (version, type) => {
      const { server, client } = await setup(undefined, version === 1 ? [1] : [1, 2]);
      await deliver(
        client,
        () => server.upsert(facts('b', { isSessionWorking: true })),
        (s) => s.seq === 1,
      );
      await waitFor(() => expect(logRows()).toEqual([`in ${type} 1 b`, 'in hello 0 —']));
      const frame = JSON.stringify(messageInVersion(server.log[0]!, version));
      expect(rows('Messages')[0]!.split(' | ')[5]).toBe(`${new TextEncoder().encode(frame).byteLength} B`);
      // The connection's counters count it as a message like any other.
      expect(client.store.getState().stats.messages).toBe(2);
    },
  );

  it('freezes while paused, says how many frames came meanwhile, and shows them on resume', async () => {
    const { server, client } = await setup();
    await waitFor(() => expect(logRows()).toHaveLength(1));
    fireEvent.click(button('Pause'));
    expect(button('Resume').getAttribute('aria-pressed')).toBe('true');
    await deliver(
      client,
      () => {
        server.upsert(facts('c'));
        server.upsert(facts('d'));
      },
      (s) => s.seq === 2,
    );
    await waitFor(() => expect(note()).toMatch(/^paused: 2 new since; /));
    expect(logRows()).toEqual(['in hello 0 —']);
    fireEvent.click(button('Resume'));
    expect(logRows()).toEqual(['in upsert 2 d', 'in upsert 1 c', 'in hello 0 —']);
    expect(button('Pause').getAttribute('aria-pressed')).toBe('false');
  });

  it('shows only the frames whose type or workspace matches the filter', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => {
        server.upsert(facts('alpha'));
        server.upsert(facts('beta'));
        server.remove('alpha');
      },
      (s) => s.seq === 3,
    );
    const filter = within(section('Messages')).getByRole('searchbox', { name: 'filter messages by type or workspace' });
    fireEvent.change(filter, { target: { value: 'ALPH' } });
    await waitFor(() => expect(logRows()).toEqual(['in remove 3 alpha', 'in upsert 1 alpha']));
    fireEvent.change(filter, { target: { value: 'hello' } });
    await waitFor(() => expect(logRows()).toEqual(['in hello 0 —']));
  });

  it('empties on Clear', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => server.upsert(facts('c')),
      (s) => s.seq === 1,
    );
    await waitFor(() => expect(logRows()).toHaveLength(2));
    fireEvent.click(button('Clear'));
    expect(logRows()).toEqual([]);
  });

  it('keeps at most logLimit frames, the newest, and says how many it let go', async () => {
    const { server, client } = await setup(5);
    await deliver(
      client,
      () => {
        for (let i = 0; i < 20; i++) server.upsert(facts(`w${i}`));
      },
      (s) => s.seq === 20,
    );
    await waitFor(() => expect(logRows()).toHaveLength(5));
    expect(logRows().map((row) => row.split(' ')[2])).toEqual(['20', '19', '18', '17', '16']);
    expect(note()).toBe('5 of at most 5 frames kept, 16 older ones let go');
  });
});
