import { For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StatementDiff } from '../../lib/portal/contracts.ts';

/**
 * What changed between two versions, inline: insertions underlined in green,
 * deletions struck through in red. Line breaks are the statement's own block
 * breaks. Version 1 has nothing before it and reads as plain text.
 */
export function DiffView(props: { diff: StatementDiff }) {
  const { t, formatNumber } = useI18n();
  const first = () => props.diff.previousVersion === null;
  const unchanged = () => props.diff.segments.every((s) => s.op === 'equal');
  return (
    <figure class="diff">
      <figcaption class="diff__caption">
        <Switch>
          <Match when={first()}>{t('portal.diff.first', { n: props.diff.version })}</Match>
          <Match when={unchanged()}>
            {t('portal.diff.unchanged', {
              from: props.diff.previousVersion ?? '',
              to: props.diff.version,
            })}
          </Match>
          <Match when={true}>
            <span>
              {t('portal.diff.title', {
                from: props.diff.previousVersion ?? '',
                to: props.diff.version,
              })}
            </span>
            <span class="diff__legend">
              <ins class="diff__ins">
                {t('portal.diff.inserted', { count: formatNumber(props.diff.stats.inserted) })}
              </ins>
              <del class="diff__del">
                {t('portal.diff.deleted', { count: formatNumber(props.diff.stats.deleted) })}
              </del>
            </span>
          </Match>
        </Switch>
      </figcaption>
      <div class="diff__text">
        <For each={props.diff.segments}>
          {(segment) => (
            <Switch fallback={<span>{segment.text}</span>}>
              <Match when={segment.op === 'insert' && !first()}>
                <ins class="diff__ins">
                  <span class="visually-hidden">{t('portal.diff.insertStart')}</span>
                  {segment.text}
                  <span class="visually-hidden">{t('portal.diff.insertEnd')}</span>
                </ins>
              </Match>
              <Match when={segment.op === 'delete'}>
                <del class="diff__del">
                  <span class="visually-hidden">{t('portal.diff.deleteStart')}</span>
                  {segment.text}
                  <span class="visually-hidden">{t('portal.diff.deleteEnd')}</span>
                </del>
              </Match>
            </Switch>
          )}
        </For>
        <Show when={props.diff.segments.length === 0}>
          <span class="diff__empty">{t('portal.diff.empty')}</span>
        </Show>
      </div>
    </figure>
  );
}
