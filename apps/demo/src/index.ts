// @livesnap/demo: the demo server, started programmatically (tests, benchmarks) as `pnpm start` starts it.
export type { ActionInput, ActionName } from './actions.js';
export { ACTION_NAMES } from './actions.js';
export type { DemoServer, DemoServerOptions } from './demo-server.js';
export { DEMO_DEFAULTS, startDemoServer } from './demo-server.js';
export type { PageFactory, PageHandler, PagePlugin } from './http-routes.js';
export type { MetricsReport, WorkPath } from './metrics.js';
export { SEED_DEFAULTS, SEED_PROJECTS } from './seed.js';
