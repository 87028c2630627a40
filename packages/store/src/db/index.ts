export * from './client.ts';
export * from './database.ts';
export * from './embedded.ts';
export * from './migrate.ts';
