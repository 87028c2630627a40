import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAnnotation, linkInterview, readAnnotations } from './annotations.ts';
import { paragraphsToRichText, seedReviewDoc } from './seed.ts';

function withS3Annotation(): Y.Doc {
  const doc = new Y.Doc();
  seedReviewDoc(doc, paragraphsToRichText(['规定每名导师指导学生不超过15人。']), 'v1');
  createAnnotation(doc, {
    id: 'a1',
    start: 2,
    end: 8,
    authorId: 'u1',
    authorName: '张三',
    step: 'S3',
    now: new Date('2025-04-08T01:00:00Z'),
  });
  return doc;
}

describe('linkInterview', () => {
  it('links an annotation to an interview record, replaces the link, and removes it with null', () => {
    const doc = withS3Annotation();
    expect(readAnnotations(doc)[0]!.interviewId).toBeNull();
    linkInterview(doc, 'a1', 'iv-1', new Date('2025-04-08T02:00:00Z'));
    expect(readAnnotations(doc)[0]).toMatchObject({
      interviewId: 'iv-1',
      updatedAt: '2025-04-08T02:00:00.000Z',
    });
    linkInterview(doc, 'a1', 'iv-2');
    expect(readAnnotations(doc)[0]!.interviewId).toBe('iv-2');
    linkInterview(doc, 'a1', null);
    expect(readAnnotations(doc)[0]!.interviewId).toBeNull();
  });

  it('reaches a co-annotator’s copy as one update, leaving the rest of the annotation alone', () => {
    const a = withS3Annotation();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const updates: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => updates.push(u));
    linkInterview(a, 'a1', 'iv-1');
    expect(updates).toHaveLength(1);
    Y.applyUpdate(b, updates[0]!);
    const [seen] = readAnnotations(b);
    expect(seen).toMatchObject({ id: 'a1', step: 'S3', interviewId: 'iv-1', authorName: '张三' });
  });

  it('refuses an annotation that does not exist', () => {
    expect(() => linkInterview(withS3Annotation(), 'nope', 'iv-1')).toThrow();
  });
});
