import type { Framework } from '@rectify/domain';
import { createSignal, For, Show } from 'solid-js';
import { produce, type SetStoreFunction } from 'solid-js/store';
import { useI18n } from '../../i18n/i18n.tsx';
import { moveItem, newCode } from './framework-draft.ts';

/**
 * The questions in the round's order (the order the tag picker and its digit
 * keys follow): wording in both languages, the focus each belongs to, up /
 * down buttons or a drag on the handle to reorder, retire / unretire, delete.
 * Deleting a question the stored version has goes through `onDelete`, which
 * asks the server whether it is in use first.
 */
export function QuestionList(props: {
  draft: Framework;
  setDraft: SetStoreFunction<Framework>;
  readOnly: boolean;
  /** Codes of the stored version: others are new in this draft and go without asking. */
  storedCodes: ReadonlySet<string>;
  onDelete: (code: string) => void;
  /** The code whose delete is being checked, to show it busy. */
  checking?: string | undefined;
}) {
  const { t } = useI18n();
  const [dragFrom, setDragFrom] = createSignal<number>();
  const [dropAt, setDropAt] = createSignal<number>();
  const count = () => props.draft.questions.length;

  const move = (from: number, to: number) =>
    props.setDraft('questions', (list) => moveItem(list, from, to));
  const add = () => {
    const code = newCode(props.draft, 'questions');
    const focus = props.draft.focuses.at(-1)?.code ?? 'F1';
    props.setDraft(
      produce((d) => {
        d.questions.push({ code, focus, zh: '', en: '' });
      }),
    );
    // The new row's Chinese wording is where the admin types next.
    requestAnimationFrame(() => document.getElementById(`fw-q-${code}-zh`)?.focus());
  };
  const remove = (code: string) => {
    if (props.storedCodes.has(code)) props.onDelete(code);
    else props.setDraft('questions', (list) => list.filter((q) => q.code !== code));
  };
  const setRetired = (index: number, retired: boolean) =>
    props.setDraft(
      produce((d) => {
        const q = d.questions[index];
        if (!q) return;
        if (retired) q.retired = true;
        else delete q.retired;
      }),
    );

  return (
    <div class="fw-section">
      <div class="fw-section__head">
        <p class="fw-section__intro">{t('framework.questions.intro')}</p>
        <Show when={!props.readOnly}>
          <button type="button" class="button button--secondary button--small" onClick={add}>
            {t('framework.questions.add')}
          </button>
        </Show>
      </div>
      <ol class="fw-questions" aria-label={t('framework.tab.questions')}>
        <For each={props.draft.questions}>
          {(q, i) => {
            const label = () => `${q.code}`;
            return (
              <li
                class="fw-q"
                classList={{
                  'fw-q--retired': !!q.retired,
                  'fw-q--dragging': dragFrom() === i(),
                  'fw-q--drop': dropAt() === i() && dragFrom() !== i(),
                }}
                draggable={!props.readOnly && dragFrom() === i()}
                onDragStart={(e) => {
                  e.dataTransfer?.setData('text/plain', q.code);
                  if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={(e) => {
                  if (dragFrom() === undefined) return;
                  e.preventDefault();
                  setDropAt(i());
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  const from = dragFrom();
                  if (from !== undefined) move(from, i());
                  setDragFrom(undefined);
                  setDropAt(undefined);
                }}
                onDragEnd={() => {
                  setDragFrom(undefined);
                  setDropAt(undefined);
                }}
              >
                <div class="fw-q__head">
                  <Show when={!props.readOnly}>
                    <span
                      class="fw-q__handle"
                      title={t('framework.questions.drag')}
                      aria-hidden="true"
                      onPointerDown={() => setDragFrom(i())}
                      onPointerUp={() => setDragFrom(undefined)}
                    >
                      ⋮⋮
                    </span>
                  </Show>
                  <span class="fw-q__code">{q.code}</span>
                  <label class="fw-q__focus">
                    <span class="visually-hidden">
                      {t('framework.questions.focusOf', { code: label() })}
                    </span>
                    <select
                      class="input fw-select"
                      value={q.focus}
                      disabled={props.readOnly}
                      onChange={(e) =>
                        props.setDraft('questions', i(), 'focus', e.currentTarget.value)
                      }
                    >
                      <For each={props.draft.focuses}>
                        {(f) => (
                          <option value={f.code}>
                            {f.code} {f.zh}
                          </option>
                        )}
                      </For>
                    </select>
                  </label>
                  <Show when={q.retired}>
                    <span class="fw-badge fw-badge--retired">
                      {t('framework.questions.retired')}
                    </span>
                  </Show>
                  <Show when={!props.storedCodes.has(q.code)}>
                    <span class="fw-badge fw-badge--new">{t('framework.new')}</span>
                  </Show>
                  <Show when={!props.readOnly}>
                    <span class="fw-q__actions">
                      <button
                        type="button"
                        class="fw-icon-button"
                        aria-label={t('framework.moveUp', { code: label() })}
                        disabled={i() === 0}
                        onClick={() => move(i(), i() - 1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        class="fw-icon-button"
                        aria-label={t('framework.moveDown', { code: label() })}
                        disabled={i() === count() - 1}
                        onClick={() => move(i(), i() + 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        class="button button--quiet button--small"
                        onClick={() => setRetired(i(), !q.retired)}
                      >
                        {q.retired
                          ? t('framework.questions.unretire')
                          : t('framework.questions.retire')}
                      </button>
                      <button
                        type="button"
                        class="button button--quiet-danger button--small"
                        disabled={props.checking === q.code}
                        onClick={() => remove(q.code)}
                      >
                        {props.checking === q.code
                          ? t('framework.checking')
                          : t('framework.delete')}
                      </button>
                    </span>
                  </Show>
                </div>
                <div class="fw-q__wording">
                  <label class="fw-q__lang" for={`fw-q-${q.code}-zh`}>
                    {t('framework.zh')}
                  </label>
                  <textarea
                    id={`fw-q-${q.code}-zh`}
                    class="input fw-textarea"
                    rows={2}
                    value={q.zh}
                    readOnly={props.readOnly}
                    aria-label={t('framework.questions.zhOf', { code: label() })}
                    onInput={(e) => props.setDraft('questions', i(), 'zh', e.currentTarget.value)}
                  />
                  <label class="fw-q__lang" for={`fw-q-${q.code}-en`}>
                    {t('framework.en')}
                  </label>
                  <textarea
                    id={`fw-q-${q.code}-en`}
                    class="input fw-textarea"
                    rows={2}
                    value={q.en}
                    readOnly={props.readOnly}
                    aria-label={t('framework.questions.enOf', { code: label() })}
                    onInput={(e) => props.setDraft('questions', i(), 'en', e.currentTarget.value)}
                  />
                </div>
              </li>
            );
          }}
        </For>
      </ol>
    </div>
  );
}
