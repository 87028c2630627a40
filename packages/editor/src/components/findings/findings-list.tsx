import type { Framework } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../lib/router.tsx';
import { focusTone } from '../../lib/workspace/focus-tones.ts';
import { severityName } from './finding-fields.ts';
import { type Finding, findingPath } from './findings-api.ts';
import { ImmediateMark, StateBadge } from './state-badge.tsx';

/**
 * The findings as rows; each row is a link (open in a new tab works) that
 * opens the finding beside the list. ↑ / ↓ move between rows.
 */
export function FindingsList(props: {
  findings: readonly Finding[];
  selectedId: string | undefined;
  framework: Framework;
}) {
  const { t, lang, formatDate } = useI18n();
  const router = useRouter();
  // A plain link (so open-in-new-tab works) whose plain clicks stay in the app.
  const open = (event: MouseEvent, href: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    router.navigate(href);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const rows = [
      ...(event.currentTarget as HTMLElement).querySelectorAll<HTMLElement>('.fnd-row'),
    ];
    const at = rows.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    const next =
      rows[Math.min(rows.length - 1, Math.max(0, at + (event.key === 'ArrowDown' ? 1 : -1)))];
    next?.focus();
  };
  return (
    <ul class="fnd-rows" aria-label={t('findings.list.label')} onKeyDown={onKeyDown}>
      <For each={props.findings}>
        {(f) => (
          <li>
            <a
              class="fnd-row"
              classList={{ 'fnd-row--selected': props.selectedId === f.id }}
              href={findingPath(f.id)}
              aria-current={props.selectedId === f.id ? 'true' : undefined}
              onClick={(e) => open(e, findingPath(f.id))}
            >
              <span class="fnd-row__top">
                <StateBadge state={f.state} />
                <ImmediateMark when={f.immediate} />
                <span class="fnd-row__unit">{f.unit.name}</span>
              </span>
              <span class="fnd-row__title">{f.title}</span>
              <span class="fnd-row__meta">
                <For each={f.questions}>
                  {(q) => (
                    <span
                      class={`fnd-chip fnd-chip--small fnd-tone-${focusTone(props.framework, q.focus)}`}
                      title={lang() === 'en' ? q.en : q.zh}
                    >
                      <span class="fnd-chip__code">{q.code}</span>
                    </span>
                  )}
                </For>
                <Show when={severityName(props.framework, f.severity, lang())}>
                  {(s) => <span class={`fnd-severity fnd-severity--${f.severity}`}>{s()}</span>}
                </Show>
                <span class="fnd-row__count">
                  {t('findings.list.annotations', { count: f.annotationCount })}
                </span>
                <Show when={f.deadline}>
                  {(d) => (
                    <span class="fnd-row__deadline">
                      {t('findings.list.deadline', { date: formatDate(d()) })}
                    </span>
                  )}
                </Show>
              </span>
            </a>
          </li>
        )}
      </For>
    </ul>
  );
}
