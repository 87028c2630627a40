export * from './annotations.ts';
export * from './carry.ts';
export * from './extensions.ts';
export * from './schema.ts';
export * from './seed.ts';
export * from './statement-text.ts';
