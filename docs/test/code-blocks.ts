// The TypeScript code blocks of the README, docs/ and the packages' READMEs, and a type-check of them against the
// packages' sources: a renamed option or export breaks the build, not the reader.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The first line of a block that is a deliberate fragment (a line from inside a component, say): not compiled. */
export const FRAGMENT_MARKER = /^\/\/ fragment\b/;

export interface CodeBlock {
  /** `README.md:12`: the file and the line of the opening fence. */
  readonly name: string;
  readonly language: 'ts' | 'tsx';
  readonly code: string;
}

/** The Markdown files whose blocks are checked: the README, docs/*.md and each package's README. */
export function markdownFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(ROOT, 'docs', file));
  const packages = readdirSync(join(ROOT, 'packages')).map((name) => join(ROOT, 'packages', name, 'README.md'));
  return [join(ROOT, 'README.md'), ...docs, ...packages.filter((file) => safeRead(file) !== null)];
}

function safeRead(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Every ```ts and ```tsx block of a Markdown text. */
export function extractBlocks(file: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|tsx|typescript)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]!); i++) body.push(lines[i]!.slice(indent));
    blocks.push({
      name: `${relative(ROOT, file)}:${start + 1}`,
      language: open[2] === 'tsx' ? 'tsx' : 'ts',
      code: `${body.join('\n')}\n`,
    });
  }
  return blocks;
}

/**
 * `@livesnap/<name>[/<entry>]` → the source file its `exports` names, so that the blocks are checked against the
 * sources (no build needed) exactly as a user's import resolves.
 */
function livesnapPaths(): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const name of readdirSync(join(ROOT, 'packages'))) {
    const manifestText = safeRead(join(ROOT, 'packages', name, 'package.json'));
    if (manifestText === null) continue;
    const manifest = JSON.parse(manifestText) as { name: string; exports?: Record<string, unknown> };
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      if (typeof target !== 'string' || !/\.tsx?$/.test(target)) continue;
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      paths[specifier] = [join(ROOT, 'packages', name, target)];
    }
  }
  return paths;
}

/**
 * Type-checks the blocks as modules in one program. They are placed in packages/react, whose dependencies are those a
 * user's app has (react, TanStack Query, ws, the packages); the packages themselves resolve to their sources.
 * Returns each block's errors, formatted, by name.
 */
export function typeCheck(blocks: readonly CodeBlock[]): Map<string, string[]> {
  const home = join(ROOT, 'packages', 'react', '__docs__');
  const files = new Map(blocks.map((block, i) => [join(home, `block-${i}.${block.language}`), block]));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [join(ROOT, 'node_modules', '@types')],
    baseUrl: ROOT,
    paths: livesnapPaths(),
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => files.get(file)?.code ?? readFile(file);
  host.fileExists = (file) => files.has(file) || fileExists(file);
  host.getSourceFile = (file, language, ...rest) => {
    const block = files.get(file);
    return block ? ts.createSourceFile(file, block.code, language) : getSourceFile(file, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors = new Map<string, string[]>(blocks.map((block) => [block.name, []]));
  for (const [file, block] of files) {
    const source = program.getSourceFile(file)!;
    for (const diagnostic of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      errors.get(block.name)!.push(`line ${line + 1} of the block: ${message}`);
    }
  }
  return errors;
}
