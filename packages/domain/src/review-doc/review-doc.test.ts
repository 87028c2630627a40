import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addReply,
  annotationRange,
  createAnnotation,
  readAnnotations,
  reattach,
  setStatus,
  statementOf,
  toggleQuestion,
} from './annotations.ts';
import { carryAnnotations, locateQuote } from './carry.ts';
import { paragraphsToRichText, richTextToPlain, seedReviewDoc } from './seed.ts';
import { statementPlainText } from './statement-text.ts';

const V1 = [
  '我处于2023年5月完成《本科生导师制实施办法》修订工作。',
  '新办法明确了导师职责，规定每名导师指导学生不超过15人。',
];

function seeded(paragraphs = V1): Y.Doc {
  const doc = new Y.Doc();
  seedReviewDoc(doc, paragraphsToRichText(paragraphs), 'v1');
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('review document', () => {
  it('seeds the statement once, as rich text whose plain text is the submission', () => {
    const doc = seeded();
    expect(statementPlainText(statementOf(doc))).toBe(V1.join('\n'));
    expect(seedReviewDoc(doc, paragraphsToRichText(['again']), 'v1')).toBe(false);
    expect(richTextToPlain(paragraphsToRichText(V1))).toBe(V1.join('\n'));
  });

  it('anchors an annotation to a passage and keeps the anchor when text around it changes', () => {
    const doc = seeded();
    const text = statementPlainText(statementOf(doc));
    const start = text.indexOf('本科生导师制');
    createAnnotation(doc, {
      id: 'a1',
      start,
      end: start + 6,
      authorId: 'u1',
      authorName: '张三',
      questions: ['Q3'],
      step: 'S1',
    });
    const [a] = readAnnotations(doc);
    expect(a).toMatchObject({
      id: 'a1',
      questions: ['Q3'],
      step: 'S1',
      status: 'open',
      authorName: '张三',
    });
    expect(a!.quote.text).toBe('本科生导师制');
    expect(a!.quote.prefix.endsWith('完成《')).toBe(true);
    // Insert text before the passage: the relative anchor follows it.
    const firstText = statementOf(doc).get(0) as Y.XmlElement;
    (firstText.get(0) as Y.XmlText).insert(0, '根据要求，');
    const r = annotationRange(doc, 'a1')!;
    expect(statementPlainText(statementOf(doc)).slice(r.start, r.end)).toBe('本科生导师制');
  });

  it('converges when two people tag, resolve and reply concurrently', () => {
    const a = seeded();
    const b = new Y.Doc();
    sync(a, b);
    createAnnotation(a, { id: 'x', start: 0, end: 4, authorId: 'u1', authorName: 'A' });
    sync(a, b);
    toggleQuestion(a, 'x', 'Q1');
    toggleQuestion(b, 'x', 'Q2');
    setStatus(b, 'x', 'resolved', 'u2');
    addReply(a, 'x', {
      id: 'r1',
      authorId: 'u1',
      authorName: 'A',
      at: new Date().toISOString(),
      text: '请补充材料',
    });
    sync(a, b);
    expect(readAnnotations(a)).toEqual(readAnnotations(b));
    const [x] = readAnnotations(a);
    expect(x!.status).toBe('resolved');
    expect(x!.statusHistory.map((h) => h.status)).toEqual(['open', 'resolved']);
    expect(x!.replies.map((r) => r.text)).toEqual(['请补充材料']);
  });

  it('carries open annotations to a new version by their quote, with confidence, and orphans what it cannot find', () => {
    const v1 = seeded();
    const text = statementPlainText(statementOf(v1));
    const s1 = text.indexOf('每名导师指导学生不超过15人');
    createAnnotation(v1, {
      id: 'keep',
      start: s1,
      end: s1 + 14,
      authorId: 'u',
      authorName: 'U',
      questions: ['Q2'],
    });
    const s2 = text.indexOf('2023年5月');
    createAnnotation(v1, { id: 'gone', start: s2, end: s2 + 7, authorId: 'u', authorName: 'U' });
    const v2 = seeded([
      '经修订，《本科生导师制实施办法》已印发。',
      '新办法明确了导师职责，规定每名导师指导学生不超过15人，并纳入考核。',
    ]);
    const r = carryAnnotations(v1, v2, { newId: (old) => `${old.id}-v2` });
    expect(r.carried.map((c) => c.from)).toEqual(['keep']);
    // The quote and its prefix match; the suffix changed, so it is carried but not with full confidence.
    expect(r.carried[0]!.confidence).toBeGreaterThan(0.7);
    expect(r.carried[0]!.confidence).toBeLessThan(1);
    expect(r.orphans.map((o) => o.from)).toEqual(['gone']);
    const carried = readAnnotations(v2).find((a) => a.id === 'keep-v2')!;
    expect(carried).toMatchObject({ questions: ['Q2'], carriedFrom: 'keep', orphaned: false });
    const range = annotationRange(v2, 'keep-v2')!;
    expect(statementPlainText(statementOf(v2)).slice(range.start, range.end)).toBe(
      '每名导师指导学生不超过15人',
    );
    const orphan = readAnnotations(v2).find((a) => a.id === 'gone-v2')!;
    expect(orphan.orphaned).toBe(true);
    expect(annotationRange(v2, 'gone-v2')).toBeUndefined();
    reattach(v2, 'gone-v2', 3, 8);
    expect(readAnnotations(v2).find((a) => a.id === 'gone-v2')!.orphaned).toBe(false);
  });

  it('scores a quote found only after punctuation edits lower than an exact one', () => {
    const exact = locateQuote('甲乙丙丁，戊己', {
      text: '甲乙丙丁',
      prefix: '',
      suffix: '，戊己',
    })!;
    const fuzzy = locateQuote('甲乙、丙丁戊己', { text: '甲乙，丙丁', prefix: '', suffix: '' })!;
    expect(exact.confidence).toBe(1);
    expect(fuzzy.confidence).toBeLessThan(exact.confidence);
    expect(locateQuote('完全不同', { text: '甲乙丙丁', prefix: '', suffix: '' })).toBeUndefined();
  });
});
