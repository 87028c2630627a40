import { defaultFramework, type Framework } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { annotationTone, focusTone, highlightClass } from './focus-tones.ts';

describe('focus tones', () => {
  it('give each of the four focuses its own tone', () => {
    expect(defaultFramework.focuses.map((f) => focusTone(defaultFramework, f.code))).toEqual([
      'f1',
      'f2',
      'f3',
      'f4',
    ]);
  });

  it('colour an annotation by the focus of its first question', () => {
    expect(annotationTone(defaultFramework, ['Q3'])).toBe('f1');
    expect(annotationTone(defaultFramework, ['Q5', 'Q1'])).toBe('f2');
    expect(annotationTone(defaultFramework, ['Q8'])).toBe('f3');
    expect(annotationTone(defaultFramework, ['Q12', 'Q4'])).toBe('f4');
  });

  it('stay neutral for an untagged annotation or an unknown code', () => {
    expect(annotationTone(defaultFramework, [])).toBe('none');
    expect(annotationTone(defaultFramework, ['Q99'])).toBe('none');
  });

  it('wrap round when a round defines more than four focuses', () => {
    const fw: Framework = {
      ...defaultFramework,
      focuses: [...defaultFramework.focuses, { code: 'F5', zh: '抓机制', en: 'Mechanisms' }],
    };
    expect(focusTone(fw, 'F5')).toBe('f1');
  });

  it('fade resolved highlights and mark the active one', () => {
    expect(highlightClass('f2', false, false)).toBe('ws-hl ws-tone-f2');
    expect(highlightClass('f2', true, true)).toBe('ws-hl ws-tone-f2 ws-hl--resolved ws-hl--active');
  });
});
