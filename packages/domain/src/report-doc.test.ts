import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { reportDocField, reportDocTexts, seedReportDoc } from './report-doc.ts';

const texts = {
  opening: '根据校党委统一部署，第一巡视组对教务处开展了专项巡视。',
  assessment: '整改工作总体有序推进。\n但长效机制不够健全。',
  requirements: '（一）压实整改责任。\n（二）强化跟踪督办。',
};

describe('the report document', () => {
  it('reads back the texts it was seeded with, one paragraph per line', () => {
    const doc = new Y.Doc();
    expect(seedReportDoc(doc, texts)).toBe(true);
    expect(reportDocTexts(doc)).toEqual(texts);
    expect(reportDocField(doc, 'assessment').length).toBe(2);
  });

  it('is seeded once: a second seed changes nothing', () => {
    const doc = new Y.Doc();
    seedReportDoc(doc, texts);
    expect(seedReportDoc(doc, { opening: 'x', assessment: 'y', requirements: 'z' })).toBe(false);
    expect(reportDocTexts(doc)).toEqual(texts);
  });

  it('gives the same bytes for the same texts under one client id, so two seeds apply once', () => {
    const seed = () => {
      const d = new Y.Doc();
      d.clientID = 1;
      seedReportDoc(d, texts);
      return Y.encodeStateAsUpdate(d);
    };
    const [a, b] = [seed(), seed()];
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, a);
    Y.applyUpdate(doc, b);
    expect(reportDocTexts(doc)).toEqual(texts);
  });

  it('reads an empty field as empty text', () => {
    expect(reportDocTexts(new Y.Doc())).toEqual({ opening: '', assessment: '', requirements: '' });
  });
});
