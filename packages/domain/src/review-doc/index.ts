export * from './annotations.ts';
export * from './carry.ts';
export * from './carry-content.ts';
export * from './extensions.ts';
export * from './schema.ts';
export * from './seed.ts';
export * from './statement-text.ts';
export * from './touched.ts';
