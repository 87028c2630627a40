import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zh } from './zh.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have identical keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('use the same placeholders for every key', () => {
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect({ key, params: placeholders(en[key]) }).toEqual({
        key,
        params: placeholders(zh[key]),
      });
    }
  });

  it('leave no message empty', () => {
    for (const dict of [zh, en]) {
      for (const [key, text] of Object.entries(dict)) {
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      }
    }
  });
});
