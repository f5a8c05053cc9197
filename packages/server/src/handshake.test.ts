import { describe, expect, it } from 'vitest';
import { authorizationVerdict, parseSubscribeRequest } from './handshake.js';

const query = (s: string) => new URLSearchParams(s);

describe('handshake', () => {
  it('requires projectId and a protocol', () => {
    expect(parseSubscribeRequest(query('protocol=1')).ok).toBe(false);
    expect(parseSubscribeRequest(query('projectId=&protocol=1')).ok).toBe(false);
    expect(parseSubscribeRequest(query('projectId=p1'))).toEqual({ ok: false, reason: 'protocol is required' });
  });

  it('speaks the current version and the one before, and says so when asked for another', () => {
    for (const protocol of [1, 2] as const) {
      expect(parseSubscribeRequest(query(`projectId=p1&protocol=${protocol}`))).toEqual({
        ok: true,
        projectId: 'p1',
        protocol,
        resume: null,
      });
    }
    for (const asked of ['3', '0', '', '2.0', ' 2', 'two', '1,2']) {
      expect(parseSubscribeRequest(query(`projectId=p1&protocol=${encodeURIComponent(asked)}`))).toEqual({
        ok: false,
        reason: 'unsupported protocol; supported: 1, 2',
      });
    }
  });

  it('reads a resume request and ignores a malformed or partial one', () => {
    expect(parseSubscribeRequest(query('projectId=p1&protocol=1&epoch=e1&seq=42'))).toEqual({
      ok: true,
      projectId: 'p1',
      protocol: 1,
      resume: { epoch: 'e1', seq: 42 },
    });
    for (const resume of [
      'epoch=e1',
      'seq=4',
      'epoch=e1&seq=-1',
      'epoch=e1&seq=1.5',
      'epoch=&seq=3',
      'epoch=e&seq=x',
    ]) {
      expect(parseSubscribeRequest(query(`projectId=p1&protocol=1&${resume}`))).toMatchObject({
        ok: true,
        resume: null,
      });
    }
  });

  it('maps authorize answers to close codes', () => {
    expect(authorizationVerdict(true, 0)).toEqual({ ok: true, grant: { principal: undefined, expiresAt: null } });
    expect(authorizationVerdict(false, 0)).toMatchObject({ ok: false, code: 4403 });
    expect(authorizationVerdict(403, 0)).toMatchObject({ ok: false, code: 4403 });
    expect(authorizationVerdict(401, 0)).toMatchObject({ ok: false, code: 4401 });
  });

  it('gives an authorization its terms: the principal, and the expiry as a number or a Date', () => {
    expect(authorizationVerdict({ principal: 'u1' }, 0)).toEqual({
      ok: true,
      grant: { principal: 'u1', expiresAt: null },
    });
    expect(authorizationVerdict({ expiresAt: 5000, principal: { id: 7 } }, 1000)).toEqual({
      ok: true,
      grant: { principal: { id: 7 }, expiresAt: 5000 },
    });
    expect(authorizationVerdict({ expiresAt: new Date(5000) }, 1000)).toMatchObject({ grant: { expiresAt: 5000 } });
    expect(authorizationVerdict({ expiresAt: Infinity }, 1000)).toMatchObject({ grant: { expiresAt: null } });
  });

  it('answers credentials that have already expired with 4401', () => {
    expect(authorizationVerdict({ expiresAt: 1000 }, 1000)).toEqual({
      ok: false,
      code: 4401,
      reason: 'credentials expired',
    });
    expect(authorizationVerdict({ expiresAt: new Date(999) }, 1000)).toMatchObject({ ok: false, code: 4401 });
  });

  it('names any other answer as the host’s bug', () => {
    expect(() => authorizationVerdict('yes', 0)).toThrow(
      'authorize must answer true, false, 401, 403 or { expiresAt?, principal? }, got "yes" (string)',
    );
    expect(() => authorizationVerdict(undefined, 0)).toThrow(/got undefined \(undefined\)/);
    expect(() => authorizationVerdict({ expiresAt: 'soon' }, 0)).toThrow(
      'authorize\'s expiresAt must be a Date or a number of milliseconds since the epoch, got "soon" (string)',
    );
    expect(() => authorizationVerdict({ expiresAt: new Date('nope') }, 0)).toThrow(/expiresAt must be a Date/);
  });
});
