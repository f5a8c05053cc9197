import { WorkspaceFactsSchema } from '@livesnap/protocol';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemorySource } from './memory-source.js';
import { simulateStep } from './simulation.js';

describe('simulated activity', () => {
  it('only ever writes valid facts and reports every workspace it changed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.999_999, noNaN: true }), { minLength: 50, maxLength: 400 }),
        (randoms) => {
          const source = new MemorySource();
          source.addProject('p1');
          let i = 0;
          const random = () => randoms[i++ % randoms.length]!;
          for (let step = 0; step < 100; step++) {
            const before = new Map(source.list('p1').map((w) => [w.workspaceId, w]));
            const changed: string[] = [];
            simulateStep({ source, projectId: 'p1', onChange: (id) => changed.push(id), random });
            const after = new Map(source.list('p1').map((w) => [w.workspaceId, w]));
            const invalid = [...after.values()].filter((facts) => !WorkspaceFactsSchema.safeParse(facts).success);
            expect(invalid).toEqual([]);
            const touched = new Set(
              [...before.keys(), ...after.keys()].filter((id) => before.get(id) !== after.get(id)),
            );
            expect(new Set(changed)).toEqual(touched);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
