// How big each chaos run is: the bounded subset that the README's test command runs (LIVESNAP_CHAOS unset), or the
// full runs of `pnpm test:chaos` (LIVESNAP_CHAOS=full), whose figures RELIABILITY.md reports.
export const FULL = process.env.LIVESNAP_CHAOS === 'full';

export const SIZES = FULL
  ? {
      crash: { clients: 50, projects: 5, workspaces: 20, changesPerSecond: 100, restarts: 3 },
      slowConsumer: { changes: 10_000, changesPerSecond: 1000, receivers: 10, workspaces: 100 },
      fuzz: { frames: 10_000, connections: 8, observers: 4 },
      isolation: { projects: 20, clientsPerProject: 10, changes: 5_000 },
      load: { receivers: 1000, realClients: 50, projects: 10, workspaces: 50, changesPerSecond: 200, seconds: 60 },
      sourceFaults: { receivers: 20, workspaces: 50, rounds: 50 },
    }
  : {
      crash: { clients: 50, projects: 5, workspaces: 10, changesPerSecond: 100, restarts: 1 },
      slowConsumer: { changes: 4_000, changesPerSecond: 1000, receivers: 10, workspaces: 100 },
      fuzz: { frames: 2_000, connections: 4, observers: 2 },
      isolation: { projects: 8, clientsPerProject: 5, changes: 1_000 },
      load: { receivers: 200, realClients: 10, projects: 10, workspaces: 50, changesPerSecond: 200, seconds: 10 },
      sourceFaults: { receivers: 5, workspaces: 20, rounds: 10 },
    };

/**
 * `LIVESNAP_CHAOS_LOAD=receivers=500,changesPerSecond=100,seconds=30` overrides the load run's sizes: how
 * RELIABILITY.md's search for the highest load held was made.
 */
for (const pair of (process.env.LIVESNAP_CHAOS_LOAD ?? '').split(',').filter(Boolean)) {
  const [key, value] = pair.split('=');
  if (!key || !(key in SIZES.load) || !Number.isInteger(Number(value))) {
    throw new Error(`LIVESNAP_CHAOS_LOAD: ${pair} is not <${Object.keys(SIZES.load).join('|')}>=<integer>`);
  }
  (SIZES.load as Record<string, number>)[key] = Number(value);
}
