// Running the Lua scripts: by their SHA-1 (EVALSHA), and by their source when Redis does not know them (a new or
// restarted Redis answers NOSCRIPT), which also loads them for the next call.
import { createHash } from 'node:crypto';
import type { RedisArgument } from 'redis';

/** What the store needs of a node-redis client: a raw command. */
export interface CommandSender {
  sendCommand<T>(args: readonly RedisArgument[]): Promise<T>;
}

export type ScriptRunner = <T>(source: string, keys: readonly string[], args: readonly string[]) => Promise<T>;

export function scriptRunner(client: CommandSender): ScriptRunner {
  const shas = new Map<string, string>();
  return async function run<T>(source: string, keys: readonly string[], args: readonly string[]): Promise<T> {
    let sha = shas.get(source);
    if (sha === undefined) {
      sha = createHash('sha1').update(source).digest('hex');
      shas.set(source, sha);
    }
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await client.sendCommand<T>(['EVALSHA', sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.sendCommand<T>(['EVAL', source, ...tail]);
    }
  };
}
