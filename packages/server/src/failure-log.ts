// Logs a failing data-source read once per cause, not once per read: a workspace whose reads keep failing for the same
// reason (the source throws the same error, times out, answers the same invalid facts) is logged when that starts, its
// repeats are counted at debug, and its first good read after them logs that it recovered. A new reason logs again.
import type { LogContext, Logger } from './logger.js';

export interface FailureLog {
  /**
   * A read of `subject` (`loadWorkspace(w1)`, `loadProject(p1)`) failed with `cause` (what tells one reason from
   * another: the error's message, the schema's issues): logged at `level` when it is a new cause for the subject.
   */
  failed(level: 'warn' | 'error', subject: string, cause: string, message: string, context: LogContext): void;
  /** A read of `subject` succeeded: logged when it had been failing. */
  succeeded(subject: string, context: LogContext): void;
}

/** Subjects remembered at most; past it the oldest is forgotten (its next failure is logged again). */
const MAX_SUBJECTS = 10_000;

export function createFailureLog(logger: Logger): FailureLog {
  const failing = new Map<string, { cause: string; repeats: number }>();
  return {
    failed(level, subject, cause, message, context) {
      const held = failing.get(subject);
      if (held?.cause === cause) {
        held.repeats += 1;
        logger.debug(`${message} (again)`, { ...context, repeats: held.repeats });
        return;
      }
      failing.delete(subject);
      if (failing.size >= MAX_SUBJECTS) failing.delete(failing.keys().next().value as string);
      failing.set(subject, { cause, repeats: 0 });
      logger[level](message, context);
    },
    succeeded(subject, context) {
      const held = failing.get(subject);
      if (!held) return;
      failing.delete(subject);
      logger.warn(`${subject} answers again; its reads had failed ${held.repeats + 1} times`, context);
    },
  };
}
