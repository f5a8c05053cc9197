// Test fixtures (also `@livesnap/server/testing`, for the packages that extend the server): a scriptable data source,
// a real HTTP server with the endpoint on 127.0.0.1:0, and a `ws` client that validates every frame and applies the
// stream the way PROTOCOL.md tells a client to (a harness's clients speak version 1 unless their query asks for 2).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  applyPatch,
  buildSnapshot,
  decodeServerFrame,
  type GitStats,
  type PatchMessage,
  type ServerMessage,
  type StreamMessage,
  VISIBLE_FIELDS,
  visibleFieldsEqual,
  type WorkspaceFacts,
  type WorkspaceSnapshot,
} from '@livesnap/protocol';
import { makeFacts } from '@livesnap/protocol/testing';
import { type ClientOptions, WebSocket } from 'ws';
import {
  attachSnapshotEndpoint,
  createSnapshotService,
  type Logger,
  type Scheduler,
  type SnapshotEndpoint,
  type SnapshotEndpointOptions,
  type SnapshotFeed,
  type SnapshotService,
  type SnapshotServiceOptions,
  type SnapshotSource,
  snapshotFeedOf,
} from '../src/index.js';

type Answer<T> = Promise<T> | undefined;

/** An in-memory data source whose answers, calls and overlaps tests can see and script. */
export class FakeSource implements SnapshotSource {
  readonly facts = new Map<string, WorkspaceFacts>();
  readonly projects = new Set<string>();
  /** When each loadWorkspace call of each workspace started, by `clock`. */
  readonly workspaceCalls = new Map<string, number[]>();
  /** The clock `workspaceCalls` is read on; a test on manual time sets its scheduler's. */
  clock: () => number = () => performance.now();
  projectCalls = 0;
  /** Per workspace: reads of it running at once, at most. */
  readonly maxOverlap = new Map<string, number>();
  private readonly running = new Map<string, number>();
  /** Return a promise to replace an answer; undefined to answer from `facts`. */
  onLoadWorkspace: (workspaceId: string) => Answer<unknown> = () => undefined;
  onLoadProject: (projectId: string) => Answer<unknown> = () => undefined;

  constructor(facts: WorkspaceFacts[] = []) {
    for (const f of facts) this.put(f);
  }

  put(facts: WorkspaceFacts): void {
    this.projects.add(facts.projectId);
    this.facts.set(facts.workspaceId, facts);
  }

  change(workspaceId: string, overrides: Partial<WorkspaceFacts>): void {
    const held = this.facts.get(workspaceId);
    if (!held) throw new Error(`no workspace ${workspaceId}`);
    this.facts.set(workspaceId, { ...held, ...overrides });
  }

  async loadProject(projectId: string): Promise<WorkspaceFacts[] | null> {
    this.projectCalls += 1;
    const scripted = this.onLoadProject(projectId);
    if (scripted) return (await scripted) as WorkspaceFacts[] | null;
    return this.projectNow(projectId);
  }

  /** What `loadProject` answers at this moment. */
  projectNow(projectId: string): WorkspaceFacts[] | null {
    if (!this.projects.has(projectId)) return null;
    return [...this.facts.values()].filter((f) => f.projectId === projectId).map((f) => ({ ...f }));
  }

  async loadWorkspace(workspaceId: string): Promise<WorkspaceFacts | null> {
    const calls = this.workspaceCalls.get(workspaceId) ?? [];
    calls.push(this.clock());
    this.workspaceCalls.set(workspaceId, calls);
    const running = (this.running.get(workspaceId) ?? 0) + 1;
    this.running.set(workspaceId, running);
    this.maxOverlap.set(workspaceId, Math.max(running, this.maxOverlap.get(workspaceId) ?? 0));
    try {
      const scripted = this.onLoadWorkspace(workspaceId);
      if (scripted) return (await scripted) as WorkspaceFacts | null;
      await Promise.resolve();
      const held = this.facts.get(workspaceId);
      return held ? { ...held } : null;
    } finally {
      this.running.set(workspaceId, (this.running.get(workspaceId) ?? 1) - 1);
    }
  }
}

/** A source that also serves git stats from a map. */
export class FakeGitSource extends FakeSource {
  readonly gitStats = new Map<string, GitStats>();
  gitCalls = 0;
  async loadGitStats(workspaceId: string): Promise<GitStats | null> {
    this.gitCalls += 1;
    return this.gitStats.get(workspaceId) ?? null;
  }
}

export function facts(workspaceId: string, projectId = 'p1', overrides: Partial<WorkspaceFacts> = {}): WorkspaceFacts {
  return makeFacts({
    workspaceId,
    projectId,
    name: `Workspace ${workspaceId}`,
    branchName: `feature/${workspaceId}`,
    ...overrides,
  });
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  context: Readonly<Record<string, unknown>> | undefined;
}

export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry['level']) =>
    (message: string, context?: Readonly<Record<string, unknown>>): void => {
      entries.push({ level, message, context });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Harness {
  readonly server: Server;
  readonly service: SnapshotService;
  /** The service's plumbing, for reading the state the endpoint serves. */
  readonly feed: SnapshotFeed;
  readonly endpoint: SnapshotEndpoint;
  readonly logger: ReturnType<typeof recordingLogger>;
  readonly port: number;
  /** The server's side of every TCP connection it accepted, in order (the last is the latest client's). */
  readonly sockets: Socket[];
  url(query?: Record<string, string>, path?: string): string;
  connect(query?: Record<string, string>, options?: ClientOptions): TestClient;
  close(): Promise<void>;
}

export async function startHarness(
  source: SnapshotSource,
  serviceOptions: Partial<SnapshotServiceOptions> = {},
  endpointOptions: SnapshotEndpointOptions = {},
  server: Server = createServer(),
): Promise<Harness> {
  const logger = recordingLogger();
  const service = createSnapshotService({ source, coalesceMs: 10, logger, ...serviceOptions });
  const endpoint = attachSnapshotEndpoint(server, service, { logger, ...endpointOptions });
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const clients: TestClient[] = [];
  const url = (query: Record<string, string> = { projectId: 'p1', protocol: '1' }, path = '/snapshots') =>
    `ws://127.0.0.1:${port}${path}?${new URLSearchParams(query)}`;
  return {
    server,
    service,
    feed: snapshotFeedOf(service),
    endpoint,
    logger,
    port,
    sockets,
    url,
    connect(query, options) {
      const client = new TestClient(url(query), options);
      clients.push(client);
      return client;
    },
    async close() {
      await endpoint.close();
      await service.stop();
      for (const client of clients) client.ws.terminate();
      await Promise.all(clients.map((c) => c.closed));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A `ws` client that validates every frame and holds the state a protocol-abiding client would. */
export class TestClient {
  readonly ws: WebSocket;
  readonly frames: string[] = [];
  readonly messages: ServerMessage[] = [];
  /** Every upsert, remove and patch received, batches unpacked, in order. */
  readonly stream: StreamMessage[] = [];
  readonly invalid: string[] = [];
  readonly gaps: { expected: number; got: number }[] = [];
  /** Patches whose base this client did not hold (no such workspace, or another version): never applied. */
  readonly unbased: PatchMessage[] = [];
  readonly snapshots = new Map<string, WorkspaceSnapshot>();
  epoch: string | null = null;
  seq = 0;
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { predicate: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  constructor(url: string, options?: ClientOptions) {
    this.ws = new WebSocket(url, options);
    this.ws.on('error', () => {});
    this.opened = once(this.ws, 'open').then(() => undefined);
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      this.frames.push(text);
      const decoded = decodeServerFrame(isBinary ? (data as Buffer) : text);
      if (!decoded.ok) {
        this.invalid.push(text);
        return;
      }
      this.receive(decoded.message);
    });
  }

  private receive(message: ServerMessage): void {
    this.messages.push(message);
    if (message.type === 'hello') {
      if (!message.resumed) {
        this.snapshots.clear();
        for (const s of message.snapshots) this.snapshots.set(s.workspaceId, s);
      }
      this.epoch = message.epoch;
      this.seq = message.seq;
    } else if (message.type === 'batch') {
      for (const m of message.messages) this.apply(m);
    } else if (message.type === 'upsert' || message.type === 'remove' || message.type === 'patch') {
      this.apply(message);
    }
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.predicate(message)) return true;
      waiter.resolve(message);
      return false;
    });
  }

  private apply(message: StreamMessage): void {
    this.stream.push(message);
    if (message.seq !== this.seq + 1) this.gaps.push({ expected: this.seq + 1, got: message.seq });
    this.seq = message.seq;
    if (message.type === 'upsert') this.snapshots.set(message.snapshot.workspaceId, message.snapshot);
    else if (message.type === 'remove') this.snapshots.delete(message.workspaceId);
    else {
      const held = this.snapshots.get(message.workspaceId);
      if (held?.version === message.baseVersion) this.snapshots.set(message.workspaceId, applyPatch(held, message));
      else this.unbased.push(message);
    }
  }

  /** The first message (received already or later) that matches. */
  waitFor<T extends ServerMessage>(predicate: (m: ServerMessage) => m is T): Promise<T>;
  waitFor(predicate: (m: ServerMessage) => boolean): Promise<ServerMessage>;
  waitFor(predicate: (m: ServerMessage) => boolean): Promise<ServerMessage> {
    const held = this.messages.find(predicate);
    if (held) return Promise.resolve(held);
    return new Promise((resolve) => this.waiters.push({ predicate, resolve }));
  }

  /** The next message after those received so far. */
  next(): Promise<ServerMessage> {
    const seen = this.messages.length;
    return this.waitFor((m) => this.messages.indexOf(m) >= seen);
  }

  hello(): Promise<Extract<ServerMessage, { type: 'hello' }>> {
    return this.waitFor((m): m is Extract<ServerMessage, { type: 'hello' }> => m.type === 'hello');
  }

  /** Resolves once the stream reached `seq`. */
  reach(seq: number): Promise<unknown> {
    return this.seq >= seq && this.epoch !== null ? Promise.resolve() : this.waitFor(() => this.seq >= seq);
  }

  send(frame: string | Buffer): void {
    this.ws.send(frame);
  }
}

/**
 * How the snapshots a client holds differ from the source's facts of a project, on every visible field (every fact and
 * every derived field, compared by `visibleFieldsEqual`): workspaces missing, workspaces the source does not have, and
 * for the others the fields that differ. Empty when the client has converged.
 */
export function divergence(
  held: ReadonlyMap<string, WorkspaceSnapshot>,
  all: Iterable<WorkspaceFacts>,
  projectId: string,
): string[] {
  const expected = new Map([...all].filter((f) => f.projectId === projectId).map((f) => [f.workspaceId, f]));
  const found: string[] = [];
  for (const [workspaceId, f] of expected) {
    const snapshot = held.get(workspaceId);
    if (!snapshot) {
      found.push(`${workspaceId}: missing`);
      continue;
    }
    const want = buildSnapshot(f, { version: 0, computedAt: new Date(0).toISOString(), source: 'initial' });
    if (visibleFieldsEqual(snapshot, want)) continue;
    const fields = VISIBLE_FIELDS.filter((key) => JSON.stringify(snapshot[key]) !== JSON.stringify(want[key]));
    found.push(`${workspaceId}: ${fields.join(', ')} differ`);
  }
  for (const workspaceId of held.keys())
    if (!expected.has(workspaceId)) found.push(`${workspaceId}: not in the source`);
  return found;
}

/** Resolves when `predicate` holds, polling on each turn of the event loop (for effects with no event to await). */
export async function until(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A scheduler on manual time: nothing fires until the test advances the clock. Each due timer runs in time order, and
 * the event loop turns once after it, so that the work it started (a source read, a commit) can finish.
 */
export function manualScheduler() {
  let now = 0;
  let due: { at: number; ms: number; fn: () => void }[] = [];
  const scheduler: Scheduler = {
    now: () => now,
    schedule(fn, ms) {
      const entry = { at: now + ms, ms, fn };
      due.push(entry);
      return () => {
        due = due.filter((d) => d !== entry);
      };
    },
  };
  return {
    scheduler,
    get now() {
      return now;
    },
    /** The delays of the timers not yet fired, in the order they were set. */
    pending: () => due.map((d) => d.ms),
    /** Runs every timer due up to `t`, then sets the clock to `t`. */
    async advanceTo(t: number): Promise<void> {
      for (;;) {
        const next = due.filter((d) => d.at <= t).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        due = due.filter((d) => d !== next);
        now = next.at;
        next.fn();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = t;
    },
  };
}

/** A promise and the function that resolves it, for a test to decide when something answers. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
