// The public surface of @livesnap/protocol: every runtime name it exports is listed here, so that an export is added
// or removed on purpose (and documented in README.md), never by a module growing a helper.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as protocol from '../src/index.js';

const EXPORTED = [
  'ActivityStateSchema',
  'CLOSE_CODES',
  'CiObservationSchema',
  'ClientMessageSchema',
  'CloseCode',
  'FlowPhaseSchema',
  'GitStatsSchema',
  'KanbanColumnSchema',
  'MAX_INSTANCE_LENGTH',
  'MAX_PING_ID_LENGTH',
  'PROTOCOL_VERSION',
  'PROTOCOL_VERSIONS',
  'PendingRequestTypeSchema',
  'PrCiStatusSchema',
  'PrStateSchema',
  'RatchetStateSchema',
  'RunScriptStatusSchema',
  'ServerMessageSchema',
  'SidebarCiStateSchema',
  'SnapshotSourceKindSchema',
  'VISIBLE_FIELDS',
  'WorkspaceFactsSchema',
  'WorkspaceSnapshotSchema',
  'WorkspaceStatusSchema',
  'applyPatch',
  'boardColumn',
  'buildSnapshot',
  'changedFields',
  'closeCodeInfo',
  'compareWorkspaces',
  'decodeClientFrame',
  'decodeServerFrame',
  'deriveSnapshotFields',
  'describeIssues',
  'isOnSidebar',
  'legacyBoard',
  'legacyBoardEntry',
  'legacySidebar',
  'legacySidebarEntry',
  'messageInVersion',
  'protocolJsonSchema',
  'supportedProtocolsIn',
  'unsupportedProtocolReason',
  'visibleFieldsEqual',
];

describe('public API', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(protocol).sort()).toEqual([...EXPORTED].sort());
  });

  it('has every exported name documented in README.md', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const undocumented = EXPORTED.filter((name) => !readme.includes(`\`${name}`));
    expect(undocumented).toEqual([]);
  });
});
