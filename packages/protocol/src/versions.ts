// The refusal of a protocol version (close 4400) and the versions it lists: a server says what it speaks, so that a
// client that asked for a newer version than the server knows can retry at once with one they both speak.
import { PROTOCOL_VERSIONS } from './messages.js';

/** The 4400 close reason of a server that does not speak the asked version: `unsupported protocol; supported: 1, 2`. */
export function unsupportedProtocolReason(versions: readonly number[] = PROTOCOL_VERSIONS): string {
  return `unsupported protocol; supported: ${versions.join(', ')}`;
}

/**
 * The versions a 4400 close reason says the server speaks; null when the reason is about something else (a missing
 * `projectId`, say). A version-1 server of the first release said `protocol <n> is not supported` without a list: it
 * spoke version 1 alone.
 */
export function supportedProtocolsIn(reason: string): number[] | null {
  const listed = /^unsupported protocol; supported: ([\d, ]+)$/.exec(reason);
  return listed ? listed[1]!.split(',').map(Number) : /^protocol \S+ is not supported$/.test(reason) ? [1] : null;
}
