// @livesnap/devtools: <SnapshotDevtools />, which renders nothing in a production build, as the TanStack Query
// devtools do, and bundles to nothing there: a bundler that defines `process.env.NODE_ENV` as "production" (Vite,
// webpack, Next, esbuild with `define`) folds the condition and drops the panel's code. For a panel in production, opt
// in with `@livesnap/devtools/production`.
import { SnapshotDevtools as Devtools } from './snapshot-devtools.js';

export type { DevtoolsPosition } from './settings.js';
export type { SnapshotDevtoolsProps } from './snapshot-devtools.js';
export type { WorkspaceField } from './workspace-table.js';

// Declared here, not taken from Node's types: the package runs in browsers, where the bundler replaces this read.
declare const process: { readonly env: { readonly NODE_ENV?: string } };

export const SnapshotDevtools: typeof Devtools = process.env.NODE_ENV === 'production' ? () => null : Devtools;
