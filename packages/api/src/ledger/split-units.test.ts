import { describe, expect, it } from 'vitest';
import { splitUnits } from './split-units.ts';

describe('splitUnits', () => {
  it.each([
    ['研究生院、学生工作部', ['研究生院', '学生工作部']],
    ['研究生院，学生工作部', ['研究生院', '学生工作部']],
    ['研究生院,学生工作部', ['研究生院', '学生工作部']],
    ['研究生院;学生工作部', ['研究生院', '学生工作部']],
    ['研究生院；学生工作部', ['研究生院', '学生工作部']],
    ['研究生院\n学生工作部', ['研究生院', '学生工作部']],
  ])('splits "%s"', (cell, names) => {
    expect(splitUnits(cell)).toEqual(names);
  });

  it('trims, drops empties and keeps the order written', () => {
    expect(splitUnits('、 人事处 ，，教务处、\n')).toEqual(['人事处', '教务处']);
  });

  it('keeps one of each name, also across full-width and half-width spellings', () => {
    expect(splitUnits('教务处、教务处、党委办公室（校长办公室）、党委办公室(校长办公室)')).toEqual([
      '教务处',
      '党委办公室（校长办公室）',
    ]);
  });

  it('never splits inside brackets', () => {
    expect(splitUnits('党委办公室（校长办公室、校务办），教务处')).toEqual([
      '党委办公室（校长办公室、校务办）',
      '教务处',
    ]);
  });

  it('does not split on spaces, which pad names for alignment', () => {
    expect(splitUnits('人 事 处、财 务 处')).toEqual(['人 事 处', '财 务 处']);
  });

  it('reads an empty cell as no units', () => {
    expect(splitUnits('')).toEqual([]);
  });
});
