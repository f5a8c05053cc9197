// "No timers or sockets left open after stop()/close()": proven the strict way, by a process that must end by itself.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it, onTestFinished } from 'vitest';

describe('shutdown', () => {
  it('leaves nothing running: a process that used every timer and socket exits by itself after close() and stop()', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/shutdown.ts'], {
      cwd: `${import.meta.dirname}/..`,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(output.trim()).toBe('closed');
    expect(code).toBe(0);
  }, 15_000);
});
