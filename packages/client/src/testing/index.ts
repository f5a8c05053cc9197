// @livesnap/client/testing: a scriptable mock snapshot server behind an in-process WebSocket class. Browser-safe: it
// runs in jsdom, a browser and Storybook. For a real `ws` server on 127.0.0.1, see `@livesnap/client/testing/node`.
export type {
  Admission,
  FakeCloseEvent,
  FakeEvent,
  FakeMessageEvent,
  FakeWebSocket,
  FakeWebSocketConstructor,
  MockPeer,
  MockServerSide,
  MockTransportTarget,
} from './fake-websocket.js';
export { createFakeWebSocketClass } from './fake-websocket.js';
export type { MemoryStorage } from './memory-storage.js';
export { createMemoryStorage } from './memory-storage.js';
export type {
  MockConnection,
  MockConnectionParams,
  MockServerEvent,
  MockSnapshotServerOptions,
  Refusal,
} from './mock-server.js';
export { MockSnapshotServer } from './mock-server.js';
export { waitForState } from './wait-for-state.js';
