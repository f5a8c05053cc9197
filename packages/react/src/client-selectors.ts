// One set of memoized selectors per client: the selectors remember their last input, so two clients read through one
// set would make each other recompute, and results would lose their identity. The hooks and the query bridge share it.
import { createSnapshotSelectors, type SnapshotClient, type SnapshotSelectors } from '@livesnap/client';

const sets = new WeakMap<SnapshotClient, SnapshotSelectors>();

/** The selectors of `client`: the same set every time for the same client. */
export function selectorsOf(client: SnapshotClient): SnapshotSelectors {
  let selectors = sets.get(client);
  if (selectors === undefined) {
    selectors = createSnapshotSelectors();
    sets.set(client, selectors);
  }
  return selectors;
}
