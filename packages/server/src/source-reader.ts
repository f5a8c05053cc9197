// Reading the data source: every call runs under the `sourceTimeoutMs` deadline, every answer is validated with the
// protocol's schemas, and git stats are read with bounded concurrency. A failed read is logged here, once per cause
// (failure-log.ts): a source that keeps failing the same way is one log line, not one per change.
import type { GitStats, WorkspaceFacts, WorkspaceSnapshot } from '@livesnap/protocol';
import { describeIssues, GitStatsSchema, WorkspaceFactsSchema } from '@livesnap/protocol';
import pLimit from 'p-limit';
import { createDeadlines } from './deadline.js';
import { createFailureLog, type FailureLog } from './failure-log.js';
import { type Logger, messageOf } from './logger.js';
import type { Scheduler } from './scheduler.js';

/** Where the facts come from: the host app's database, session domain, git. Answers are validated. */
export interface SnapshotSource {
  /** Every workspace of the project, or null when there is no such project. */
  loadProject(projectId: string): Promise<WorkspaceFacts[] | null>;
  /** The workspace's facts, or null when the source no longer returns it (deleted, moved, hidden). */
  loadWorkspace(workspaceId: string): Promise<WorkspaceFacts | null>;
  /** Expensive; called with bounded concurrency. When present, its answer is the snapshot's `gitStats`. */
  loadGitStats?(workspaceId: string): Promise<GitStats | null>;
}

/** A read that failed (threw, timed out, or answered invalid facts): already logged, the last good snapshot stays. */
export const FAILED = Symbol('failed read');

/** A project's validated facts, and the ids of the workspaces whose facts were unreadable. */
export interface ProjectFacts {
  readonly facts: WorkspaceFacts[];
  readonly unreadable: ReadonlySet<string>;
}

export interface SourceReader {
  /**
   * The project's validated facts, or null when the source has no such project. Rejects when the call failed (threw,
   * timed out, or answered something that is not a list); invalid facts of one workspace are logged and left out.
   */
  loadProject(projectId: string): Promise<ProjectFacts | null>;
  /**
   * The workspace's current facts with the git stats to show; null when it is gone; FAILED when the read failed.
   * `held` gives the snapshot the service holds of it (in the project its facts name), whose git stats are kept
   * unless `git` asks to re-read them.
   */
  loadWorkspace(
    workspaceId: string,
    git: boolean,
    held: (projectId: string) => Promise<WorkspaceSnapshot | null>,
  ): Promise<WorkspaceFacts | null | typeof FAILED>;
  /** The facts with the git stats to show, given the last known ones (null: none yet). */
  withGitStats(facts: WorkspaceFacts, lastKnown: GitStats | null): Promise<WorkspaceFacts>;
  /** Fails every pending call, and every later one without making it. */
  close(reason: string): void;
  /** Where failed reads are logged, once per cause; `loadProject`'s callers report its failures there. */
  readonly failures: FailureLog;
}

export interface SourceReaderOptions {
  source: SnapshotSource;
  sourceTimeoutMs: number;
  gitConcurrency: number;
  scheduler: Scheduler;
  logger: Logger;
}

export function createSourceReader(options: SourceReaderOptions): SourceReader {
  const { source, sourceTimeoutMs, gitConcurrency, scheduler, logger } = options;
  const deadlines = createDeadlines(sourceTimeoutMs, scheduler);
  const gitLimit = pLimit(gitConcurrency);
  const failures = createFailureLog(logger);

  /**
   * The git stats to show: the facts' own when the source has no `loadGitStats`; else its fresh answer, or when that
   * read fails the last known stats (`lastKnown`, or the facts' own when none are held).
   */
  async function gitStatsOf(facts: WorkspaceFacts, lastKnown: GitStats | null): Promise<GitStats | null> {
    if (!source.loadGitStats) return facts.gitStats;
    const { workspaceId } = facts;
    const fallback = lastKnown ?? facts.gitStats;
    const subject = `loadGitStats(${workspaceId})`;
    let raw: unknown;
    try {
      raw = await gitLimit(() =>
        deadlines.run(`loadGitStats(${workspaceId})`, () => source.loadGitStats!(workspaceId)),
      );
    } catch (error) {
      const cause = messageOf(error);
      failures.failed('warn', subject, cause, 'loadGitStats failed; the last known git stats stay', {
        workspaceId,
        error: cause,
      });
      return fallback;
    }
    const parsed = raw === null ? null : GitStatsSchema.safeParse(raw);
    if (parsed === null || parsed.success) {
      failures.succeeded(subject, { workspaceId });
      return parsed === null ? null : parsed.data;
    }
    const issues = describeIssues(parsed.error.issues);
    failures.failed('warn', subject, issues, 'loadGitStats answered invalid stats; the last known stay', {
      workspaceId,
      issues,
    });
    return fallback;
  }

  function readProjectFacts(projectId: string, raw: unknown): ProjectFacts {
    if (!Array.isArray(raw)) throw new TypeError(`loadProject(${projectId}) answered ${typeof raw}, not an array`);
    const facts = new Map<string, WorkspaceFacts>();
    const unreadable = new Set<string>();
    for (const item of raw as unknown[]) {
      const parsed = WorkspaceFactsSchema.safeParse(item);
      if (!parsed.success) {
        const workspaceId = (item as { workspaceId?: unknown } | null)?.workspaceId;
        if (typeof workspaceId === 'string') unreadable.add(workspaceId);
        const issues = describeIssues(parsed.error.issues);
        const message = 'loadProject answered invalid facts; the workspace keeps its last good snapshot';
        failures.failed('error', `facts of ${String(workspaceId)} in loadProject(${projectId})`, issues, message, {
          projectId,
          workspaceId,
          issues,
        });
      } else if (parsed.data.projectId !== projectId) {
        logger.warn('loadProject answered a workspace of another project; ignored', {
          projectId,
          workspaceId: parsed.data.workspaceId,
          itsProjectId: parsed.data.projectId,
        });
      } else {
        facts.set(parsed.data.workspaceId, parsed.data);
        failures.succeeded(`facts of ${parsed.data.workspaceId} in loadProject(${projectId})`, { projectId });
      }
    }
    return { facts: [...facts.values()], unreadable };
  }

  const reader: SourceReader = {
    async loadProject(projectId) {
      const raw = await deadlines.run(`loadProject(${projectId})`, () => source.loadProject(projectId));
      return raw === null ? null : readProjectFacts(projectId, raw);
    },

    async loadWorkspace(workspaceId, git, held) {
      const subject = `loadWorkspace(${workspaceId})`;
      let raw: unknown;
      try {
        raw = await deadlines.run(subject, () => source.loadWorkspace(workspaceId));
      } catch (error) {
        const cause = messageOf(error);
        const message = 'loadWorkspace failed; the last good snapshot stays';
        failures.failed('error', subject, cause, message, { workspaceId, error: cause });
        return FAILED;
      }
      const parsed = raw === null ? null : WorkspaceFactsSchema.safeParse(raw);
      if (parsed !== null && (!parsed.success || parsed.data.workspaceId !== workspaceId)) {
        const issues = parsed.success
          ? `workspaceId is ${JSON.stringify(parsed.data.workspaceId)}`
          : describeIssues(parsed.error.issues);
        const message = 'loadWorkspace answered invalid facts; the last good snapshot stays';
        failures.failed('error', subject, issues, message, { workspaceId, issues });
        return FAILED;
      }
      failures.succeeded(subject, { workspaceId });
      if (parsed === null) return null;
      const facts = parsed.data;
      if (!source.loadGitStats) return facts;
      const heldSnapshot = await held(facts.projectId);
      // Git stats are expensive: re-read only when asked to, or when nothing is known yet.
      if (heldSnapshot && !git) return { ...facts, gitStats: heldSnapshot.gitStats };
      return { ...facts, gitStats: await gitStatsOf(facts, heldSnapshot?.gitStats ?? null) };
    },

    async withGitStats(facts, lastKnown) {
      return { ...facts, gitStats: await gitStatsOf(facts, lastKnown) };
    },

    close: (reason) => deadlines.close(reason),
    failures,
  };
  return reader;
}
