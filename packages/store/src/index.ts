export * from './audit/index.ts';
export * from './backup/index.ts';
export * from './blobs/index.ts';
export * from './db/index.ts';
export * from './docs/index.ts';
export * from './sessions/index.ts';
