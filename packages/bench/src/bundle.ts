// Row 8, bundle: gzipped bytes of what a browser app ships, bundled by esbuild (minified, ESM, browser platform) in
// this run: the client with its selectors, @livesnap/react's hooks with the client they need, and the devtools panel,
// beside socket.io-client, partysocket and reconnecting-websocket alone, from the registry packages installed here.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { BenchGroup, GroupResult, Row } from './row.js';

interface Entry {
  name: string;
  contents: string;
  external?: string[];
  define?: Record<string, string>;
}

const REACT_PEERS = ['react', 'react-dom', 'zustand'];

const ENTRIES = {
  client: {
    name: '@livesnap/client: createSnapshotClient + the selectors',
    contents:
      "export { createSnapshotClient, createSnapshotSelectors, selectWorkspace, selectWorkspaceList, selectSidebar, selectKanbanColumns } from '@livesnap/client';",
  },
  react: {
    name: "@livesnap/react's hooks with the client they need (React and zustand external)",
    contents: "export * from '@livesnap/react';",
    external: REACT_PEERS,
  },
  devtools: {
    name: '@livesnap/devtools in development (React, zustand and @livesnap/* external)',
    contents: "export * from '@livesnap/devtools';",
    external: [...REACT_PEERS, '@livesnap/client', '@livesnap/protocol', '@livesnap/react'],
    define: { 'process.env.NODE_ENV': '"development"' },
  },
  socketio: { name: 'socket.io-client', contents: "export { io } from 'socket.io-client';" },
  partysocket: { name: 'partysocket', contents: "export { WebSocket } from 'partysocket';" },
  rws: { name: 'reconnecting-websocket', contents: "export { default } from 'reconnecting-websocket';" },
} satisfies Record<string, Entry>;

async function gzippedBytes(entry: Entry): Promise<number> {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: entry.external ?? [],
    define: entry.define ?? {},
    write: false,
    logLevel: 'silent',
  });
  return gzipSync(result.outputFiles[0]!.contents).length;
}

async function run(): Promise<GroupResult> {
  const sizes = Object.fromEntries(
    await Promise.all(Object.entries(ENTRIES).map(async ([key, entry]) => [key, await gzippedBytes(entry)] as const)),
  ) as Record<keyof typeof ENTRIES, number>;
  const row = (ours: 'client' | 'react' | 'devtools', theirs: 'socketio' | 'partysocket' | 'rws'): Row => ({
    name: ENTRIES[ours].name,
    livesnap: sizes[ours],
    unit: 'B',
    baselineName: `${ENTRIES[theirs].name} alone`,
    baseline: sizes[theirs],
    ...(ours === 'client' ? { target: { text: '≤ 15 KB', met: sizes.client <= 15 * 1024 } } : {}),
  });
  return {
    rows: [
      row('client', 'socketio'),
      row('client', 'partysocket'),
      row('client', 'rws'),
      row('react', 'socketio'),
      row('devtools', 'socketio'),
    ],
    charts: [
      {
        file: 'bundle',
        title: 'Gzipped bytes a browser app ships (esbuild, minified)',
        unit: 'KB gzipped',
        categories: [
          'client + selectors',
          'react hooks + client',
          'devtools',
          'socket.io-client',
          'partysocket',
          'rws',
        ],
        series: [
          {
            name: 'gzipped KB',
            values: [sizes.client, sizes.react, sizes.devtools, sizes.socketio, sizes.partysocket, sizes.rws].map(
              (bytes) => bytes / 1024,
            ),
          },
        ],
      },
    ],
    details: sizes,
  };
}

export const bundleGroup: BenchGroup = {
  id: 'bundle',
  title: 'Bundle',
  measures:
    'Gzipped bytes of a browser bundle made by esbuild in this run (minified, ESM, browser platform, everything bundled unless said external): `createSnapshotClient` and the selectors (with zod/mini, the schemas and zustand), `@livesnap/react` with the client it needs, and the devtools panel in development; beside socket.io-client, partysocket and reconnecting-websocket alone (devDependencies of packages/bench, from the registry). Sizes are facts, not timings: they do not move with the machine.',
  run,
};
