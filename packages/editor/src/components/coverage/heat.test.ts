import { describe, expect, it } from 'vitest';
import type { CoverageUnit } from './coverage-api.ts';
import { busiest, coveredUnits, heatLevel, moveInGrid } from './heat.ts';

const unit = (counts: Array<[number, number]>): CoverageUnit => ({
  id: 'u',
  name: 'u',
  statements: 0,
  annotatedStatements: 0,
  open: 0,
  resolved: 0,
  untagged: 0,
  cells: counts.map(([open, resolved], i) => ({
    question: `Q${i + 1}`,
    open,
    resolved,
    authors: [],
  })),
});

describe('heat levels', () => {
  it('marks an empty cell as a gap (level 0) and counts open and resolved alike', () => {
    expect(heatLevel({ open: 0, resolved: 0 }, 10)).toBe(0);
    expect(heatLevel({ open: 0, resolved: 1 }, 1)).toBe(1);
    expect(heatLevel({ open: 1, resolved: 0 }, 1)).toBe(1);
  });

  it('scales to the busiest cell, but never saturates small counts', () => {
    expect([1, 2, 3, 4].map((n) => heatLevel({ open: n, resolved: 0 }, 4))).toEqual([1, 2, 3, 4]);
    expect([1, 5, 10, 20].map((n) => heatLevel({ open: n, resolved: 0 }, 20))).toEqual([
      1, 1, 2, 4,
    ]);
    expect(heatLevel({ open: 2, resolved: 0 }, 2)).toBe(2);
  });

  it('finds the busiest cell and the units covered per column', () => {
    const units = [
      unit([
        [2, 1],
        [0, 0],
      ]),
      unit([
        [0, 1],
        [0, 0],
      ]),
    ];
    expect(busiest(units)).toBe(3);
    expect(coveredUnits(units, 0)).toBe(2);
    expect(coveredUnits(units, 1)).toBe(0);
  });
});

describe('grid keys', () => {
  const size = { rows: 3, cols: 12 };
  it('moves by arrows and stops at the edges', () => {
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowRight', size)).toEqual({ row: 0, col: 1 });
    expect(moveInGrid({ row: 0, col: 0 }, 'ArrowLeft', size)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 2, col: 5 }, 'ArrowDown', size)).toEqual({ row: 2, col: 5 });
    expect(moveInGrid({ row: 2, col: 5 }, 'ArrowUp', size)).toEqual({ row: 1, col: 5 });
  });

  it('jumps with Home/End along a row and to the corners with Ctrl', () => {
    expect(moveInGrid({ row: 1, col: 5 }, 'Home', size)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid({ row: 1, col: 5 }, 'End', size)).toEqual({ row: 1, col: 11 });
    expect(moveInGrid({ row: 1, col: 5 }, 'End', size, true)).toEqual({ row: 2, col: 11 });
    expect(moveInGrid({ row: 1, col: 5 }, 'Home', size, true)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 1, col: 5 }, 'PageDown', size)).toEqual({ row: 2, col: 5 });
  });

  it('leaves other keys to the page', () => {
    expect(moveInGrid({ row: 0, col: 0 }, 'Enter', size)).toBeUndefined();
    expect(moveInGrid({ row: 0, col: 0 }, 'a', size)).toBeUndefined();
  });
});
