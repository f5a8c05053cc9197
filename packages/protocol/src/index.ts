// @livesnap/protocol: the one contract that server, client, tests and docs import.
export * from './close-codes.js';
export * from './decode.js';
export * from './derive.js';
export * from './json-schema.js';
export * from './messages.js';
export * from './order.js';
export * from './snapshot.js';
