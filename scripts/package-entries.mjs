// The entries of a public package, read from its package.json: the workspace `exports` (sources, so development and
// tests never need a build) paired with the published `publishConfig.exports` (built files). The builder, the pack
// check and the size budget all read this one list, so a new entry in `exports` is built, checked and measured
// without an edit here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where an entry's build lands: "." → index, "./testing/node" → testing/node. */
export function outputName(subpath) {
  return subpath === '.' ? 'index' : subpath.slice(2);
}

/** What `publishConfig.exports[subpath]` must be for an entry built from TypeScript. */
export function publishedExport(subpath) {
  const name = outputName(subpath);
  return { types: `./dist/${name}.d.ts`, import: `./dist/${name}.js` };
}

/** The package.json of the package in `dir`. */
export function readManifest(dir) {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/**
 * Each entry of the package: its subpath ("." or "./query"), its specifier ("@livesnap/react/query"), the source it
 * builds from (undefined for a file shipped as is, such as a JSON schema) and the published export.
 */
export function packageEntries(manifest) {
  return Object.entries(manifest.exports ?? {}).map(([subpath, target]) => {
    if (typeof target !== 'string') {
      throw new Error(
        `${manifest.name}: exports["${subpath}"] should be a path to a source file, not ${JSON.stringify(target)}`,
      );
    }
    const compiled = /\.tsx?$/.test(target);
    return {
      subpath,
      specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
      source: compiled ? target : undefined,
      published: compiled ? publishedExport(subpath) : target,
    };
  });
}

/**
 * What is wrong with the package's `publishConfig.exports`: each entry of `exports` must be published at the built
 * path `publishedExport` names, and nothing else. Returns one sentence per mistake.
 */
export function publishConfigProblems(manifest) {
  const published = manifest.publishConfig?.exports ?? {};
  const problems = [];
  for (const entry of packageEntries(manifest)) {
    const actual = JSON.stringify(published[entry.subpath]);
    const expected = JSON.stringify(entry.published);
    if (actual !== expected) {
      problems.push(`${manifest.name}: publishConfig.exports["${entry.subpath}"] is ${actual}; set it to ${expected}`);
    }
  }
  for (const subpath of Object.keys(published)) {
    if (!(subpath in (manifest.exports ?? {}))) {
      problems.push(`${manifest.name}: publishConfig.exports["${subpath}"] has no entry in exports; remove it`);
    }
  }
  return problems;
}
