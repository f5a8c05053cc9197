// The options of `attachSnapshotEndpoint`: their defaults (documented in the server README), their bounds, and their
// check when the endpoint is created, before it touches the HTTP server.
import type { IncomingMessage, Server } from 'node:http';
import { MAX_INSTANCE_LENGTH } from '@livesnap/protocol';
import { type SnapshotFeed, snapshotFeedOf } from './feed.js';
import type { AuthorizeResult } from './handshake.js';
import {
  durationOption,
  type EffectOptions,
  functionOption,
  integerOption,
  optionError,
  optionsObject,
  resolveEffects,
} from './options.js';
import { type AllowedOrigins, type OriginCheck, originCheck } from './origins.js';
import type { SnapshotService } from './service.js';

export interface SnapshotEndpointOptions extends EffectOptions {
  /** The endpoint's path; other paths are left to the server's other `upgrade` listeners. Default `/snapshots`. */
  path?: string;
  /**
   * Runs before the project's existence is checked: `true` or `{ expiresAt?, principal? }` lets the connection in
   * (closed with 4401 at `expiresAt`; `principal` is what `revoke` sees); `false` or 403 → 4403; 401 → 4401. Default:
   * everyone may see every project.
   */
  authorize?: (request: IncomingMessage, projectId: string) => AuthorizeResult | Promise<AuthorizeResult>;
  /** An `authorize` that throws or has not answered within this long closes the socket with 1011. Default 10 s. */
  authorizeTimeoutMs?: number;
  /**
   * Allowed origins: a list of exact origins, or a predicate given the normalised origin; compared after normalising
   * (scheme and host lower-case, default port dropped). A request without `Origin` is allowed. Default: any.
   */
  allowedOrigins?: AllowedOrigins;
  /** WebSocket-level ping interval; a peer that did not answer the previous ping is terminated. Default 30 s. */
  heartbeatMs?: number;
  /** A subscriber holding more unsent bytes than this before a stream frame is closed with 4409. Default 16 MiB. */
  maxBufferedBytes?: number;
  /** Largest client frame; a larger one closes the connection with 1009. Default 64 KiB. */
  maxPayload?: number;
  /** Client frames per second before `rate_limited`; twice as many close with 4429. Default 20. */
  maxFramesPerSecond?: number;
  /**
   * Messages a connection buffers while its hello is prepared (they are sent after it); past this it is closed with
   * 4409, and reconnects at once and resumes. Default 10,000.
   */
  joinBufferLimit?: number;
  /** Which instance this is (`host:port`, a pod name; 1 to 128 characters), sent in every hello. Default: none. */
  instance?: string;
  /** Open WebSocket connections at most, handshakes included; past it a new one is closed with 4503. Default 10,000. */
  maxConnections?: number;
  /** Authorized connections per project at most; past it a new one is closed with 4503. Default 1,000. */
  maxConnectionsPerProject?: number;
  /**
   * A connection to the HTTP server that has not sent a complete request head (an upgrade that never completes) within
   * this long is destroyed; 0: no deadline (Node's `headersTimeout` only). Default 10 s.
   */
  handshakeTimeoutMs?: number;
}

/** The endpoint's defaults, each overridable by the option of the same name. */
export const ENDPOINT_DEFAULTS = {
  path: '/snapshots',
  authorizeTimeoutMs: 10_000,
  heartbeatMs: 30_000,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxPayload: 64 * 1024,
  maxFramesPerSecond: 20,
  joinBufferLimit: 10_000,
  maxConnections: 10_000,
  maxConnectionsPerProject: 1_000,
  handshakeTimeoutMs: 10_000,
} as const;

export interface ResolvedEndpointOptions
  extends Required<Omit<SnapshotEndpointOptions, 'allowedOrigins' | 'authorize' | 'instance'>> {
  instance: string | undefined;
  authorize: NonNullable<SnapshotEndpointOptions['authorize']>;
  originAllowed: OriginCheck;
  /** The service's plumbing. */
  feed: SnapshotFeed;
}

/** The arguments of `attachSnapshotEndpoint` checked, defaults filled in; a wrong one throws an error naming it. */
export function resolveEndpointOptions(server: unknown, service: unknown, input: unknown): ResolvedEndpointOptions {
  const http = server as Partial<Server> | null;
  if (typeof http?.on !== 'function' || typeof http.listenerCount !== 'function') {
    throw optionError('server', 'a node:http or node:https Server', server);
  }
  const feed = snapshotFeedOf(service as SnapshotService);
  const options = optionsObject<SnapshotEndpointOptions>('attachSnapshotEndpoint', input, true);
  const defaults = ENDPOINT_DEFAULTS;
  const path = options.path === undefined ? defaults.path : options.path;
  if (typeof path !== 'string' || !path.startsWith('/') || /[?#]/.test(path)) {
    throw optionError('path', 'a string starting with "/" (no query or fragment)', path);
  }
  return {
    path,
    authorize: functionOption('authorize', options.authorize, () => true),
    authorizeTimeoutMs: durationOption(
      'authorizeTimeoutMs',
      options.authorizeTimeoutMs,
      defaults.authorizeTimeoutMs,
      1,
    ),
    originAllowed: originCheck(options.allowedOrigins),
    heartbeatMs: durationOption('heartbeatMs', options.heartbeatMs, defaults.heartbeatMs, 1),
    maxBufferedBytes: integerOption('maxBufferedBytes', options.maxBufferedBytes, defaults.maxBufferedBytes, 0),
    maxPayload: integerOption('maxPayload', options.maxPayload, defaults.maxPayload, 1),
    maxFramesPerSecond: integerOption('maxFramesPerSecond', options.maxFramesPerSecond, defaults.maxFramesPerSecond, 1),
    joinBufferLimit: integerOption('joinBufferLimit', options.joinBufferLimit, defaults.joinBufferLimit, 1),
    instance: instanceOption(options.instance),
    maxConnections: integerOption('maxConnections', options.maxConnections, defaults.maxConnections, 1),
    maxConnectionsPerProject: integerOption(
      'maxConnectionsPerProject',
      options.maxConnectionsPerProject,
      defaults.maxConnectionsPerProject,
      1,
    ),
    handshakeTimeoutMs: durationOption(
      'handshakeTimeoutMs',
      options.handshakeTimeoutMs,
      defaults.handshakeTimeoutMs,
      0,
    ),
    ...resolveEffects(options),
    feed,
  };
}

/** The hello's `instance`: absent, or a string the protocol accepts. */
function instanceOption(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_INSTANCE_LENGTH) {
    throw optionError('instance', `a string of 1 to ${MAX_INSTANCE_LENGTH} characters`, value);
  }
  return value;
}
