// A benchmark's child process (receiving clients, a measurement that needs its own heap), driven over IPC: `ask`
// sends a command and resolves with the first message of the awaited type; an `error` message rejects.
import { type ChildProcess, fork } from 'node:child_process';

export interface Child {
  ask<T = Record<string, unknown>>(command: object, answer: string): Promise<T>;
  /** The next message of type `answer`, listened for from now on (for a second answer to a command). */
  next<T = Record<string, unknown>>(answer: string): Promise<T>;
  /** Sends a command that has no answer. */
  send(command: object): void;
  stop(): void;
}

export function startChild(file: URL, options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}): Child {
  const child: ChildProcess = fork(file, [], {
    execArgv: [...(options.execArgv ?? []), '--import', 'tsx'],
    ...(options.env ? { env: options.env } : {}),
  });
  let exited = false;
  // An error the child reported while nothing was awaited fails the next command rather than leaving it waiting.
  let failure: Error | null = null;
  child.on('exit', () => {
    exited = true;
  });
  child.on('message', (message: { type: string; message?: string }) => {
    if (message.type === 'error') failure ??= new Error(`${file.pathname}: ${message.message}`);
  });
  /** The next message of type `answer` (listened for from now on), or the child's error or exit. */
  function next<T>(answer: string, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${file.pathname} exited (${code}) before ${what}`));
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type !== answer && message.type !== 'error') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (message.type === 'error') reject(new Error(`${file.pathname}: ${message.message}`));
        else resolve(message as T);
      };
      if (failure) return reject(failure);
      if (exited) return onExit(child.exitCode);
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }
  return {
    ask<T>(command: object, answer: string) {
      const answered = next<T>(answer, `answering ${JSON.stringify(command)}`);
      if (!failure && !exited) child.send(command);
      return answered;
    },
    next: (answer) => next(answer, `sending ${answer}`),
    send: (command) => child.send(command),
    stop: () => child.kill(),
  };
}
