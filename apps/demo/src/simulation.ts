// Simulated activity: agents, CI, reviewers, the ratchet and users acting on random workspaces at a rate that can be
// changed while it runs, and a silent writer whose changes only reconciliation finds. Deterministic for a given seed.
import { type ActionContext, type ActionName, canRun, runAction } from './actions.js';
import { DemoError } from './errors.js';
import { addWorkspace, nextRunScriptStatus, provision, silentWrite } from './lifecycle.js';
import type { StoredFacts } from './schema.js';

export interface SimulationOptions {
  /** The context the simulation acts in; its `random` draws every choice (seed it for a replayable run). */
  ctx: ActionContext;
  projectIds: readonly string[];
  /** Events per second, all projects together; 0 stops the timer (`step()` still works). */
  eventsPerSecond: number;
  /** Share of events that are silent writes. Default 0.1. */
  silentShare?: number;
}

export interface StepReport {
  /** An action's name, a lifecycle step, `add`, `silent-write`, or `none` when nothing applied. */
  event: string;
  workspaceId: string | null;
  projectId: string;
}

export interface SimulationState {
  eventsPerSecond: number;
  paused: boolean;
  steps: number;
  silentWrites: number;
}

/** A move the simulation may make on a workspace: when it applies, how likely it is, what it does. */
interface Move {
  event: string;
  weight: number;
  applies(w: StoredFacts): boolean;
  run(w: StoredFacts, ctx: ActionContext): Promise<unknown>;
}

const action = (name: ActionName, weight: number, when: (w: StoredFacts) => boolean = () => true): Move => ({
  event: name,
  weight,
  applies: (w) => when(w) && canRun(name, w),
  run: (w, ctx) =>
    runAction(name, w.workspaceId, ctx, {
      requestType: ctx.random.chance(0.6) ? 'plan_approval' : 'user_question',
    }),
});

const MOVES: readonly Move[] = [
  action('start-agent', 3, (w) => w.pendingRequestType === null),
  action('edit', 5),
  action('finish-turn', 3),
  action('ask', 1, (w) => w.isSessionWorking),
  action('answer', 2),
  action('open-pr', 2, (w) => !w.isSessionWorking && w.pendingRequestType === null),
  action('pass-ci', 3, (w) => w.prCiStatus === 'PENDING'),
  action('fail-ci', 2, (w) => w.prCiStatus === 'PENDING'),
  action('request-changes', 1, (w) => w.prState === 'OPEN' && w.prCiStatus === 'SUCCESS'),
  action('approve', 1, (w) => w.prState === 'OPEN' && w.prCiStatus === 'SUCCESS'),
  action('ratchet-fix', 3),
  action('merge', 2, (w) => w.prCiStatus === 'SUCCESS' && w.ratchetState !== 'MERGE_CONFLICT'),
  action('archive', 2, (w) => w.prState === 'MERGED' || w.prState === 'CLOSED'),
  {
    event: 'provision',
    weight: 4,
    applies: (w) => w.status === 'NEW' || w.status === 'PROVISIONING',
    run: (w, ctx) => provision(ctx, w),
  },
  {
    event: 'run-script',
    weight: 1,
    applies: (w) => w.status === 'READY',
    run: async (w, ctx) => {
      ctx.db.updateWorkspace(
        w.workspaceId,
        { runScriptStatus: nextRunScriptStatus(w.runScriptStatus, ctx.random) },
        'write',
      );
      ctx.invalidate(w.workspaceId, { projectId: w.projectId });
    },
  },
  {
    event: 'finish-archiving',
    weight: 4,
    applies: (w) => w.status === 'ARCHIVING',
    run: async (w, ctx) => {
      ctx.db.updateWorkspace(w.workspaceId, { status: 'ARCHIVED' }, 'write');
      await ctx.worktrees.remove(w.workspaceId, 'write');
      ctx.invalidate(w.workspaceId, { projectId: w.projectId, git: true });
    },
  },
  {
    event: 'delete',
    weight: 1,
    applies: (w) => w.status === 'ARCHIVED',
    run: async (w, ctx) => {
      ctx.db.deleteWorkspace(w.workspaceId, 'write');
      ctx.invalidate(w.workspaceId, { projectId: w.projectId });
    },
  },
];

export class Simulation {
  readonly #ctx: ActionContext;
  readonly #projectIds: readonly string[];
  readonly #silentShare: number;
  #eventsPerSecond: number;
  #paused = false;
  #steps = 0;
  #silentWrites = 0;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;
  #stopped = false;

  constructor({ ctx, projectIds, eventsPerSecond, silentShare = 0.1 }: SimulationOptions) {
    if (projectIds.length === 0) throw new RangeError('the simulation needs at least one project, got none');
    this.#ctx = ctx;
    this.#projectIds = projectIds;
    this.#silentShare = silentShare;
    this.#eventsPerSecond = checkRate(eventsPerSecond);
  }

  get state(): SimulationState {
    return {
      eventsPerSecond: this.#eventsPerSecond,
      paused: this.#paused,
      steps: this.#steps,
      silentWrites: this.#silentWrites,
    };
  }

  /** Starts the timer (at the current rate, unless paused). */
  start(): void {
    this.#reschedule();
  }

  /** Changes the rate and/or pauses or resumes; takes effect for the next event. */
  configure({ eventsPerSecond, paused }: { eventsPerSecond?: number; paused?: boolean }): SimulationState {
    if (eventsPerSecond !== undefined) this.#eventsPerSecond = checkRate(eventsPerSecond);
    if (paused !== undefined) this.#paused = paused;
    this.#reschedule();
    return this.state;
  }

  /** One event, now (one at a time: a step waits for the one in flight). */
  async step(): Promise<StepReport> {
    while (this.#running) await this.#running.catch(() => undefined);
    const running = this.#step();
    this.#running = running;
    try {
      return await running;
    } finally {
      this.#running = null;
      this.#steps += 1;
    }
  }

  /** Stops the timer and waits for the event in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clear();
    await this.#running?.catch(() => undefined);
  }

  async #step(): Promise<StepReport> {
    const ctx = this.#ctx;
    const { random, db } = ctx;
    const projectId = random.pick(this.#projectIds);
    if (random.chance(0.04)) {
      const added = addWorkspace(ctx, projectId);
      await added.provisioned;
      return { event: 'add', workspaceId: added.facts.workspaceId, projectId };
    }
    const silent = random.chance(this.#silentShare);
    for (let attempt = 0; attempt < 10; attempt++) {
      // Squared: recent workspaces see more activity than old ones, as in real projects.
      const w = db.workspaceAt(projectId, random.next() ** 2, 'write');
      if (!w) break;
      if (silent) {
        silentWrite(ctx, w.workspaceId);
        this.#silentWrites += 1;
        return { event: 'silent-write', workspaceId: w.workspaceId, projectId };
      }
      const move = pickMove(
        MOVES.filter((m) => m.applies(w)),
        random.next(),
      );
      if (!move) continue;
      await move.run(w, ctx);
      return { event: move.event, workspaceId: w.workspaceId, projectId };
    }
    return { event: 'none', workspaceId: null, projectId };
  }

  #reschedule(): void {
    this.#clear();
    if (this.#stopped || this.#paused || this.#eventsPerSecond === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.step()
        .catch((error: unknown) => {
          // A user's action can win a race for the same workspace: the simulation's then no longer applies.
          if (!(error instanceof DemoError)) {
            this.#ctx.warn('a simulated event failed', { error: error instanceof Error ? error.message : error });
          }
        })
        .finally(() => {
          if (this.#timer === null) this.#reschedule();
        });
    }, 1000 / this.#eventsPerSecond);
  }

  #clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

function pickMove(moves: readonly Move[], roll: number): Move | null {
  let left = roll * moves.reduce((sum, m) => sum + m.weight, 0);
  for (const move of moves) {
    left -= move.weight;
    if (left < 0) return move;
  }
  return moves.at(-1) ?? null;
}

export const MAX_EVENTS_PER_SECOND = 200;

function checkRate(eventsPerSecond: number): number {
  if (!Number.isFinite(eventsPerSecond) || eventsPerSecond < 0 || eventsPerSecond > MAX_EVENTS_PER_SECOND) {
    throw new RangeError(`eventsPerSecond must be a number from 0 to ${MAX_EVENTS_PER_SECOND}, got ${eventsPerSecond}`);
  }
  return eventsPerSecond;
}
