// `pnpm docs`: the API reference of every public entry, from the TSDoc comments, into docs/api/ (not committed). The
// entries are read from the packages' `exports`, as the build and the pack check read them, and the validation fails
// the run for a public export left undocumented or a broken link.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageEntries, readManifest } from './scripts/package-entries.mjs';

const root = import.meta.dirname;
const entryPoints = readdirSync(join(root, 'packages'))
  .map((name) => ({ dir: join(root, 'packages', name), manifest: readManifest(join(root, 'packages', name)) }))
  .filter(({ manifest }) => manifest.private !== true)
  .flatMap(({ dir, manifest }) =>
    packageEntries(manifest)
      .filter((entry) => entry.source !== undefined)
      .map((entry) => join(dir, entry.source)),
  );

/** @type {import('typedoc').TypeDocOptions} */
export default {
  name: 'Livesnap',
  entryPoints,
  entryPointStrategy: 'resolve',
  tsconfig: join(root, 'tsconfig.typedoc.json'),
  out: join(root, 'docs', 'api'),
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // Every export must say what it is; members of documented types are read with their type.
  requiredToBeDocumented: ['Enum', 'Variable', 'Function', 'Class', 'Interface', 'TypeAlias'],
  treatWarningsAsErrors: true,
  logLevel: 'Warn',
};
