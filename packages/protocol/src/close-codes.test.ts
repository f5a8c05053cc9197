// Every close code of PROTOCOL.md's table, with what the table says a client does about it.
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, type CloseAction, CloseCode, closeCodeInfo } from './close-codes.js';

/** PROTOCOL.md's "Close codes" table, transcribed: code → what the client should do. */
const TABLE: [code: number, action: CloseAction][] = [
  [1000, 'backoff'],
  [1001, 'backoff'],
  [1006, 'backoff'],
  [1009, 'backoff'],
  [1011, 'backoff'],
  [4400, 'stop'],
  [4401, 'reauthorize'],
  [4403, 'stop'],
  [4404, 'stop'],
  [4409, 'immediate'],
  [4429, 'backoff'],
  [4503, 'backoff'],
];

describe('close codes', () => {
  it.each(TABLE)('%i → %s', (code, action) => {
    expect(closeCodeInfo(code).action).toBe(action);
    expect(closeCodeInfo(code).meaning).not.toBe('unknown');
  });

  it('lists exactly the codes of the table, each under its name', () => {
    expect(Object.keys(CLOSE_CODES).map(Number).sort()).toEqual(TABLE.map(([code]) => code).sort());
    expect(Object.values(CloseCode).sort()).toEqual(TABLE.map(([code]) => code).sort());
    expect(CloseCode).toEqual({
      Normal: 1000,
      GoingAway: 1001,
      Abnormal: 1006,
      MessageTooBig: 1009,
      InternalError: 1011,
      BadRequest: 4400,
      Unauthorized: 4401,
      Forbidden: 4403,
      NotFound: 4404,
      SlowConsumer: 4409,
      RateLimited: 4429,
      TryLater: 4503,
    });
  });

  it.each([1002, 1005, 1015, 3000, 4000, 4402, 4410, 4999])(
    'reconnects with backoff after %i, a code the table does not list',
    (code) => {
      expect(closeCodeInfo(code)).toEqual({ meaning: 'unknown', action: 'backoff' });
    },
  );
});
