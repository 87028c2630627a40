import { describe, expect, it } from 'vitest';
import { hitPath, type SearchHit, snippetRuns } from './search-api.ts';
import { ANNOTATION_HIT, EVIDENCE_HIT, STATEMENT_HIT } from './test-data.ts';

const other = (kind: SearchHit['kind'], id: string): SearchHit => ({
  kind,
  id,
  part: 0,
  unit: null,
  snippet: { text: '', highlights: [] },
  target: {},
});

describe('where a search hit opens', () => {
  it('opens each kind at its place for inspectors', () => {
    const at = (hit: SearchHit) => hitPath(hit, '导师制', { portal: false });
    expect(at(STATEMENT_HIT)).toBe(`/review/sv2?q=${encodeURIComponent('导师制')}`);
    expect(at(EVIDENCE_HIT)).toBe('/review/sv2?evidence=ev1&page=3');
    expect(at({ ...EVIDENCE_HIT, part: 0 })).toBe('/review/sv2?evidence=ev1');
    expect(at(ANNOTATION_HIT)).toBe('/review/sv2?annotation=ann-1');
    expect(at(other('finding', 'f1'))).toBe('/findings?finding=f1');
    expect(at(other('interview', 'iv1'))).toBe('/interviews?interview=iv1');
    expect(at(other('minutes', 'm1'))).toBe('/meetings?id=m1');
  });

  it('sends unit contacts to their task page, and falls back to the search page', () => {
    const at = (hit: SearchHit) => hitPath(hit, 'x', { portal: true });
    expect(at(STATEMENT_HIT)).toBe('/tasks/t11?unit=unit-jwc');
    expect(at(EVIDENCE_HIT)).toBe('/tasks/t11?unit=unit-jwc');
    expect(at(other('statement', 'sv9'))).toBe('/search?q=x');
  });
});

describe('snippet runs', () => {
  it('split the text at the highlights, clamped to the text', () => {
    expect(
      snippetRuns({
        text: 'ab导师制cd导师制',
        highlights: [
          [7, 99],
          [2, 5],
        ],
      }),
    ).toEqual([
      { text: 'ab', hit: false },
      { text: '导师制', hit: true },
      { text: 'cd', hit: false },
      { text: '导师制', hit: true },
    ]);
  });
});
