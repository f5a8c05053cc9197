// A redis-server process of our own, for tests, benchmarks and the scaled-out demo: on 127.0.0.1 and a free port, with
// no persistence (`--save '' --appendonly no`), ready once PING answers PONG. It can be frozen (SIGSTOP) and resumed,
// and restarted empty on the same port, which is what a store must survive.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createConnection, createServer } from 'node:net';

export interface RedisServerOptions {
  /** Default: a free port. */
  port?: number;
  /** Its working directory (where it would write, were persistence on). Default the current one. */
  dir?: string;
  /** Default `redis-server` on the PATH. */
  command?: string;
}

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly process: ChildProcess;
  /** SIGSTOP: connections stay open, nothing is answered. */
  freeze(): void;
  /** SIGCONT. */
  resume(): void;
  /** Kills it and starts a new, empty one on the same port. */
  restart(): Promise<void>;
  /** Kills it (resumed first if frozen); resolves once it has exited. */
  stop(): Promise<void>;
}

/** A port no one listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Resolves once `PING` on 127.0.0.1:`port` answers `+PONG`; rejects when the process exits first or 10 s pass. */
async function untilPong(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (child.exitCode === null && child.signalCode === null) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (answered) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(
    `redis-server on port ${port} did not answer PING (is redis-server installed? apt-get install redis-server)`,
  );
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const command = options.command ?? 'redis-server';
  const spawnOne = async (): Promise<ChildProcess> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const child = spawn(command, args, { cwd: options.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    child.once('error', () => {});
    await untilPong(port, child);
    return child;
  };
  let child = await spawnOne();
  const stopChild = async (target: ChildProcess) => {
    if (target.exitCode !== null || target.signalCode !== null) return;
    const exited = once(target, 'exit');
    target.kill('SIGCONT');
    target.kill('SIGKILL');
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get process() {
      return child;
    },
    freeze: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async restart() {
      await stopChild(child);
      child = await spawnOne();
    },
    stop: () => stopChild(child),
  };
}
