// The 4400 refusal of a protocol version: the reason a server writes lists the versions it speaks, and a client reads
// the list back (and knows the first release's version-1 reason, which listed none).
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSIONS } from './messages.js';
import { supportedProtocolsIn, unsupportedProtocolReason } from './versions.js';

describe('unsupportedProtocolReason', () => {
  it('lists the versions this package speaks by default', () => {
    expect(unsupportedProtocolReason()).toBe('unsupported protocol; supported: 1, 2');
    expect(PROTOCOL_VERSIONS).toEqual([1, 2]);
  });

  it('lists the versions it is given: a version-1-only server says 1', () => {
    expect(unsupportedProtocolReason([1])).toBe('unsupported protocol; supported: 1');
  });

  it('fits a close reason (123 bytes) with room to spare', () => {
    expect(Buffer.byteLength(unsupportedProtocolReason([1, 2, 3, 4, 5, 6, 7, 8]))).toBeLessThan(123);
  });
});

describe('supportedProtocolsIn', () => {
  it.each([
    ['unsupported protocol; supported: 1', [1]],
    ['unsupported protocol; supported: 1, 2', [1, 2]],
    ['unsupported protocol; supported: 2,3', [2, 3]],
    // The first release's server (version 1 alone) named the version it refused and listed none.
    ['protocol 2 is not supported', [1]],
    ['protocol abc is not supported', [1]],
  ])('reads %j as %j', (reason, versions) => {
    expect(supportedProtocolsIn(reason)).toEqual(versions);
  });

  it('reads back what unsupportedProtocolReason writes', () => {
    for (const versions of [[1], [1, 2], [2, 3], [7]]) {
      expect(supportedProtocolsIn(unsupportedProtocolReason(versions))).toEqual(versions);
    }
  });

  it.each([
    'projectId is required',
    'protocol is required',
    'unsupported protocol',
    'unsupported protocol; supported: ',
    'unsupported protocol; supported: one',
    'unsupported protocol; supported: 1, two',
    'unsupported protocol; supported: 1.5',
    'refused',
    '',
  ])('finds no list in %j: the 4400 is about something else', (reason) => {
    expect(supportedProtocolsIn(reason)).toBeNull();
  });
});
