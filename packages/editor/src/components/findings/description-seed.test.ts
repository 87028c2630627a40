import { textDocBody, textDocPlain } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergedBlock, paragraphs, seedUpdate } from './description-seed.ts';

const NAME = 'finding.0b7c2f0e-0000-4000-8000-000000000001';

describe('seeding a finding description document', () => {
  it('keeps the text line for line, as the projection will read it back', () => {
    const text = '表述称已全面完成改革。\n\n佐证仅有制度文件，缺少落实记录。';
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedUpdate(NAME, text));
    expect(textDocPlain(doc)).toBe(text);
    expect(textDocBody(doc).length).toBe(3);
  });

  it('never doubles the text when two people seed the same empty document at once', () => {
    const text = '台账与实际不符';
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, seedUpdate(NAME, text));
    Y.applyUpdate(b, seedUpdate(NAME, text));
    // Each receives the other's seed (and its own again), as the server relays them.
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(textDocPlain(a)).toBe(text);
    expect(textDocPlain(b)).toBe(text);
  });

  it('gives different texts different authors, so they can never be mistaken for one another', () => {
    const a = new Y.Doc();
    Y.applyUpdate(a, seedUpdate(NAME, '甲'));
    Y.applyUpdate(a, seedUpdate(NAME, '乙'));
    expect(textDocPlain(a).split('\n').sort()).toEqual(['乙', '甲'].sort());
  });

  it('finds the block a merge appended, by the source finding’s title', () => {
    const joined = '原有描述\n\n【导师制落实不到位】抽查名单与表述不符。\n另有一行。';
    expect(mergedBlock(joined, '导师制落实不到位')).toBe(
      '【导师制落实不到位】抽查名单与表述不符。\n另有一行。',
    );
    expect(mergedBlock('原有描述', '导师制落实不到位')).toBeUndefined();
    expect(paragraphs('一\n二').map((p) => p.nodeName)).toEqual(['paragraph', 'paragraph']);
  });
});
