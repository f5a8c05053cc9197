import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSource, facts, type Harness, startHarness } from './helpers.js';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

/** A hand-written upgrade request, as a hostile or broken peer may send it. */
function upgradeRequest(target: string, headers: Record<string, string> = {}): string {
  const lines = [
    `GET ${target} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Sends a raw request and resolves with the first line of the answer once the server closes the socket. */
async function rawStatusLine(port: number, request: string): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  let answer = '';
  socket.on('data', (chunk: Buffer) => {
    answer += chunk.toString('latin1');
  });
  socket.write(request);
  await once(socket, 'close');
  return answer.split('\r\n')[0] ?? '';
}

describe('hostile upgrade requests', () => {
  it('answers 404 to a request target that is not a parsable URL, and keeps serving', async () => {
    harness = await startHarness(new FakeSource([facts('w1')]));
    expect(await rawStatusLine(harness.port, upgradeRequest('//%'))).toBe('HTTP/1.1 404 Not Found');
    expect(await rawStatusLine(harness.port, upgradeRequest('http://['))).toBe('HTTP/1.1 404 Not Found');
    await harness.connect().hello();
  });

  it('survives peers that reset the connection while their upgrade is refused', async () => {
    harness = await startHarness(new FakeSource([facts('w1')]), {}, { allowedOrigins: ['https://app.test'] });
    for (let i = 0; i < 20; i++) {
      for (const request of [
        upgradeRequest('/snapshots?projectId=p1&protocol=1', { Origin: 'https://evil.test' }),
        upgradeRequest('/elsewhere'),
      ]) {
        const socket = connect(harness.port, '127.0.0.1');
        socket.on('error', () => {});
        await once(socket, 'connect');
        socket.write(request);
        // An RST, so that the server's answer fails with ECONNRESET or EPIPE.
        socket.resetAndDestroy();
        await once(socket, 'close');
      }
    }
    // Every refusal has been written (or failed) by the time a later connection is served.
    await harness.connect().hello();
    await harness.connect().hello();
  });

  it('refuses with HTTP 403 when the allowedOrigins predicate throws, and logs it', async () => {
    harness = await startHarness(
      new FakeSource([facts('w1')]),
      {},
      {
        allowedOrigins: () => {
          throw new Error('origin list unavailable');
        },
      },
    );
    const request = upgradeRequest('/snapshots?projectId=p1&protocol=1', { Origin: 'https://app.test' });
    expect(await rawStatusLine(harness.port, request)).toBe('HTTP/1.1 403 Forbidden');
    expect(harness.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'allowedOrigins threw; the upgrade is refused' }),
    );
    await harness.connect().hello();
  });
});
