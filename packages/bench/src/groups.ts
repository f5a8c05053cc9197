// Every group of `pnpm bench`, in the order it runs and is published. A new group is one file and one line here.
import { bundleGroup } from './bundle.js';
import { clientStateGroup } from './client-state.js';
import { initialLoadGroup } from './initial-load.js';
import { latencyGroup } from './latency.js';
import { memoryGroup } from './memory.js';
import { oneFactGroup } from './one-fact-changes.js';
import { pollingGroup } from './polling.js';
import { reactRendersGroup } from './react-renders.js';
import { redisGroup } from './redis.js';
import type { BenchGroup } from './row.js';
import { stormsGroup } from './storms.js';
import { throughputGroup } from './throughput.js';
import { warmStartGroup } from './warm-start.js';

export const GROUPS: readonly BenchGroup[] = [
  latencyGroup,
  throughputGroup,
  stormsGroup,
  pollingGroup,
  oneFactGroup,
  clientStateGroup,
  reactRendersGroup,
  memoryGroup,
  initialLoadGroup,
  warmStartGroup,
  bundleGroup,
  redisGroup,
];
