// Every TypeScript block of the README, docs/ and the packages' READMEs compiles against the packages, except the
// fragments that say so on their first line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CodeBlock, extractBlocks, FRAGMENT_MARKER, markdownFiles, typeCheck } from './code-blocks.js';

const blocks = markdownFiles().flatMap((file) => extractBlocks(file, readFileSync(file, 'utf8')));
const compiled = blocks.filter((block) => !FRAGMENT_MARKER.test(block.code));
const broken: CodeBlock = {
  name: 'a block with a renamed option',
  language: 'ts',
  code: "import { createSnapshotClient } from '@livesnap/client';\ncreateSnapshotClient({ url: 'ws://x', project: 'p1' });\n",
};
// One program for all of them: the packages are type-checked once.
const errors = typeCheck([...compiled, broken]);

describe('the code blocks of the docs', () => {
  it('finds blocks in the README, in docs/ and in the packages READMEs', () => {
    const files = new Set(blocks.map((block) => block.name.replace(/:\d+$/, '')));
    expect([...files].filter((file) => file.startsWith('docs/')).length).toBeGreaterThanOrEqual(3);
    expect(files).toContain('README.md');
    expect(files).toContain('packages/client/README.md');
  });

  it.each(compiled.map((block) => [block.name, block] as const))('%s compiles', (name) => {
    expect(errors.get(name)).toEqual([]);
  });

  it('reports a block that uses an option the client does not have (the check can fail)', () => {
    expect(errors.get(broken.name)!.join('\n')).toMatch(/'project' does not exist/);
  });
});
