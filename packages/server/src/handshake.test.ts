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
    expect(authorizationVerdict(true)).toBe(true);
    expect(authorizationVerdict(false)).toBe(4403);
    expect(authorizationVerdict(403)).toBe(4403);
    expect(authorizationVerdict(401)).toBe(4401);
  });
});
