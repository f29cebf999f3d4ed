export * from './envelope.ts';
export * from './transport.ts';
export * from './client.ts';
export * from './in-process-client.ts';
export * from './server.ts';
export * from './memory-transport.ts';
export * from './bridge.ts';
