import { describe, expect, it } from 'vitest';
import { DEFAULT_DATA_DIR, DEFAULT_PORT, parseCli } from './cli.js';

describe('parseCli', () => {
  it('gives the defaults when no flag is set', () => {
    expect(parseCli([])).toEqual({
      help: false,
      prod: false,
      portGiven: false,
      server: { dataDir: DEFAULT_DATA_DIR, reset: false, port: DEFAULT_PORT },
    });
    expect(DEFAULT_DATA_DIR).toMatch(/apps\/demo\/\.data$/);
  });

  it('reads every flag', () => {
    const argv = ['--data', '/tmp/d', '--reset', '--port', '0', '--host', '0.0.0.0', '--rate', '0.5', '--seed', '9'];
    argv.push('--workspaces', '5', '--large', '3000', '--reconcile-ms', '1000', '--prod');
    expect(parseCli(argv)).toEqual({
      help: false,
      prod: true,
      portGiven: true,
      server: {
        dataDir: '/tmp/d',
        reset: true,
        port: 0,
        host: '0.0.0.0',
        eventsPerSecond: 0.5,
        seed: 9,
        workspacesPerProject: 5,
        largeProjectWorkspaces: 3000,
        reconcileIntervalMs: 1000,
      },
    });
  });

  it('names the flag and the value that is wrong', () => {
    expect(() => parseCli(['--port', '70000'])).toThrow('--port must be a whole number from 0 to 65535, got "70000"');
    expect(() => parseCli(['--large', '1.5'])).toThrow('--large must be a whole number from 0 to 100000, got "1.5"');
    expect(() => parseCli(['--rate=-1'])).toThrow('--rate must be a number from 0 to 200, got "-1"');
    expect(() => parseCli(['--colour'])).toThrow(/--colour/);
    expect(() => parseCli(['extra'])).toThrow(/extra/);
  });

  it("reads the flags after a leading '--', as `pnpm start -- --port 1` passes them", () => {
    expect(parseCli(['--', '--port', '4471', '--prod'])).toMatchObject({ prod: true, server: { port: 4471 } });
  });

  it('asks for help', () => {
    expect(parseCli(['--help']).help).toBe(true);
  });
});
