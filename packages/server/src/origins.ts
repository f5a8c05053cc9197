// Step 2 of PROTOCOL.md's handshake, the Origin check: `allowedOrigins` is a list of exact origins or a predicate,
// checked when the endpoint is created. Origins are compared whole after normalising (scheme and host lower-case,
// default port dropped), never as substrings: `https://app.example.com` does not admit `https://app.example.co`.
import { optionError } from './options.js';

/** A list of allowed origins, or a predicate given the normalised origin; absent = any. */
export type AllowedOrigins = readonly string[] | ((origin: string) => boolean);

/** Whether an upgrade with this `Origin` header (undefined: none) may proceed. */
export type OriginCheck = (origin: string | undefined) => boolean;

/**
 * `scheme://host[:port]` with scheme and host lower-case and no default port (`https://App.example.com:443` is
 * `https://app.example.com`); null when `value` is not an origin (no scheme or host, a path, a query, credentials,
 * or the opaque origin `null`).
 */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const pathless = url.pathname === '' || url.pathname === '/';
  if (!url.host || !pathless || url.search || url.hash || url.username || url.password) return null;
  // The URL parser lower-cases the scheme, and for http(s) and ws(s) the host, and drops their default ports.
  return `${url.protocol}//${url.host.toLowerCase()}`;
}

/**
 * The check for the `allowedOrigins` option: absent allows any origin; a list allows the origins it names; a predicate
 * is asked with the normalised origin. A request without `Origin` (only non-browser clients make one) is allowed; an
 * `Origin` that is not an origin (`null`, sent by sandboxed and file pages) matches neither a list nor a predicate.
 * Anything else than a list of origins or a function is a TypeError naming the option.
 */
export function originCheck(allowed: unknown): OriginCheck {
  if (allowed === undefined) return () => true;
  if (typeof allowed === 'function') {
    const predicate = allowed as (origin: string) => unknown;
    return (origin) => {
      if (origin === undefined) return true;
      const normalized = normalizeOrigin(origin);
      return normalized !== null && predicate(normalized) === true;
    };
  }
  if (!Array.isArray(allowed)) throw optionError('allowedOrigins', 'an array of origins or a function', allowed);
  const origins = new Set(
    allowed.map((entry: unknown, i) => {
      const normalized = typeof entry === 'string' ? normalizeOrigin(entry) : null;
      if (normalized === null) throw optionError(`allowedOrigins[${i}]`, 'an origin (scheme://host[:port])', entry);
      return normalized;
    }),
  );
  return (origin) => {
    if (origin === undefined) return true;
    const normalized = normalizeOrigin(origin);
    return normalized !== null && origins.has(normalized);
  };
}
