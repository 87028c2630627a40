import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { useRound } from '../../lib/round-context.tsx';
import { type SearchHit, type SearchKind, snippetRuns } from './search-api.ts';

export const KIND_LABEL: Record<SearchKind, MessageKey> = {
  statement: 'search.kind.statement',
  evidence: 'search.kind.evidence',
  annotation: 'search.kind.annotation',
  finding: 'search.kind.finding',
  interview: 'search.kind.interview',
  minutes: 'search.kind.minutes',
};

/** The snippet with each match in a `<mark>`, built as nodes (never innerHTML). */
export function Snippet(props: { snippet: SearchHit['snippet']; class?: string }) {
  return (
    <span class={props.class ?? 'search-snippet'}>
      <For each={snippetRuns(props.snippet)}>
        {(run) => (run.hit ? <mark>{run.text}</mark> : run.text)}
      </For>
    </span>
  );
}

/** What a hit is called: its task, file and page, finding title, or the record's date. */
export function useHitTitle() {
  const { t, formatDate } = useI18n();
  return (hit: SearchHit): string => {
    const title = hit.target.title;
    switch (hit.kind) {
      case 'evidence': {
        const name = hit.target.evidenceName ?? title ?? t('search.hit.untitled');
        return hit.part > 0 ? `${name} · ${t('search.hit.page', { n: hit.part })}` : name;
      }
      case 'interview':
        return t('search.hit.interview', { date: title ? formatDate(title) : '' });
      default:
        return title ?? t('search.hit.untitled');
    }
  };
}

/** The line under the title: the unit, and for evidence the task it supports. */
export function HitMeta(props: { hit: SearchHit }) {
  return (
    <Show when={props.hit.unit || (props.hit.kind === 'evidence' && props.hit.target.title)}>
      <span class="search-hit__meta">
        {[props.hit.unit?.name, props.hit.kind === 'evidence' ? props.hit.target.title : undefined]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </Show>
  );
}

/**
 * Unit contacts have no review workspace: their hits open in the portal.
 * Anyone who also inspects, leads or administers gets the workspace.
 */
export function usePortalLinks() {
  const round = useRound();
  return () => {
    const roles = round.roles();
    return (
      roles.has('unit_contact') &&
      !roles.has('member') &&
      !roles.has('leader') &&
      !roles.has('leadership') &&
      !roles.has('admin')
    );
  };
}
