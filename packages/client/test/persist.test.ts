// Warm start (`persist`): a reload shows the saved state at once and resumes with only what it missed, against the
// in-process mock on fake time, with the memory storage.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { type InspectionEvent, type SnapshotClient, type SnapshotClientState, selectSidebar } from '../src/index.js';
import { PERSIST_VERSION, persistence, persistKey } from '../src/persist.js';
import { CLIENT_VERSION } from '../src/persisted-entry.js';
import { createMemoryStorage, type MemoryStorage, MockSnapshotServer } from '../src/testing/index.js';
import { facts, inProcessClient, names, settle } from './support.js';

const KEY = persistKey('user-1', 'p1');
let clients: SnapshotClient[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  clients = [];
});

afterEach(() => {
  for (const client of clients) client.close();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A page load: a client of `server` persisting into `storage`, with what it published and received recorded. */
function load(server: MockSnapshotServer, storage: MemoryStorage, namespace = 'user-1', maxChars?: number) {
  const { client, errors } = inProcessClient(server, { persist: persistence({ storage, namespace, maxChars }) });
  clients.push(client);
  const states: SnapshotClientState[] = [];
  client.store.subscribe((state) => states.push(state));
  const frames: string[] = [];
  client.inspect((event: InspectionEvent) => {
    if (event.type === 'frame-in') frames.push(`${event.frameType}${event.seq === null ? '' : ` ${event.seq}`}`);
  });
  return { client, errors, states, frames, state: () => client.store.getState() };
}

/** A first visit that leaves the project saved at `seq` with workspaces a, b and c, and the page closed. */
async function visitAndLeave(server: MockSnapshotServer, storage: MemoryStorage) {
  const first = load(server, storage);
  await opened(first.client);
  server.upsert(facts('c'));
  await settle();
  first.client.close();
  await settle();
  return first;
}

/** Lets the connection be made and greeted (on fake time: deliveries and 0 ms timers). */
async function opened(client: SnapshotClient) {
  await settle();
  expect(client.store.getState().status).toBe('open');
}

/** Lets a save that is due run (a timer of 0 ms fires after 1 ms, as in Node). */
async function saved() {
  await vi.advanceTimersByTimeAsync(1);
  await settle();
}

const entry = (storage: MemoryStorage, key = KEY) => JSON.parse(storage.entries.get(key) as string);

describe('a reload within the replay window', () => {
  it('shows the saved snapshots before the hello (connecting, stale), then resumes with only the missed frames', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
    const storage = createMemoryStorage();
    await visitAndLeave(server, storage);
    expect(entry(storage)).toMatchObject({ version: PERSIST_VERSION, epoch: 'epoch-1', seq: 1 });
    server.upsert(facts('a', { name: 'Renamed a' }));
    server.remove('b');

    const reload = load(server, storage);
    await opened(reload.client);
    const shown = reload.states.find((s) => s.workspaces.size > 0)!;
    expect(shown).toMatchObject({ status: 'connecting', isStale: true, origin: 'persisted', epoch: 'epoch-1', seq: 1 });
    expect(names(shown.workspaces)).toEqual({ a: 'Workspace a', b: 'Workspace b', c: 'Workspace c' });
    expect(selectSidebar(shown).length).toBe(3);
    expect(server.connections.at(-1)!.params).toMatchObject({ epoch: 'epoch-1', seq: '1' });
    await settle();
    expect(reload.frames).toEqual(['hello 1', 'patch 2', 'remove 3']);
    expect(reload.state()).toMatchObject({ status: 'open', isStale: false, origin: 'resumed', seq: 3 });
    expect(names(reload.state().workspaces)).toEqual({ a: 'Renamed a', c: 'Workspace c' });
    expect(reload.state().restored).toEqual({ savedAt: shown.restored!.savedAt, ageMs: 0 });
    expect(reload.errors).toEqual([]);
  });

  it('resumes over protocol version 1 from a state saved over version 2 (the snapshots are saved, not frames)', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
    const storage = createMemoryStorage();
    await visitAndLeave(server, storage);
    const oldServer = new MockSnapshotServer({ workspaces: [facts('a'), facts('b'), facts('c')], protocols: [1] });
    // The same epoch and log as the first server: it plays that server after a downgrade.
    oldServer.upsert(facts('c'));
    oldServer.upsert(facts('a', { name: 'Renamed a' }));

    const reload = load(oldServer, storage);
    // The refusal of version 2, then version 1 at once (a 0 ms timer, which fake time runs after 1 ms).
    await saved();
    await opened(reload.client);
    expect(oldServer.connections.at(-1)!.hello).toMatchObject({ resumed: true, epoch: 'epoch-1', seq: 1 });
    expect(reload.state().origin).toBe('resumed');
    expect(names(reload.state().workspaces)).toEqual({ a: 'Renamed a', b: 'Workspace b', c: 'Workspace c' });
  });
});

describe('a reload the server cannot resume', () => {
  it('after the replay window: a full hello replaces everything, a workspace removed meanwhile included', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')], replayLimit: 2 });
    const storage = createMemoryStorage();
    await visitAndLeave(server, storage);
    server.remove('b');
    server.upsert(facts('d'));
    server.upsert(facts('a', { name: 'Renamed a' }));

    const reload = load(server, storage);
    await opened(reload.client);
    expect(reload.states.find((s) => s.workspaces.size > 0)?.origin).toBe('persisted');
    expect(reload.frames).toEqual(['hello 4']);
    expect(reload.state()).toMatchObject({ origin: 'hello', seq: 4, isStale: false });
    expect(names(reload.state().workspaces)).toEqual({ a: 'Renamed a', c: 'Workspace c', d: 'Workspace d' });
  });

  it('after a server restart: the new epoch’s full hello replaces everything', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
    const storage = createMemoryStorage();
    await visitAndLeave(server, storage);
    server.remove('b');
    server.restart();

    const reload = load(server, storage);
    await opened(reload.client);
    expect(reload.state()).toMatchObject({ origin: 'hello', epoch: 'epoch-2', seq: 0 });
    expect(names(reload.state().workspaces)).toEqual({ a: 'Workspace a', c: 'Workspace c' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(entry(storage)).toMatchObject({ epoch: 'epoch-2', seq: 0 });
  });
});

describe('a saved entry that cannot be used is dropped, reported and never shown', () => {
  async function savedEntry() {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
    const storage = createMemoryStorage();
    await visitAndLeave(server, storage);
    return { server, storage, text: storage.entries.get(KEY) as string };
  }

  async function reloadWith(server: MockSnapshotServer, storage: MemoryStorage, namespace = 'user-1') {
    const reload = load(server, storage, namespace);
    await opened(reload.client);
    await settle();
    expect(reload.states.some((s) => s.origin === 'persisted')).toBe(false);
    expect(server.connections.at(-1)!.params.epoch).toBeNull();
    expect(reload.state().origin).toBe('hello');
    return reload;
  }

  it.each([
    ['not JSON', (text: string) => text.slice(0, 40), 'it is not JSON text'],
    [
      'a snapshot of the wrong type',
      (text: string) => text.replace('"name":"Workspace a"', '"name":42'),
      'snapshots.0.name: expected string, got 42',
    ],
    [
      'a workspace of another project',
      (text: string) => text.replace('"projectId":"p1","name":"Workspace a"', '"projectId":"p2","name":"Workspace a"'),
      'of project "p2"',
    ],
    ['a seq that is no count', (text: string) => text.replace('"seq":1', '"seq":-1'), 'seq: expected >= 0'],
  ])('a corrupted or tampered entry (%s)', async (_, corrupt, reason) => {
    const { server, storage, text } = await savedEntry();
    const corrupted = corrupt(text);
    expect(corrupted).not.toBe(text);
    storage.entries.set(KEY, corrupted);
    const reload = await reloadWith(server, storage);
    expect(reload.errors).toEqual([{ code: 'persisted_dropped', message: expect.stringContaining(reason) as string }]);
    expect(storage.calls).toContain(`remove ${KEY}`);
  });

  it('an entry of another client or protocol version, dropped whole', async () => {
    const { server, storage, text } = await savedEntry();
    storage.entries.set(KEY, text.replace(PERSIST_VERSION, 'livesnap-client/1 0.0.9 protocol/1'));
    const reload = await reloadWith(server, storage);
    expect(reload.errors).toEqual([
      {
        code: 'persisted_dropped',
        message: `${KEY} was dropped: its version is "livesnap-client/1 0.0.9 protocol/1"`,
      },
    ]);
  });

  it('another user’s entry under this user’s key; and another user’s own key is never read', async () => {
    const { server, storage, text } = await savedEntry();
    const otherKey = persistKey('user-2', 'p1');
    const separate = await reloadWith(server, storage, 'user-2');
    expect(separate.errors).toEqual([]);
    expect(storage.calls.filter((call) => call.startsWith('load'))).toEqual([`load ${KEY}`, `load ${otherKey}`]);
    separate.client.close();

    storage.entries.set(otherKey, text);
    const reload = await reloadWith(server, storage, 'user-2');
    expect(reload.errors).toEqual([
      {
        code: 'persisted_dropped',
        message: `${otherKey} was dropped: it is for namespace "user-1", project "p1"`,
      },
    ]);
  });
});

describe('saving', () => {
  it('saves at most once a second while frames flow, and the last state at close()', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const storage = createMemoryStorage();
    const page = load(server, storage);
    await opened(page.client);
    await saved();
    const saves = () => storage.calls.filter((call) => call.startsWith('save')).length;
    expect(saves()).toBe(1);
    for (let i = 0; i < 9; i++) {
      server.upsert(facts(`n${i}`));
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(saves()).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(saves()).toBe(2);
    expect(entry(storage).seq).toBe(9);
    server.upsert(facts('late'));
    await settle();
    expect(saves()).toBe(2);
    page.client.close();
    await settle();
    expect(saves()).toBe(3);
    expect(entry(storage).seq).toBe(10);
  });

  it('saves at once when the page is hidden (pagehide)', async () => {
    const page = new EventTarget();
    vi.stubGlobal('window', page);
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const storage = createMemoryStorage();
    const first = load(server, storage);
    await opened(first.client);
    await saved();
    server.upsert(facts('b'));
    await settle();
    expect(entry(storage).seq).toBe(0);
    page.dispatchEvent(new Event('pagehide'));
    await settle();
    expect(entry(storage).seq).toBe(1);
  });

  it('keeps the versions the snapshots do not tell: a stale upsert after the reload is still stale', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
    const storage = createMemoryStorage();
    const first = load(server, storage);
    await opened(first.client);
    server.upsert(facts('a'));
    server.upsert(facts('a', { name: 'Renamed a' }));
    server.remove('b');
    await settle();
    first.client.close();
    await settle();
    expect(entry(storage).versions).toEqual([['b', 0]]);

    const reload = load(server, storage);
    await opened(reload.client);
    server.sendStale('a');
    await settle();
    expect(names(reload.state().workspaces)).toEqual({ a: 'Renamed a' });
  });

  it('does not persist a project over maxChars, and says so once', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a'), facts('b')] });
    const storage = createMemoryStorage();
    const page = load(server, storage, 'user-1', 500);
    await opened(page.client);
    await settle();
    server.upsert(facts('c'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(storage.entries.size).toBe(0);
    expect(page.errors).toEqual([
      { code: 'persist_too_large', message: expect.stringContaining('over persist.maxChars') as string },
    ]);
  });

  it('reports a storage that fails, once while it keeps failing', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const storage = createMemoryStorage();
    storage.save = async () => {
      throw new Error('QuotaExceededError');
    };
    const page = load(server, storage);
    await opened(page.client);
    server.upsert(facts('b'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(page.errors).toEqual([
      { code: 'persist_failed', message: `the storage failed for ${KEY}: Error: QuotaExceededError` },
    ]);
  });
});

describe('clearPersisted()', () => {
  it('leaves nothing behind: the entry removed, and nothing saved after, not even at close()', async () => {
    const server = new MockSnapshotServer({ workspaces: [facts('a')] });
    const storage = createMemoryStorage();
    const page = load(server, storage);
    await opened(page.client);
    await saved();
    expect(storage.entries.has(KEY)).toBe(true);
    server.upsert(facts('b'));
    await page.client.clearPersisted();
    expect(storage.entries.size).toBe(0);
    server.upsert(facts('c'));
    await vi.advanceTimersByTimeAsync(2_000);
    page.client.close();
    await settle();
    expect(storage.entries.size).toBe(0);
    expect(storage.calls.at(-1)).toBe(`remove ${KEY}`);
  });

  it('resolves at once for a client without persist', async () => {
    const server = new MockSnapshotServer();
    const { client } = inProcessClient(server);
    clients.push(client);
    await expect(client.clearPersisted()).resolves.toBeUndefined();
  });
});

it('the entry’s client version is the package’s', () => {
  expect(CLIENT_VERSION).toBe(packageJson.version);
});
