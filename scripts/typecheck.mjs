#!/usr/bin/env node
// `pnpm typecheck`: the programs that each package's own `typecheck` script runs (`tsc --noEmit -p …`, read from its
// package.json) and docs/tsconfig.json, each with its own config, files and options, checked whole as tsc checks
// it; in one process instead of ~16. Each tsc process parsed and bound the lib files, @types/node, zod, React and the
// shared sources again and ran the checker before V8 had compiled it, which was most of the time. Here a file is
// parsed once for every program that reads it alike (as tsc -b does with .d.ts files across projects, and the
// language service with every file). So `packages/client/tsconfig.json` (DOM lib, no Node types) still checks the
// client's sources, and everything they import, without Node types. Nothing is emitted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');

/** Configs outside the workspace packages that `pnpm typecheck` checks too. */
const EXTRA_CONFIGS = ['docs/tsconfig.json'];

/** A package's `typecheck` script as it must read: `tsc --noEmit -p <config>`, joined by `&&`. */
const TSC_COMMAND = /^tsc --noEmit -p (\S+)$/;

/** The package folders of pnpm-workspace.yaml (entries `folder/*` or `folder`). */
function workspaceFolders() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const list = yaml.match(/^packages:\n((?:[ \t]+- .*\n)+)/m);
  if (!list) throw new Error('pnpm-workspace.yaml: no `packages:` list');
  return list[1]
    .trim()
    .split('\n')
    .flatMap((line) => {
      const entry = line.replace(/^\s*- /, '').replace(/^['"]|['"]$/g, '');
      if (!/^[\w.-]+(\/[\w.-]+)*(\/\*)?$/.test(entry)) throw new Error(`pnpm-workspace.yaml: cannot read \`${entry}\``);
      if (!entry.endsWith('/*')) return [entry];
      const parent = entry.slice(0, -2);
      return readdirSync(join(root, parent), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `${parent}/${d.name}`);
    });
}

/** Every tsconfig that `pnpm typecheck` checks, relative to the root, in workspace order. */
function configPaths() {
  const paths = [];
  for (const folder of workspaceFolders()) {
    const file = join(root, folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8'));
    const script = manifest.scripts?.typecheck;
    if (script === undefined) continue;
    for (const command of script.split('&&').map((c) => c.trim())) {
      const match = TSC_COMMAND.exec(command);
      if (!match) throw new Error(`${folder}/package.json: typecheck runs \`${command}\`, not \`tsc --noEmit -p …\``);
      paths.push(join(folder, match[1]));
    }
  }
  return [...paths, ...EXTRA_CONFIGS];
}

/**
 * A compiler host that hands out one parsed file per name to every program of this run whose options parse and
 * bind it alike: all options but `lib` and `types` (which decide which files a program has, not how one reads).
 */
function cachingHost(options, cache) {
  const host = ts.createCompilerHost(options);
  // What tsc parses of JSDoc comments: the parts that can produce errors.
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const { lib: _lib, types: _types, configFilePath: _path, ...parsing } = options;
  const scope = JSON.stringify(parsing, Object.keys(parsing).sort());
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, settings, onError, fresh) => {
    const { languageVersion, impliedNodeFormat } =
      typeof settings === 'object' ? settings : { languageVersion: settings };
    const key = `${scope}\0${languageVersion}\0${impliedNodeFormat}\0${fileName}`;
    let file = fresh ? undefined : cache.get(key);
    if (file === undefined) {
      file = getSourceFile(fileName, settings, onError, fresh);
      if (file !== undefined) cache.set(key, file);
    }
    return file;
  };
  return host;
}

/** What `tsc --noEmit -p <path>` reports, as printed text; `errors` counts the errors. */
function check(path, cache, pretty) {
  const started = performance.now();
  const configDiagnostics = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, path),
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => configDiagnostics.push(d) },
  );
  let diagnostics = configDiagnostics;
  let files = 0;
  const host = cachingHost(parsed?.options ?? {}, cache);
  if (parsed !== undefined) {
    const program = ts.createProgram({
      rootNames: parsed.fileNames,
      options: parsed.options,
      projectReferences: parsed.projectReferences,
      configFileParsingDiagnostics: parsed.errors,
      host,
    });
    diagnostics = [...ts.getPreEmitDiagnostics(program)];
    files = program.getSourceFiles().length;
  }
  const format = pretty ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  return {
    files,
    seconds: (performance.now() - started) / 1000,
    errors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length,
    texts: diagnostics.map((d) => format([d], host)),
  };
}

process.chdir(root);
const started = performance.now();
const paths = configPaths();
const cache = new Map();
const pretty = process.stdout.isTTY === true;
const printed = new Set();
let failed = 0;
for (const path of paths) {
  const result = check(path, cache, pretty);
  if (result.errors > 0) failed += 1;
  const outcome = result.errors === 0 ? 'ok' : `${result.errors} error${result.errors === 1 ? '' : 's'}`;
  console.log(`${outcome}: ${path} (${result.files} files, ${result.seconds.toFixed(1)} s)`);
  // A file that several programs read reports the same error in each; it is printed once.
  for (const text of result.texts) {
    if (printed.has(text)) continue;
    printed.add(text);
    process.stdout.write(text);
  }
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `type-check: ${paths.length} programs, ${failed === 0 ? 'no errors' : `${failed} with errors`}, ${seconds} s`,
);
process.exitCode = failed === 0 ? 0 : 1;
