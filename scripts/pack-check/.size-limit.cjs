// The size budget of what a browser ships, measured by the pack check on the installed packages (size-limit with
// esbuild, minified and gzipped): an entry per import a user makes, the peers and the packages below it ignored where
// the row says so. packages/client/test/bundle.test.ts asserts the same sizes on the sources.
const peers = ['react', 'react-dom', 'zustand'];
const livesnap = ['@livesnap/client', '@livesnap/protocol', '@livesnap/react'];

/** The devtools render nothing in a production build: its development size is measured as a development build. */
const development = (config) => ({ ...config, define: { ...config.define, 'process.env.NODE_ENV': '"development"' } });

module.exports = [
  {
    name: '@livesnap/client: createSnapshotClient and the selectors',
    path: 'node_modules/@livesnap/client/dist/index.js',
    import: '{ createSnapshotClient, selectWorkspace, selectWorkspaceList, selectSidebar, selectKanbanColumns }',
    gzip: true,
    limit: '20 KiB',
  },
  {
    name: '@livesnap/react: the provider and every hook, on top of the client (peers and the client ignored)',
    path: 'node_modules/@livesnap/react/dist/index.js',
    import:
      '{ SnapshotProvider, useSnapshotClient, useWorkspaceSnapshot, useProjectSnapshots, useSidebarWorkspaces, useKanbanColumns, useKanbanColumn, useSidebarWorkspaceIds, useKanbanColumnIds, useSnapshotStatus, useSnapshotSelector, useSuspenseProjectSnapshots }',
    ignore: [...peers, ...livesnap],
    gzip: true,
    limit: '2 KiB',
  },
  {
    name: '@livesnap/react: the provider and two hooks, with the client (react ignored)',
    path: 'node_modules/@livesnap/react/dist/index.js',
    import: '{ SnapshotProvider, useSidebarWorkspaces, useSnapshotStatus }',
    ignore: ['react', 'react-dom'],
    gzip: true,
    limit: '21.5 KiB',
  },
  {
    name: '@livesnap/react/query: the TanStack Query bridge (peers, TanStack Query and the client ignored)',
    path: 'node_modules/@livesnap/react/dist/query.js',
    import: '{ syncSnapshotsToQueryClient, livePollingInterval, legacyQueryKeys }',
    ignore: [...peers, ...livesnap, '@tanstack/react-query'],
    gzip: true,
    limit: '2 KiB',
  },
  {
    name: '@livesnap/devtools in a development build: the panel (peers and the livesnap packages ignored)',
    path: 'node_modules/@livesnap/devtools/dist/index.js',
    import: '{ SnapshotDevtools }',
    ignore: [...peers, ...livesnap],
    modifyEsbuildConfig: development,
    gzip: true,
    limit: '7 KiB',
  },
  {
    name: '@livesnap/devtools in a production build: nothing',
    path: 'node_modules/@livesnap/devtools/dist/index.js',
    import: '{ SnapshotDevtools }',
    ignore: [...peers, ...livesnap],
    gzip: true,
    limit: '100 B',
  },
  {
    name: '@livesnap/devtools/production: the loader and the panel it loads lazily (peers and the livesnap packages ignored)',
    path: 'node_modules/@livesnap/devtools/dist/production.js',
    import: '{ SnapshotDevtools }',
    ignore: [...peers, ...livesnap],
    gzip: true,
    limit: '7 KiB',
  },
];
