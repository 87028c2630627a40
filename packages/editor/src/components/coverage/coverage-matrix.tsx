import { createMemo, createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { shortLabel } from '../../lib/workspace/framework.ts';
import { Icon } from '../icon.tsx';
import type { Coverage, CoverageCell, CoverageQuestion, CoverageUnit } from './coverage-api.ts';
import { busiest, coveredUnits, type GridPos, heatLevel, moveInGrid } from './heat.ts';

export interface CellRef {
  unitId: string;
  question: string;
}

/** One tone per focus, by its place in the framework (as the workspace's highlights). */
export const toneOf = (index: number) => `cov-tone-f${(index % 4) + 1}`;

/**
 * The heatmap: units as rows, the questions as columns under their focus
 * headings. Each cell is a button showing its open and resolved counts as
 * text (the shade repeats the total for the eye); a gap is dashed. One cell
 * is in the tab order; arrow keys, Home/End and PageUp/PageDown move between
 * cells, Enter or a click opens the cell's annotations.
 */
export function CoverageMatrix(props: {
  coverage: Coverage;
  selected: CellRef | undefined;
  onOpen: (cell: CellRef) => void;
  /** Escape inside the grid (closes the open cell). */
  onEscape?: () => void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const questions = createMemo(() => props.coverage.framework.focuses.flatMap((f) => f.questions));
  const max = createMemo(() => busiest(props.coverage.units));
  const [active, setActive] = createSignal<GridPos>({ row: 0, col: 0 });
  let table: HTMLTableElement | undefined;

  const wording = (q: { zh: string; en: string }) => (lang() === 'en' ? q.en : q.zh);
  const isActive = (row: number, col: number) => {
    const a = active();
    // Fall back to the first cell when the grid shrank under the remembered one.
    const rows = props.coverage.units.length;
    const cols = questions().length;
    const r = a.row < rows ? a.row : 0;
    const c = a.col < cols ? a.col : 0;
    return r === row && c === col;
  };
  const isSelected = (u: CoverageUnit, c: CoverageCell) =>
    props.selected?.unitId === u.id && props.selected.question === c.question;

  const cellLabel = (u: CoverageUnit, c: CoverageCell) => {
    if (c.open + c.resolved === 0) {
      return t('coverage.cell.gapLabel', { unit: u.name, code: c.question });
    }
    const base = t('coverage.cell.label', {
      unit: u.name,
      code: c.question,
      open: c.open,
      resolved: c.resolved,
    });
    const sep = lang() === 'en' ? ', ' : '、';
    return c.authors.length > 0
      ? base + t('coverage.cell.authors', { names: c.authors.join(sep) })
      : base;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-row]');
    if (!target) return;
    if (e.key === 'Escape' && props.onEscape) {
      e.preventDefault();
      props.onEscape();
      return;
    }
    const pos = { row: Number(target.dataset.row), col: Number(target.dataset.col) };
    const next = moveInGrid(
      pos,
      e.key,
      { rows: props.coverage.units.length, cols: questions().length },
      e.ctrlKey || e.metaKey,
    );
    if (!next) return;
    e.preventDefault();
    setActive(next);
    table?.querySelector<HTMLElement>(`[data-row="${next.row}"][data-col="${next.col}"]`)?.focus();
  };

  return (
    <div class="cov-scroll">
      <table
        ref={table}
        class="cov-matrix"
        aria-label={t('coverage.matrix.label', { group: props.coverage.group?.name ?? '' })}
        onKeyDown={onKeyDown}
      >
        <colgroup>
          <col class="cov-col-unit" />
        </colgroup>
        <For each={props.coverage.framework.focuses}>
          {(f) => (
            <colgroup span={f.questions.length}>
              <For each={f.questions}>{() => <col class="cov-col-q" />}</For>
            </colgroup>
          )}
        </For>
        <colgroup>
          <col class="cov-col-total" />
        </colgroup>
        <thead>
          <tr class="cov-matrix__focuses">
            <th scope="col" rowSpan={2} class="cov-corner">
              {t('coverage.matrix.unit')}
            </th>
            <For each={props.coverage.framework.focuses}>
              {(f, i) => (
                <th
                  scope="colgroup"
                  colSpan={f.questions.length}
                  class={`cov-focus ${toneOf(i())}`}
                  title={wording(f)}
                >
                  <span class="cov-focus__code">{f.code}</span>
                  <span class="cov-focus__name">{wording(f)}</span>
                </th>
              )}
            </For>
            <th scope="col" rowSpan={2} class="cov-total-head">
              {t('coverage.matrix.total')}
            </th>
          </tr>
          <tr class="cov-matrix__questions">
            <For each={props.coverage.framework.focuses}>
              {(f, i) => (
                <For each={f.questions}>
                  {(q) => <QuestionHead question={q} tone={toneOf(i())} />}
                </For>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.coverage.units}>
            {(u, row) => (
              <tr class="cov-row">
                <th scope="row" class="cov-unit">
                  <span class="cov-unit__name">{u.name}</span>
                  <span class="cov-unit__meta">
                    {t('coverage.matrix.unitMeta', {
                      statements: formatNumber(u.statements),
                      annotated: formatNumber(u.annotatedStatements),
                    })}
                  </span>
                  <Show when={u.untagged > 0}>
                    <span class="cov-unit__meta cov-unit__meta--warn">
                      {t('coverage.matrix.untagged', { n: formatNumber(u.untagged) })}
                    </span>
                  </Show>
                </th>
                <For each={u.cells}>
                  {(c, col) => {
                    const n = () => c.open + c.resolved;
                    return (
                      <td class="cov-td">
                        <button
                          type="button"
                          class={`cov-cell cov-heat-${heatLevel(c, max())}`}
                          classList={{
                            'cov-cell--gap': n() === 0,
                            'cov-cell--settled': n() > 0 && c.open === 0,
                            'cov-cell--selected': isSelected(u, c),
                          }}
                          data-row={row()}
                          data-col={col()}
                          tabIndex={isActive(row(), col()) ? 0 : -1}
                          aria-label={cellLabel(u, c)}
                          aria-expanded={isSelected(u, c)}
                          aria-controls="cov-panel"
                          title={cellLabel(u, c)}
                          onFocus={() => setActive({ row: row(), col: col() })}
                          onClick={() => {
                            setActive({ row: row(), col: col() });
                            props.onOpen({ unitId: u.id, question: c.question });
                          }}
                        >
                          <Show
                            when={n() > 0}
                            fallback={
                              <span class="cov-cell__gap" aria-hidden="true">
                                —
                              </span>
                            }
                          >
                            <span class="cov-cell__counts" aria-hidden="true">
                              <Show when={c.open > 0}>
                                <span class="cov-cell__open">{formatNumber(c.open)}</span>
                              </Show>
                              <Show when={c.resolved > 0}>
                                <span class="cov-cell__resolved">
                                  <Icon name="check" size={11} />
                                  {formatNumber(c.resolved)}
                                </span>
                              </Show>
                            </span>
                          </Show>
                        </button>
                      </td>
                    );
                  }}
                </For>
                <td
                  class="cov-total"
                  title={t('coverage.matrix.totalLabel', {
                    unit: u.name,
                    open: u.open,
                    resolved: u.resolved,
                  })}
                >
                  <span class="cov-total__open">{formatNumber(u.open)}</span>
                  <span class="cov-total__sep" aria-hidden="true">
                    /
                  </span>
                  <span class="cov-total__resolved">{formatNumber(u.resolved)}</span>
                  <span class="visually-hidden">
                    {t('coverage.matrix.totalLabel', {
                      unit: u.name,
                      open: u.open,
                      resolved: u.resolved,
                    })}
                  </span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr class="cov-foot">
            <th scope="row" class="cov-unit cov-foot__label">
              {t('coverage.matrix.covered')}
            </th>
            <For each={questions()}>
              {(_q, col) => {
                const covered = () => coveredUnits(props.coverage.units, col());
                return (
                  <td
                    class="cov-foot__cell"
                    classList={{ 'cov-foot__cell--none': covered() === 0 }}
                  >
                    {formatNumber(covered())}/{formatNumber(props.coverage.units.length)}
                  </td>
                );
              }}
            </For>
            <td class="cov-foot__cell" />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function QuestionHead(props: { question: CoverageQuestion; tone: string }) {
  const { t, lang } = useI18n();
  const wording = () => (lang() === 'en' ? props.question.en : props.question.zh);
  return (
    <th
      scope="col"
      class={`cov-q ${props.tone}`}
      classList={{ 'cov-q--retired': props.question.retired }}
      title={wording()}
    >
      <abbr class="cov-q__code" title={wording()}>
        {props.question.code}
      </abbr>
      <span class="cov-q__short" aria-hidden="true">
        {props.question.retired
          ? t('coverage.matrix.retired')
          : shortLabel({ ...props.question, focus: '' }, lang())}
      </span>
    </th>
  );
}
