export * from './audit-log.ts';
export * from './canonical.ts';
