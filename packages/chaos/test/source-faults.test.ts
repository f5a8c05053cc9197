// Item 7 of RELIABILITY.md against a server process: a data source whose reads of a workspace throw, hang past
// sourceTimeoutMs or answer facts that fail the schema, change after change while the rest of the project keeps
// changing. The process stays up, the workspace keeps its last good snapshot, the failure is logged once, the other
// workspaces' changes reach every subscriber without a gap, and the next signal or reconciliation recovers it.
import type { WorkspaceFacts } from '@livesnap/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { digestOfFacts } from '../src/digest.js';
import type { Reply } from '../src/ipc.js';
import { Database } from '../src/model.js';
import { startReceivers } from '../src/peers.js';
import { killChildren } from '../src/processes.js';
import { startServer } from '../src/server-handle.js';
import type { SourceFault } from '../src/server-process.js';
import { SIZES } from '../src/sizes.js';
import { within } from '../src/time.js';

const { receivers: receiverCount, workspaces, rounds } = SIZES.sourceFaults;
const projectId = 'faults0';
const config = { port: 0, service: { coalesceMs: 0, sourceTimeoutMs: 100 } };

afterEach(killChildren);

const cases: [string, 'signal' | 'reconciliation', SourceFault, RegExp][] = [
  ['throw', 'signal', 'throws', /the database refused to read/],
  ['hang past sourceTimeoutMs', 'reconciliation', 'hangs', /100 ms/],
  ['answer facts that fail the schema', 'signal', 'invalid', /status/],
];

describe('a data source that fails', () => {
  it.each(cases)(
    'whose reads %s, change after change: the server process stays up, keeps the last good snapshot, logs once, serves the other changes gap-free, and recovers on the next %s',
    async (what, recovery, fault, why) => {
      const db = new Database([projectId], workspaces);
      const server = await startServer(config, db.facts.values());
      const logs: Reply[] = [];
      server.onEvent((event) => {
        if (event.type === 'log') logs.push(event);
      });
      const receivers = await startReceivers();
      const url = `${server.url}?projectId=${projectId}&protocol=1`;
      const open = await receivers.connect(
        Array.from({ length: receiverCount }, () => ({ url, projectId })),
        true,
      );
      expect(open).toBe(receiverCount);

      const ids = db.workspaceIds(projectId);
      const failing = ids[0]!;
      const lastGood = db.facts.get(failing)!;
      await server.fault(failing, fault);
      // Round after round, the failing workspace changes at the source with ten others, and the server reads it: each
      // round is one more read that fails the same way.
      for (let round = 0; round < rounds; round += 1) {
        const others = Array.from({ length: 10 }, (_, k) => db.change(ids[1 + ((round * 10 + k) % (ids.length - 1))]!));
        server.ops([db.change(failing), ...others]);
        await server.flush();
      }

      const held: WorkspaceFacts[] = db.project(projectId).map((f) => (f.workspaceId === failing ? lastGood : f));
      const [during] = await server.targets([projectId]);
      expect(during!.digest).toBe(digestOfFacts(held));
      expect(await within(10_000, receivers.converged([during!]))).not.toBeNull();
      const about = (level: string) =>
        logs.filter((e) => e.level === level && (e.context as { workspaceId?: string })?.workspaceId === failing);
      expect(about('error')).toHaveLength(1);
      expect(JSON.stringify(about('error')[0]!.context)).toMatch(why);
      expect(logs.filter((e) => e.level === 'error')).toHaveLength(1);

      // A read failed in every round, and one line was logged for them all.
      const failedReads = await server.fault(failing, null);
      expect(failedReads).toBeGreaterThanOrEqual(rounds);
      if (recovery === 'signal') server.ops([db.change(failing)]);
      else await server.reconcile(projectId);
      await server.flush();
      const [after] = await server.targets([projectId]);
      expect(after!.digest).toBe(digestOfFacts(db.project(projectId)));
      expect(await within(10_000, receivers.converged([after!]))).not.toBeNull();

      expect(server.child.exitCode).toBeNull();
      expect(server.child.signalCode).toBeNull();
      const { receivers: reports } = await receivers.report();
      for (const report of reports) {
        expect(report).toMatchObject({ gaps: 0, invalid: 0, foreign: 0, unknownRemovals: 0, closeCode: null });
        expect(report.seq).toBe(after!.seq);
      }
      const errors = logs.filter((e) => e.level === 'error').length;
      console.log(
        `[chaos] source faults: reads that ${what}, ${rounds} rounds of changes, ${failedReads} reads of the workspace failed, ` +
          `${errors} error logged, ` +
          `${reports.length} receivers gap-free at seq ${after!.seq}, recovered on the next ${recovery}`,
      );
    },
  );
});
