// The real @livesnap/server in-process, on 127.0.0.1 and an ephemeral port, over an in-memory source: the client's
// property test runs a share of its scenarios against it, so that the mock server and the real one cannot drift.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSnapshot, type WorkspaceFacts, type WorkspaceSnapshot } from '@livesnap/protocol';
import { attachSnapshotEndpoint, createSnapshotService } from '@livesnap/server';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export class RealSnapshotServer {
  readonly url: string;
  readonly #projectId: string;
  /** The data source: what every client must hold once changes stop. */
  readonly #facts = new Map<string, WorkspaceFacts>();
  readonly #http: Server;
  #service: ReturnType<typeof createSnapshotService>;
  #endpoint: ReturnType<typeof attachSnapshotEndpoint>;

  private constructor(projectId: string, http: Server) {
    this.#projectId = projectId;
    this.#http = http;
    this.url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/snapshots`;
    this.#service = this.#startService();
    this.#endpoint = attachSnapshotEndpoint(http, this.#service, { logger: quiet });
  }

  static async start(projectId: string, initial: readonly WorkspaceFacts[]): Promise<RealSnapshotServer> {
    // Between two endpoints nobody takes the upgrade: it is answered (503), or the client waits for its timeout.
    const http = createServer((_request, response) => response.writeHead(503).end());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const server = new RealSnapshotServer(projectId, http);
    for (const facts of initial) server.#facts.set(facts.workspaceId, facts);
    return server;
  }

  /** The source's workspaces as snapshots (metadata aside: compare visible fields). */
  get workspaces(): ReadonlyMap<string, WorkspaceSnapshot> {
    const computedAt = new Date(0).toISOString();
    return new Map(
      [...this.#facts].map(([id, facts]) => [id, buildSnapshot(facts, { version: 0, computedAt, source: 'initial' })]),
    );
  }

  /** Writes a workspace to the source and tells the service. */
  put(facts: WorkspaceFacts): void {
    this.#facts.set(facts.workspaceId, facts);
    this.#service.invalidate(facts.workspaceId, { projectId: this.#projectId });
  }

  /** Deletes a workspace from the source and tells the service. */
  delete(workspaceId: string): void {
    this.#facts.delete(workspaceId);
    this.#service.invalidate(workspaceId, { projectId: this.#projectId });
  }

  /** The endpoint goes away and comes back on the same service: clients reconnect and resume. */
  async restartEndpoint(): Promise<void> {
    await this.#endpoint.close();
    this.#endpoint = attachSnapshotEndpoint(this.#http, this.#service, { logger: quiet });
  }

  /** The whole service restarts: a new epoch, so clients take a full hello. */
  async restartService(): Promise<void> {
    await this.#endpoint.close();
    await this.#service.stop();
    this.#service = this.#startService();
    this.#endpoint = attachSnapshotEndpoint(this.#http, this.#service, { logger: quiet });
  }

  /** Resolves once every change told to the service is broadcast. */
  flush(): Promise<void> {
    return this.#service.flush();
  }

  async close(): Promise<void> {
    await this.#endpoint.close();
    await this.#service.stop();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #startService() {
    const source = {
      loadProject: async (projectId: string) => (projectId === this.#projectId ? [...this.#facts.values()] : null),
      loadWorkspace: async (workspaceId: string) => this.#facts.get(workspaceId) ?? null,
    };
    return createSnapshotService({ source, coalesceMs: 0, reconcileIntervalMs: 60_000, logger: quiet });
  }
}
