// A client's text frame as a string: PROTOCOL.md makes a text frame that is not UTF-8 a `bad_message` on an open
// connection (where `ws` itself would close it with 1007), so the bytes are decoded here, strictly.
import type { RawData } from 'ws';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A text frame's string, or null when its bytes are not UTF-8. */
export function textOf(data: RawData): string | null {
  const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
