import { describe, expect, it } from 'vitest';
import { cleanWordHtml } from './word-paste.ts';

const item = (level: number, marker: string, text: string, list = 'l0') =>
  `<p class=MsoListParagraph style='mso-list:${list} level${level} lfo1'><![if !supportLists]><span style='mso-list:Ignore'>${marker}<span>&nbsp; </span></span><![endif]>${text}</p>`;

describe('cleanWordHtml', () => {
  it('leaves HTML that is not from Word alone', () => {
    const html = '<p>一、总体情况</p><ul><li>甲</li></ul>';
    expect(cleanWordHtml(html)).toBe(html);
  });

  it('nests list levels the way Word indents them', () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>${item(1, '1.', '甲')}${item(2, 'a)', '甲一')}${item(2, 'b)', '甲二')}${item(1, '2.', '乙')}</body></html>`;
    const out = document.createElement('div');
    out.innerHTML = cleanWordHtml(html);
    const root = out.querySelector(':scope > ol');
    expect(root?.children).toHaveLength(2);
    expect(root?.querySelector(':scope > li > ol')?.textContent?.replace(/\s/g, '')).toBe(
      '甲一甲二',
    );
    expect(out.textContent?.replace(/\s|\u00a0/g, '')).toBe('甲甲一甲二乙');
  });

  it('tells bullets from numbers by the typed marker', () => {
    const html = `<body>${item(1, '·', '要点')}<p class=MsoNormal>正文</p>${item(1, '（一）', '第一项')}</body>`;
    const out = document.createElement('div');
    out.innerHTML = cleanWordHtml(html);
    expect([...out.children].map((c) => c.tagName)).toEqual(['UL', 'P', 'OL']);
  });
});
