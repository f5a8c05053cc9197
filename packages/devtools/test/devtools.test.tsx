// <SnapshotDevtools /> against the in-process mock server: every section shows the client's data, and follows it.
import type { SnapshotClient } from '@livesnap/client';
import { persistence } from '@livesnap/client/persist';
import { createMemoryStorage, MockSnapshotServer } from '@livesnap/client/testing';
import { SnapshotProvider } from '@livesnap/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SnapshotDevtools, type SnapshotDevtoolsProps } from '../src/index.js';
import { DEFAULT_FIELDS } from '../src/workspace-table.js';
import { clientOf, deliver, fact, facts, rows, section } from './support.js';

let clients: SnapshotClient[] = [];

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
});

/** The panel, open, for a client of a server holding `a` and `b` (named instance `node-a`), connected. */
async function setup(props: SnapshotDevtoolsProps = { initialIsOpen: true }) {
  const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')], instance: 'node-a' });
  const client = clientOf(server);
  clients.push(client);
  render(
    <SnapshotProvider client={client}>
      <SnapshotDevtools {...props} />
    </SnapshotProvider>,
  );
  await deliver(
    client,
    () => client.connect(),
    (s) => s.status === 'open',
  );
  return { server, client };
}

const status = () => screen.getByRole('status', { name: 'connection status' }).textContent;

describe('the toggle', () => {
  it('is a button that opens and closes the panel', async () => {
    await setup({});
    const toggle = screen.getByRole('button', { name: 'Livesnap devtools' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('complementary', { name: 'Livesnap devtools' })).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('complementary', { name: 'Livesnap devtools' });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
    fireEvent.click(screen.getByRole('button', { name: 'close the devtools panel' }));
    expect(screen.queryByRole('complementary', { name: 'Livesnap devtools' })).toBeNull();
  });

  it('shows what happened before the panel was opened', async () => {
    const { server, client } = await setup({});
    await deliver(
      client,
      () => server.upsert(facts('c')),
      (s) => s.seq === 1,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Livesnap devtools' }));
    expect(rows('Messages').map((row) => row.split(' | ').slice(1, 4).join(' '))).toEqual([
      'in upsert 1',
      'in hello 0',
    ]);
    expect(rows('Timeline')).toHaveLength(2);
  });
});

describe('the connection section', () => {
  it('shows the status, epoch, seq and the instance that serves the connection', async () => {
    const { server, client } = await setup();
    await waitFor(() => expect(status()).toBe('open'));
    expect([fact('epoch'), fact('seq'), fact('instance')]).toEqual(['epoch-1', '0', 'node-a']);
    await deliver(
      client,
      () => server.upsert(facts('c')),
      (s) => s.seq === 1,
    );
    await waitFor(() => expect(fact('seq')).toBe('1'));
  });

  it('shows where the data came from: the saved copy and its age, then the hello that resumed it', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const storage = createMemoryStorage();
    let now = 1_000_000;
    const options = { persist: persistence({ storage, namespace: 'user-1' }), now: () => now };
    const first = clientOf(server, options);
    clients.push(first);
    await deliver(
      first,
      () => first.connect(),
      (s) => s.status === 'open',
    );
    first.close();
    await waitFor(() => expect(storage.entries.size).toBe(1));

    now += 12_000;
    server.withholdHello();
    const client = clientOf(server, options);
    clients.push(client);
    render(
      <SnapshotProvider client={client}>
        <SnapshotDevtools initialIsOpen />
      </SnapshotProvider>,
    );
    expect(fact('data from')).toBe('—');
    await deliver(
      client,
      () => client.connect(),
      (s) => s.origin === 'persisted',
    );
    await waitFor(() => expect(fact('data from')).toBe('storage (saved 12 s before)'));
    server.withholdHello(false);
    await deliver(
      client,
      () => client.drop(),
      (s) => s.status === 'open',
    );
    await waitFor(() => expect(fact('data from')).toBe('resumed hello, from storage (saved 12 s before)'));
  });

  it('follows connect, a drop, the resumed reconnect and a 4404 in its timeline, with each cause', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => server.drop(1006),
      (s) => s.status === 'open' && s.stats.resumed === 1,
    );
    await deliver(
      client,
      () => server.drop(4404, 'no such project'),
      (s) => s.status === 'closed',
    );
    await waitFor(() => expect(status()).toBe('closed (stale)'));
    await waitFor(() => expect(rows('Timeline')).toHaveLength(5));
    expect(rows('Timeline').map((row) => row.split(' | ').slice(1).join(' | '))).toEqual([
      'closed | disconnect | project does not exist (4404): no such project; stopped',
      'open | hello | resumed hello from node-a (epoch epoch-1, seq 0)',
      expect.stringMatching(/^reconnecting \| disconnect \| .*\(1006\); retry in 0 ms$/),
      'open | hello | full hello, 2 workspaces from node-a (epoch epoch-1, seq 0)',
      'connecting | connect | connect()',
    ]);
    expect(within(section('Connection')).getByText(/^error 4404: /)).toBeTruthy();
  });

  it('counts messages, a gap and the resync that healed it, reconnects and resumes', async () => {
    const { server, client } = await setup();
    server.loseNext();
    await deliver(
      client,
      () => {
        server.upsert(facts('a', { name: 'lost' }));
        server.upsert(facts('b', { name: 'seen' }));
      },
      (s) => s.seq === 2 && s.stats.resyncs === 1,
    );
    await deliver(
      client,
      () => server.drop(),
      (s) => s.stats.resumed === 1,
    );
    await deliver(
      client,
      () => server.sendRaw('not json'),
      (s) => s.stats.invalidFrames === 1,
    );
    // The invalid frame asks for a resync too.
    await waitFor(() =>
      expect(['gaps', 'resyncs', 'reconnects', 'resumed', 'invalid frames'].map(fact)).toEqual([
        '1',
        '2',
        '1',
        '1',
        '1',
      ]),
    );
    expect(fact('messages')).toBe(String(client.store.getState().stats.messages));
  });
});

describe('the actions', () => {
  it('Resync sends a resync frame, which the server sees', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => fireEvent.click(screen.getByRole('button', { name: 'Resync' })),
      (s) => s.stats.resyncs === 1 && s.stats.messages === 2,
    );
    expect(server.connections[0]!.received.map((m) => m.type)).toEqual(['resync']);
  });

  it('Drop connection abandons the socket: the client reconnects and resumes', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => server.upsert(facts('c')),
      (s) => s.seq === 1,
    );
    await deliver(
      client,
      () => fireEvent.click(screen.getByRole('button', { name: 'Drop connection' })),
      (s) => s.status === 'open' && s.stats.resumed === 1,
    );
    expect(server.connections.map((c) => [c.open, c.hello?.resumed])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(server.connections[1]!.params).toMatchObject({ epoch: 'epoch-1', seq: '1' });
    await waitFor(() => expect(rows('Timeline')[1]).toMatch(/disconnect \| dropped: .*; retry in 0 ms$/));
  });

  it('Reconnect closes the connection and opens a new one', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => fireEvent.click(screen.getByRole('button', { name: 'Reconnect' })),
      (s) => s.status === 'open' && s.stats.resumed === 1,
    );
    expect(server.connections.map((c) => [c.open, c.closeCode])).toEqual([
      [false, 1000],
      [true, null],
    ]);
    await waitFor(() =>
      expect(rows('Timeline').map((row) => row.split(' | ')[2])).toEqual([
        'hello',
        'connect',
        'close',
        'hello',
        'connect',
      ]),
    );
  });
});

describe('the workspace table', () => {
  it('has a row per workspace with its version, source and visible fields, in list order', async () => {
    const { server, client } = await setup();
    await deliver(
      client,
      () => server.upsert(facts('b', { name: 'Renamed' })),
      (s) => s.seq === 1,
    );
    await waitFor(() => expect(rows('Workspaces').map((row) => row.split(' | ').slice(0, 3))).toHaveLength(2));
    const byId = Object.fromEntries(rows('Workspaces').map((row) => [row.split(' | ')[0], row.split(' | ')]));
    expect(byId.a!.slice(1, 3)).toEqual(['0', 'initial']);
    expect(byId.b!.slice(1, 3)).toEqual(['1', 'event']);
    expect(byId.b![4]).toBe('Renamed');
    expect(
      within(section('Workspaces'))
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['id', 'version', 'source', 'age', ...DEFAULT_FIELDS]);
  });

  it('shows the whole snapshot as JSON on a click, kept current, until closed', async () => {
    const { server, client } = await setup();
    const table = section('Workspaces');
    fireEvent.click(await within(table).findByRole('button', { name: 'a' }));
    const json = () => screen.getByRole('region', { name: 'snapshot a as JSON' }).querySelector('pre')!.textContent!;
    expect(JSON.parse(json())).toEqual(client.store.getState().workspaces.get('a'));
    await deliver(
      client,
      () => server.upsert(facts('a', { name: 'Changed' })),
      (s) => s.seq === 1,
    );
    await waitFor(() => expect(JSON.parse(json())).toMatchObject({ name: 'Changed', version: 1 }));
    fireEvent.click(screen.getByRole('button', { name: 'Close JSON' }));
    expect(screen.queryByRole('region', { name: 'snapshot a as JSON' })).toBeNull();
  });

  it('narrows to the workspaces whose id or name matches the filter', async () => {
    await setup();
    fireEvent.change(screen.getByRole('searchbox', { name: 'filter workspaces by id or name' }), {
      target: { value: 'b' },
    });
    await waitFor(() => expect(rows('Workspaces').map((row) => row.split(' | ')[0])).toEqual(['b']));
  });
});

describe('props', () => {
  it('inspects the client it is given, without a provider', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const client = clientOf(server);
    clients.push(client);
    render(<SnapshotDevtools client={client} initialIsOpen />);
    await deliver(
      client,
      () => client.connect(),
      (s) => s.status === 'open',
    );
    await waitFor(() => expect(status()).toBe('open'));
    expect(rows('Workspaces')).toHaveLength(1);
  });

  it('refuses a logLimit that is not a positive integer, naming it', () => {
    const client = clientOf(new MockSnapshotServer());
    expect(() => render(<SnapshotDevtools client={client} logLimit={0} />)).toThrow(
      '<SnapshotDevtools> logLimit must be an integer ≥ 1, got 0',
    );
  });

  it('outside every provider and without a client, throws the error that names the provider', () => {
    expect(() => render(<SnapshotDevtools />)).toThrow(/inside a <SnapshotProvider>/);
  });

  it('renders the chosen visible fields as columns', async () => {
    await setup({ initialIsOpen: true, fields: ['name', 'isWorking'] });
    expect(
      within(section('Workspaces'))
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['id', 'version', 'source', 'age', 'name', 'isWorking']);
  });
});
