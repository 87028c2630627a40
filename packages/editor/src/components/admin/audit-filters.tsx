import { createEffect, createSignal, For, on } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AuditOutcome, AuditQuery } from './admin-api.ts';
import { FILTER_ACTIONS, FILTER_TYPES, resourceTypeLabel } from './audit-labels.ts';

/** The filter form as typed; dates are calendar days in the reader's time zone. */
export interface AuditFilterDraft {
  actor: string;
  action: string;
  resourceType: string;
  resourceId: string;
  outcome: '' | AuditOutcome;
  from: string;
  to: string;
  thisRound: boolean;
}

export const EMPTY_FILTER: AuditFilterDraft = {
  actor: '',
  action: '',
  resourceType: '',
  resourceId: '',
  outcome: '',
  from: '',
  to: '',
  thisRound: false,
};

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as an ISO instant. */
function localMidnight(day: string, days = 0): string {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + days);
  return d.toISOString();
}

/**
 * The API's query for a filter. "To" is inclusive on screen and exclusive on
 * the server, so it sends the next day's midnight.
 */
export function toAuditQuery(f: AuditFilterDraft, roundId: string | undefined): AuditQuery {
  const q: AuditQuery = {};
  if (f.actor.trim()) q.actor = f.actor.trim();
  if (f.action.trim()) q.action = f.action.trim();
  if (f.resourceType) q.resourceType = f.resourceType;
  if (f.resourceId.trim()) q.resourceId = f.resourceId.trim();
  if (f.outcome) q.outcome = f.outcome;
  if (f.from) q.from = localMidnight(f.from);
  if (f.to) q.to = localMidnight(f.to, 1);
  if (f.thisRound && roundId) q.roundId = roundId;
  return q;
}

export function AuditFilters(props: {
  value: AuditFilterDraft;
  roundName: string | undefined;
  onApply: (f: AuditFilterDraft) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = createSignal<AuditFilterDraft>({ ...props.value });
  const [problem, setProblem] = createSignal<string>();
  // The screen may reset the filter itself (showing a bad row): follow it.
  createEffect(
    on(
      () => props.value,
      (v) => setDraft({ ...v }),
      { defer: true },
    ),
  );
  const set = <K extends keyof AuditFilterDraft>(key: K, value: AuditFilterDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const apply = () => {
    const d = draft();
    if (d.from && d.to && d.to < d.from) {
      setProblem(t('admin.audit.filter.toBeforeFrom'));
      return;
    }
    setProblem(undefined);
    props.onApply(d);
  };

  return (
    <form
      class="adm-filters"
      noValidate
      aria-label={t('admin.audit.filter.label')}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.actor')}</span>
        <input
          class="input"
          value={draft().actor}
          placeholder={t('admin.audit.filter.actorPlaceholder')}
          spellcheck={false}
          onInput={(e) => set('actor', e.currentTarget.value)}
        />
      </label>
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.action')}</span>
        <input
          class="input adm-mono"
          list="adm-audit-actions"
          value={draft().action}
          placeholder="user.*"
          spellcheck={false}
          onInput={(e) => set('action', e.currentTarget.value)}
        />
        <datalist id="adm-audit-actions">
          <For each={FILTER_ACTIONS}>{(a) => <option value={a} />}</For>
        </datalist>
      </label>
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.resourceType')}</span>
        <select
          class="input adm-select"
          value={draft().resourceType}
          onChange={(e) => set('resourceType', e.currentTarget.value)}
        >
          <option value="">{t('admin.audit.filter.any')}</option>
          <For each={FILTER_TYPES}>
            {(type) => <option value={type}>{resourceTypeLabel(t, type)}</option>}
          </For>
        </select>
      </label>
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.resourceId')}</span>
        <input
          class="input adm-mono"
          value={draft().resourceId}
          spellcheck={false}
          onInput={(e) => set('resourceId', e.currentTarget.value)}
        />
      </label>
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.outcome')}</span>
        <select
          class="input adm-select"
          value={draft().outcome}
          onChange={(e) => set('outcome', e.currentTarget.value as AuditFilterDraft['outcome'])}
        >
          <option value="">{t('admin.audit.filter.any')}</option>
          <option value="ok">{t('admin.audit.outcome.ok')}</option>
          <option value="denied">{t('admin.audit.outcome.denied')}</option>
          <option value="failed">{t('admin.audit.outcome.failed')}</option>
        </select>
      </label>
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.from')}</span>
        <input
          class="input"
          type="date"
          value={draft().from}
          onInput={(e) => set('from', e.currentTarget.value)}
        />
      </label>
      <label class="field adm-field">
        <span class="field__label">{t('admin.audit.filter.to')}</span>
        <input
          class="input"
          type="date"
          value={draft().to}
          aria-invalid={!!problem()}
          onInput={(e) => set('to', e.currentTarget.value)}
        />
      </label>
      <label class="adm-check adm-filters__round">
        <input
          type="checkbox"
          checked={draft().thisRound}
          disabled={!props.roundName}
          onChange={(e) => set('thisRound', e.currentTarget.checked)}
        />
        <span>
          {props.roundName
            ? t('admin.audit.filter.thisRound', { round: props.roundName })
            : t('admin.audit.filter.noRound')}
        </span>
      </label>
      <div class="adm-filters__actions">
        {problem() ? (
          <p class="adm-field__error" role="alert">
            {problem()}
          </p>
        ) : null}
        <button
          type="button"
          class="button button--secondary"
          onClick={() => {
            setDraft({ ...EMPTY_FILTER });
            setProblem(undefined);
            props.onApply({ ...EMPTY_FILTER });
          }}
        >
          {t('admin.audit.filter.reset')}
        </button>
        <button type="submit" class="button button--primary">
          {t('admin.audit.filter.apply')}
        </button>
      </div>
    </form>
  );
}
