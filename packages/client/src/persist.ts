// @livesnap/client/persist: warm start (README, *Persistence*). `persistence({ storage, namespace })` is the value of
// the client's `persist` option; an entry of its own, so that an app that does not persist ships none of this.
import { checkFunction, checkInteger, checkNonEmptyString, checkObject, optional } from './check.js';
import type { Persistence } from './persistence.js';
import { createPersister, DEFAULT_PERSIST_MAX_CHARS, type PersistOptions } from './persister.js';

export { PERSIST_VERSION, persistKey } from './persisted-entry.js';
export type { Persistence } from './persistence.js';
export type { PersistOptions, PersistStorage } from './persister.js';
export { DEFAULT_PERSIST_MAX_CHARS, PERSIST_INTERVAL_MS } from './persister.js';

/** The `persist` option: keep the client's state in `storage` under `namespace` (a user id) and the project. */
export function persistence(options: PersistOptions): Persistence {
  const checked = checkObject('persistence options', options);
  const storage = checkObject('storage', checked.storage);
  for (const method of ['load', 'save', 'remove']) checkFunction(`storage.${method}`, storage[method]);
  const resolved: Required<PersistOptions> = {
    storage: options.storage,
    namespace: checkNonEmptyString('namespace', checked.namespace),
    maxChars: optional(checked.maxChars, DEFAULT_PERSIST_MAX_CHARS, (v) =>
      checkInteger('maxChars', v, 1, Number.MAX_SAFE_INTEGER),
    ),
  };
  return { namespace: resolved.namespace, attach: (deps) => createPersister(resolved, deps) };
}
