import type { CoverageCell, CoverageUnit } from './coverage-api.ts';

/** Heat levels of a cell: 0 is a gap, 1–4 grow with the number of annotations. */
export type HeatLevel = 0 | 1 | 2 | 3 | 4;

/**
 * A cell's level relative to the busiest cell in view, with a floor of four
 * so that a matrix of ones and twos does not look saturated.
 */
export function heatLevel(cell: Pick<CoverageCell, 'open' | 'resolved'>, max: number): HeatLevel {
  const n = cell.open + cell.resolved;
  if (n <= 0) return 0;
  return Math.min(4, Math.ceil((4 * n) / Math.max(max, 4))) as HeatLevel;
}

/** The largest open + resolved count of any cell. */
export function busiest(units: readonly CoverageUnit[]): number {
  let max = 0;
  for (const u of units) for (const c of u.cells) max = Math.max(max, c.open + c.resolved);
  return max;
}

/** Per question column: how many units have at least one annotation there. */
export function coveredUnits(units: readonly CoverageUnit[], column: number): number {
  return units.filter((u) => {
    const c = u.cells[column];
    return c !== undefined && c.open + c.resolved > 0;
  }).length;
}

export interface GridPos {
  row: number;
  col: number;
}

/**
 * Where a key moves the focus in a rows × cols grid (arrows, Home/End within
 * a row, Ctrl+Home/End to the corners, PageUp/PageDown by five rows), or
 * undefined for keys the grid does not handle.
 */
export function moveInGrid(
  pos: GridPos,
  key: string,
  size: { rows: number; cols: number },
  ctrl = false,
): GridPos | undefined {
  const clamp = (v: number, hi: number) => Math.max(0, Math.min(hi - 1, v));
  switch (key) {
    case 'ArrowLeft':
      return { row: pos.row, col: clamp(pos.col - 1, size.cols) };
    case 'ArrowRight':
      return { row: pos.row, col: clamp(pos.col + 1, size.cols) };
    case 'ArrowUp':
      return { row: clamp(pos.row - 1, size.rows), col: pos.col };
    case 'ArrowDown':
      return { row: clamp(pos.row + 1, size.rows), col: pos.col };
    case 'Home':
      return ctrl ? { row: 0, col: 0 } : { row: pos.row, col: 0 };
    case 'End':
      return ctrl
        ? { row: size.rows - 1, col: size.cols - 1 }
        : { row: pos.row, col: size.cols - 1 };
    case 'PageUp':
      return { row: clamp(pos.row - 5, size.rows), col: pos.col };
    case 'PageDown':
      return { row: clamp(pos.row + 5, size.rows), col: pos.col };
    default:
      return undefined;
  }
}
