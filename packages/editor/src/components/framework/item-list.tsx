import type { Framework } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { produce, type SetStoreFunction } from 'solid-js/store';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { CODE_PREFIX, moveItem, newCode } from './framework-draft.ts';

type ItemKey = 'focuses' | 'methodSteps' | 'aspects' | 'severities' | 'taskKinds';
interface Item {
  code: string;
  zh: string;
  en: string;
  note?: string;
  check?: string;
}

/**
 * One of the framework's smaller lists (focuses, method steps, aspects,
 * severities, task kinds): each item's code and its wording in both
 * languages, plus a note (aspects) or the check it calls for (task kinds).
 * Numbered codes are assigned; word codes can be typed while the item is new
 * (stored codes are referenced by annotations and findings, so they stay).
 */
export function ItemList(props: {
  draft: Framework;
  setDraft: SetStoreFunction<Framework>;
  list: ItemKey;
  readOnly: boolean;
  storedCodes: ReadonlySet<string>;
  intro: MessageKey;
  extra?: { field: 'note' | 'check'; label: MessageKey };
  /** Why an item cannot be deleted right now (a focus that still has questions), if so. */
  blocked?: (code: string) => string | undefined;
}) {
  const { t } = useI18n();
  const items = () => props.draft[props.list] as Item[];
  const numbered = () => CODE_PREFIX[props.list] !== undefined;
  const edit = (index: number, field: keyof Item, value: string) =>
    props.setDraft(
      produce((d) => {
        const item = (d[props.list] as Item[])[index];
        if (!item) return;
        if ((field === 'note' || field === 'check') && value === '') delete item[field];
        else item[field] = value;
      }),
    );
  const add = () => {
    const code = newCode(props.draft, props.list);
    props.setDraft(
      produce((d) => {
        (d[props.list] as Item[]).push({ code, zh: '', en: '' });
      }),
    );
    requestAnimationFrame(() => document.getElementById(`fw-${props.list}-${code}-zh`)?.focus());
  };
  const remove = (code: string) =>
    props.setDraft(
      produce((d) => {
        const list = d[props.list] as Item[];
        const at = list.findIndex((x) => x.code === code);
        if (at >= 0) list.splice(at, 1);
      }),
    );
  const move = (from: number, to: number) =>
    props.setDraft(
      produce((d) => {
        (d as Record<ItemKey, Item[]>)[props.list] = moveItem(d[props.list] as Item[], from, to);
      }),
    );

  return (
    <div class="fw-section">
      <div class="fw-section__head">
        <p class="fw-section__intro">{t(props.intro)}</p>
        <Show when={!props.readOnly}>
          <button type="button" class="button button--secondary button--small" onClick={add}>
            {t('framework.add')}
          </button>
        </Show>
      </div>
      <div class="adm-table-wrap">
        <table class="adm-table fw-items">
          <thead>
            <tr>
              <th scope="col">{t('framework.code')}</th>
              <th scope="col">{t('framework.zh')}</th>
              <th scope="col">{t('framework.en')}</th>
              <Show when={props.extra}>{(x) => <th scope="col">{t(x().label)}</th>}</Show>
              <Show when={!props.readOnly}>
                <th scope="col">
                  <span class="visually-hidden">{t('framework.actions')}</span>
                </th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={items()}>
              {(item, i) => {
                const stored = () => props.storedCodes.has(item.code);
                const id = (field: string) => `fw-${props.list}-${item.code}-${field}`;
                const why = () => props.blocked?.(item.code);
                return (
                  <tr>
                    <td class="fw-items__code">
                      <Show
                        when={!numbered() && !stored() && !props.readOnly}
                        fallback={<span class="fw-code">{item.code}</span>}
                      >
                        <input
                          class="input fw-input fw-input--code"
                          value={item.code}
                          aria-label={t('framework.codeOf', { code: item.code })}
                          onInput={(e) => edit(i(), 'code', e.currentTarget.value.trim())}
                        />
                      </Show>
                    </td>
                    <td>
                      <input
                        id={id('zh')}
                        class="input fw-input"
                        value={item.zh}
                        readOnly={props.readOnly}
                        aria-label={t('framework.zhOf', { code: item.code })}
                        onInput={(e) => edit(i(), 'zh', e.currentTarget.value)}
                      />
                    </td>
                    <td>
                      <input
                        class="input fw-input"
                        value={item.en}
                        readOnly={props.readOnly}
                        aria-label={t('framework.enOf', { code: item.code })}
                        onInput={(e) => edit(i(), 'en', e.currentTarget.value)}
                      />
                    </td>
                    <Show when={props.extra}>
                      {(x) => (
                        <td>
                          <input
                            class="input fw-input"
                            value={item[x().field] ?? ''}
                            readOnly={props.readOnly}
                            aria-label={`${item.code} ${t(x().label)}`}
                            onInput={(e) => edit(i(), x().field, e.currentTarget.value)}
                          />
                        </td>
                      )}
                    </Show>
                    <Show when={!props.readOnly}>
                      <td class="fw-items__actions">
                        <button
                          type="button"
                          class="fw-icon-button"
                          aria-label={t('framework.moveUp', { code: item.code })}
                          disabled={i() === 0}
                          onClick={() => move(i(), i() - 1)}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          class="fw-icon-button"
                          aria-label={t('framework.moveDown', { code: item.code })}
                          disabled={i() === items().length - 1}
                          onClick={() => move(i(), i() + 1)}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          class="button button--quiet-danger button--small"
                          disabled={items().length <= 1 || why() !== undefined}
                          title={
                            why() ?? (items().length <= 1 ? t('framework.lastItem') : undefined)
                          }
                          onClick={() => remove(item.code)}
                        >
                          {t('framework.delete')}
                        </button>
                      </td>
                    </Show>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
