// Which compiled better-sqlite3 addon this Node loads. The package compiles one, for the Node that ran
// `pnpm install`; the test command also runs the demo on other Node versions from the same install, and builds an
// addon for each into `<better-sqlite3>/build/node-v<ABI>/` (scripts/native-addons.mjs). The one matching this
// Node's ABI wins when it is there; otherwise the package loads its own, as it does for every user.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function sqliteAddonPath(): string | undefined {
  const pkg = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  const candidate = join(pkg, 'build', `node-v${process.versions.modules}`, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}
