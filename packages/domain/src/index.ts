export * from './collab-ack.ts';
export * from './doc-names.ts';
export * from './errors.ts';
export * from './framework.ts';
export * from './models.ts';
export * from './policy/index.ts';
export * from './review-doc/index.ts';
export * from './roles.ts';
