export * from './databases.ts';
export * from './stall.ts';
