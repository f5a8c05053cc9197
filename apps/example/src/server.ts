// The example server: an HTTP server with the snapshot endpoint, on an in-memory source with simulated activity.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachSnapshotEndpoint, createSnapshotService, type Logger } from '@livesnap/server';
import { MemorySource } from './memory-source.js';
import { newWorkspace, simulateStep } from './simulation.js';

export interface ExampleServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  projects?: readonly string[];
  workspacesPerProject?: number;
  /** Simulated events per second per project; 0 turns the simulation off. */
  eventsPerSecond?: number;
  reconcileIntervalMs?: number;
  logger?: Logger;
}

export interface ExampleServer {
  readonly url: string;
  readonly source: MemorySource;
  /** Reports a change to the service, as a domain of the host app would. */
  invalidate(workspaceId: string): void;
  close(): Promise<void>;
}

function listen(http: ReturnType<typeof createServer>, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
}

export async function startExampleServer(options: ExampleServerOptions = {}): Promise<ExampleServer> {
  const { host = '127.0.0.1', port = 0, projects = ['demo'], workspacesPerProject = 6, eventsPerSecond = 2 } = options;
  const source = new MemorySource();
  const started = Date.now();
  for (const projectId of projects) {
    source.addProject(projectId);
    for (let i = 0; i < workspacesPerProject; i++) {
      // Seeded a minute apart, so the list has a stable newest-first order.
      source.put({
        ...newWorkspace(projectId, new Date(started - (workspacesPerProject - i) * 60_000)),
        status: 'READY',
      });
    }
  }

  const service = createSnapshotService({
    source,
    reconcileIntervalMs: options.reconcileIntervalMs ?? 60_000,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const http = createServer((_request, response) => {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('The snapshot endpoint is at /snapshots\n');
  });
  const endpoint = attachSnapshotEndpoint(http, service, options.logger ? { logger: options.logger } : {});
  service.start();
  try {
    await listen(http, port, host);
  } catch (error) {
    await endpoint.close();
    await service.stop();
    throw error;
  }
  const address = http.address() as AddressInfo;

  const invalidate = (workspaceId: string) => service.invalidate(workspaceId);
  const simulation =
    eventsPerSecond > 0
      ? setInterval(() => {
          for (const projectId of projects) simulateStep({ source, projectId, onChange: invalidate });
        }, 1000 / eventsPerSecond)
      : null;

  return {
    url: `ws://${host}:${address.port}/snapshots`,
    source,
    invalidate,
    async close() {
      if (simulation) clearInterval(simulation);
      await endpoint.close();
      await service.stop();
      await new Promise<void>((resolve, reject) => http.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
