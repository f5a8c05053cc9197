// The protocol versions of the mock server: which it speaks, and a stream frame written in each connection's version
// (serialized once per version, as the real endpoint does).
import { type CommittedMessage, messageInVersion, PROTOCOL_VERSIONS, type ProtocolVersion } from '@livesnap/protocol';
import type { ConnectionRecord } from './mock-connection.js';
import { versionOf } from './mock-connection.js';

/** The `protocols` option: some of the versions this release speaks (all of them by default), in order. */
export function checkProtocols(protocols: readonly ProtocolVersion[] = PROTOCOL_VERSIONS): readonly ProtocolVersion[] {
  const unknown = protocols.filter((version) => !PROTOCOL_VERSIONS.includes(version));
  if (protocols.length === 0 || unknown.length > 0) {
    throw new RangeError(
      `MockSnapshotServer: protocols must be some of ${PROTOCOL_VERSIONS.join(', ')}, got ${JSON.stringify(protocols)}`,
    );
  }
  return [...protocols].sort();
}

/** One stream frame of `messages` (a batch when several) to each connection, in its version. */
export function sendStreamFrame(connections: readonly ConnectionRecord[], messages: readonly CommittedMessage[]): void {
  const frames = new Map<ProtocolVersion, string>();
  for (const connection of connections) {
    const protocol = versionOf(connection);
    let frame = frames.get(protocol);
    if (frame === undefined) {
      const wire = messages.map((message) => messageInVersion(message, protocol));
      frame = JSON.stringify(wire.length === 1 ? wire[0] : { type: 'batch', messages: wire });
      frames.set(protocol, frame);
    }
    connection.peer.send(frame);
  }
}
