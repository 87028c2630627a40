import { describe, expect, it } from 'vitest';
import { docName, parseDocName } from './doc-names.ts';

describe('doc names', () => {
  const id = '0b6f3f7e-8a51-4f0e-9d55-3a1f4a9f8c21';

  it('builds and parses every kind', () => {
    for (const kind of ['review', 'finding', 'minutes', 'interview', 'report'] as const) {
      expect(parseDocName(docName(kind, id))).toEqual({ kind, id });
    }
  });

  it('rejects unknown kinds, path tricks and empty ids', () => {
    for (const bad of [
      '',
      'review',
      'review.',
      'evil.x',
      'review.../x',
      'review.a/b',
      `x${'a'.repeat(70)}`,
    ]) {
      expect(parseDocName(bad)).toBeUndefined();
    }
    expect(() => docName('review', '../x')).toThrow();
  });
});
