// @livesnap/protocol: the one contract that server, client, tests and docs import. Every name below is public API
// (README.md says what each is for); the modules hold more, which is internal.

// close-codes: each close code's meaning and what a client does on it.
export type { CloseAction, CloseCodeInfo } from './close-codes.js';
export { CLOSE_CODES, CloseCode, closeCodeInfo } from './close-codes.js';
// decode: how a peer validates a frame (PROTOCOL.md's error classification).
export type { DecodeResult, IssueLike, RawFrame } from './decode.js';
export { decodeClientFrame, decodeServerFrame, describeIssues } from './decode.js';
// derive: DOMAIN.md's derived fields, for host apps (optimistic updates, server-side rendering, tests).
export type { VisibleField } from './derive.js';
export { buildSnapshot, changedFields, deriveSnapshotFields, VISIBLE_FIELDS, visibleFieldsEqual } from './derive.js';
// json-schema: the wire format as JSON Schema (draft 2020-12), for peers in other languages.
export { protocolJsonSchema } from './json-schema.js';
// legacy: the results of the two polling queries that snapshots replace (DOMAIN.md), for bridges and old endpoints.
export type { LegacyBoardEntry, LegacySidebar, LegacySidebarEntry, LegacySource } from './legacy.js';
export { legacyBoard, legacyBoardEntry, legacySidebar, legacySidebarEntry } from './legacy.js';
// messages: the frames of PROTOCOL.md.
export type {
  BatchMessage,
  ClientMessage,
  ErrorCode,
  ErrorMessage,
  FullHelloMessage,
  HelloMessage,
  PatchFields,
  PatchMessage,
  PingMessage,
  PongMessage,
  ProtocolVersion,
  RemoveMessage,
  ResumedHelloMessage,
  ResyncMessage,
  ServerMessage,
  StreamMessage,
  UpsertMessage,
} from './messages.js';
export {
  ClientMessageSchema,
  MAX_INSTANCE_LENGTH,
  MAX_PING_ID_LENGTH,
  PROTOCOL_VERSION,
  PROTOCOL_VERSIONS,
  ServerMessageSchema,
} from './messages.js';
// order: DOMAIN.md's list order and which workspaces the sidebar and the board show.
export { boardColumn, compareWorkspaces, isOnSidebar } from './order.js';
// patch: version 2's patch, made from the one form a server keeps a committed message in, and applied by a client.
export type { CommittedMessage, FieldChange } from './patch.js';
export { applyPatch, messageInVersion } from './patch.js';
// snapshot: DOMAIN.md's snapshot (facts, derived fields, metadata) as schemas and inferred types; each enum's
// schema also lists its values (`PrStateSchema.options`), for a host app's own checks and forms.
export type {
  ActivityState,
  CiObservation,
  DerivedFields,
  FlowPhase,
  GitStats,
  KanbanColumn,
  PendingRequestType,
  PrCiStatus,
  PrState,
  RatchetState,
  RunScriptStatus,
  SidebarCiState,
  SidebarStatus,
  SnapshotMetadata,
  SnapshotSourceKind,
  WorkspaceFacts,
  WorkspaceSnapshot,
  WorkspaceStatus,
} from './snapshot.js';
export {
  ActivityStateSchema,
  CiObservationSchema,
  FlowPhaseSchema,
  GitStatsSchema,
  KanbanColumnSchema,
  PendingRequestTypeSchema,
  PrCiStatusSchema,
  PrStateSchema,
  RatchetStateSchema,
  RunScriptStatusSchema,
  SidebarCiStateSchema,
  SnapshotSourceKindSchema,
  WorkspaceFactsSchema,
  WorkspaceSnapshotSchema,
  WorkspaceStatusSchema,
} from './snapshot.js';
// versions: the 4400 refusal of a protocol version, which lists the versions the server speaks.
export { supportedProtocolsIn, unsupportedProtocolReason } from './versions.js';
