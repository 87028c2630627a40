import { describe, expect, it } from 'vitest';
import { parseDeadline } from './parse-deadline.ts';

describe('parseDeadline', () => {
  it.each([
    ['2023年6月底前', '2023-06-30'],
    ['2023年6月底', '2023-06-30'],
    ['2023年6月', '2023-06-30'],
    ['2023年2月底前完成', '2023-02-28'],
    ['2024年2月底前', '2024-02-29'],
    ['2023年底前', '2023-12-31'],
    ['2023年年底前', '2023-12-31'],
    ['2023年内', '2023-12-31'],
    ['2023.6', '2023-06-30'],
    ['2023.12', '2023-12-31'],
    ['2023-06-30', '2023-06-30'],
    ['2023/6/30', '2023-06-30'],
    ['2023.6.30', '2023-06-30'],
    ['20230630', '2023-06-30'],
    ['2023年3月31日', '2023-03-31'],
    ['2023年3月31日前', '2023-03-31'],
    ['2023年6月上旬', '2023-06-10'],
    ['2023年上半年', '2023-06-30'],
    ['2023年第三季度', '2023-09-30'],
    ['２０２３年６月底前', '2023-06-30'],
    ['2023 年 6 月底前', '2023-06-30'],
    ['45107', '2023-06-30'],
  ])('reads "%s" as %s and keeps no kind hint', (text, date) => {
    expect(parseDeadline(text)).toEqual({ ok: true, date });
  });

  it.each(['长期坚持', '持续推进', '长期坚持，常态推进', '常态化开展'])(
    'reads "%s" as no date and a long-term task',
    (text) => {
      expect(parseDeadline(text)).toEqual({ ok: true, date: null, kindHint: 'long_term' });
    },
  );

  it('keeps the stage date of a long-term task', () => {
    expect(parseDeadline('长期坚持，2023年底前取得阶段性成效')).toEqual({
      ok: true,
      date: '2023-12-31',
      kindHint: 'long_term',
    });
  });

  it('reads 立行立改 and 已完成 as no date and a completed task', () => {
    expect(parseDeadline('立行立改')).toEqual({ ok: true, date: null, kindHint: 'completed' });
    expect(parseDeadline('已完成')).toEqual({ ok: true, date: null, kindHint: 'completed' });
  });

  it('reads an empty cell as no deadline', () => {
    expect(parseDeadline('')).toEqual({ ok: true, date: null });
    expect(parseDeadline('　')).toEqual({ ok: true, date: null });
  });

  it('picks the latest date out of prose, with a note for the preview', () => {
    const r = parseDeadline('2023年6月底前完成制度修订，12月底前全面落实');
    expect(r).toEqual({ ok: true, date: '2023-12-31', note: expect.stringMatching(/2023-12-31/) });
  });

  it.each(['尽快', '6月底前', '按要求', '2023年13月', '2023-02-30', '1899.1'])(
    'refuses "%s" with a message naming the text',
    (text) => {
      const r = parseDeadline(text);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toContain(text);
    },
  );
});
