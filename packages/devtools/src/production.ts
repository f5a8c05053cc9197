// @livesnap/devtools/production: the panel in any build, production included, on purpose. Its code is loaded when it
// first renders (React.lazy), so the app's first load does not carry it.
import { createElement as h, lazy, type ReactNode, Suspense } from 'react';
import type { SnapshotDevtoolsProps } from './snapshot-devtools.js';

export type { DevtoolsPosition } from './settings.js';
export type { SnapshotDevtoolsProps } from './snapshot-devtools.js';
export type { WorkspaceField } from './workspace-table.js';

const LazyDevtools = lazy(() =>
  import('./snapshot-devtools.js').then((module) => ({ default: module.SnapshotDevtools })),
);

/** `<SnapshotDevtools />` in every build; renders nothing until its code has loaded. */
export function SnapshotDevtools(props: SnapshotDevtoolsProps): ReactNode {
  return h(Suspense, { fallback: null }, h(LazyDevtools, props));
}
