// Requests over a child process's IPC channel: each carries an id, and its answer the same id; a child that exits
// fails every request still waiting.
import type { ChildProcess } from 'node:child_process';

export interface Reply {
  readonly type: string;
  readonly id?: number;
  readonly [key: string]: unknown;
}

export interface Channel {
  /** Sends a command that expects no answer. */
  send(message: object): void;
  /** Sends a command and resolves with the child's answer to it. */
  request<T extends Reply = Reply>(message: object): Promise<T>;
  /** Calls `listener` with every message the child sends on its own (not an answer). */
  onEvent(listener: (event: Reply) => void): void;
}

export function channelTo(child: ChildProcess): Channel {
  let next = 0;
  const waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  const listeners: ((event: Reply) => void)[] = [];
  child.on('message', (message: Reply) => {
    const waiter = message.id === undefined ? undefined : waiting.get(message.id);
    if (waiter) {
      waiting.delete(message.id!);
      waiter.resolve(message);
      return;
    }
    for (const listener of listeners) listener(message);
  });
  child.once('exit', (code, signal) => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`the child exited (${signal ?? code})`));
    waiting.clear();
  });
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    request<T extends Reply>(message: object): Promise<T> {
      const id = ++next;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (reply: Reply) => void, reject });
        child.send({ ...message, id });
      });
    },
    onEvent: (listener) => listeners.push(listener),
  };
}

/** In a child: answers a request. */
export function reply(request: { id?: number }, message: object): void {
  process.send?.({ ...message, id: request.id });
}
