import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AuditEntry } from './admin-api.ts';
import { actionLabel, resourceTypeLabel } from './audit-labels.ts';

/** Names for the ids the log holds (users, units, groups), where the screen knows them. */
export type NameOf = (id: string) => string | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id as a person reads it: its name when known, else its first characters. */
export function readableId(id: string, nameOf: NameOf): string {
  return id
    .split('/')
    .map((part) => nameOf(part) ?? (UUID.test(part) ? `${part.slice(0, 8)}…` : part))
    .join(' / ');
}

function detailValue(value: unknown, nameOf: NameOf): string {
  if (typeof value === 'string') return UUID.test(value) ? readableId(value, nameOf) : value;
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') {
    // `changes` rows hold [before, after] per field: "active: true → false".
    const pairs = Object.entries(value);
    if (
      !Array.isArray(value) &&
      pairs.length > 0 &&
      pairs.every(([, v]) => Array.isArray(v) && v.length === 2)
    ) {
      return pairs
        .map(([k, v]) => {
          const [before, after] = v as [unknown, unknown];
          return `${k}: ${detailValue(before, nameOf)} → ${detailValue(after, nameOf)}`;
        })
        .join('；');
    }
    return JSON.stringify(value);
  }
  return String(value);
}

/**
 * What a row is about, by name. A membership's own id means nothing to a
 * reader, so its details (who, which group or unit) stand in for it.
 */
function resourceText(item: AuditEntry, nameOf: NameOf): string {
  const known = nameOf(item.resourceId);
  if (known || !UUID.test(item.resourceId)) return readableId(item.resourceId, nameOf);
  const parts = ['userId', 'groupId', 'unitId']
    .map((key) => item.details[key])
    .filter((v): v is string => typeof v === 'string')
    .map((id) => nameOf(id))
    .filter((name): name is string => !!name);
  return parts.length > 0 ? parts.join(' · ') : readableId(item.resourceId, nameOf);
}

/** Seconds matter in an audit trail; shown in the reader's time zone. */
export function formatInstant(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

/** The log's rows, newest first; each opens, below itself, to its details, sequence number and hash. */
export function AuditTable(props: { items: readonly AuditEntry[]; nameOf: NameOf }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = createSignal<ReadonlySet<number>>(new Set());
  const isOpen = (seq: number) => open().has(seq);
  const toggle = (seq: number) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  return (
    <div class="adm-table-wrap">
      <table class="adm-table adm-audit">
        <caption class="visually-hidden">{t('admin.audit.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.col.at')}</th>
            <th scope="col">{t('admin.audit.col.actor')}</th>
            <th scope="col">{t('admin.audit.col.action')}</th>
            <th scope="col">{t('admin.audit.col.resource')}</th>
            <th scope="col">{t('admin.audit.col.outcome')}</th>
            <th scope="col">{t('admin.audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.items}>
            {(item) => (
              <>
                <tr class="adm-audit__row" data-seq={item.seq}>
                  <td class="adm-audit__at num">{formatInstant(item.at, lang())}</td>
                  <td>
                    <span class="adm-audit__actor">
                      {(item.actorId && props.nameOf(item.actorId)) || item.actorLabel || '—'}
                    </span>
                    <Show when={item.actorLabel}>
                      <span class="adm-list__meta adm-mono">{item.actorLabel}</span>
                    </Show>
                  </td>
                  <td>
                    <span class="adm-audit__action">{actionLabel(t, item.action)}</span>
                    <span class="adm-list__meta adm-mono">{item.action}</span>
                  </td>
                  <td>
                    <span class="adm-audit__resource">
                      {resourceTypeLabel(t, item.resourceType)}
                    </span>
                    <Show when={item.resourceId}>
                      <span class="adm-list__meta adm-audit__resource" title={item.resourceId}>
                        {resourceText(item, props.nameOf)}
                      </span>
                    </Show>
                  </td>
                  <td>
                    <span class={`adm-outcome adm-outcome--${item.outcome}`}>
                      {t(`admin.audit.outcome.${item.outcome}` as const)}
                    </span>
                  </td>
                  <td class="adm-audit__toggle">
                    <button
                      type="button"
                      class="adm-link-button"
                      aria-expanded={isOpen(item.seq)}
                      aria-controls={`adm-audit-${item.seq}`}
                      onClick={() => toggle(item.seq)}
                    >
                      {isOpen(item.seq) ? t('admin.audit.less') : t('admin.audit.more')}
                    </button>
                  </td>
                </tr>
                <Show when={isOpen(item.seq)}>
                  <tr class="adm-audit__expanded" id={`adm-audit-${item.seq}`}>
                    <td colSpan={6}>
                      <dl class="adm-kv">
                        <dt>{t('admin.audit.seq')}</dt>
                        <dd class="num">#{item.seq}</dd>
                        <dt>{t('admin.audit.address')}</dt>
                        <dd class="adm-mono">{item.address}</dd>
                        <For each={Object.entries(item.details)}>
                          {([key, value]) => (
                            <>
                              <dt class="adm-mono">{key}</dt>
                              <dd>{detailValue(value, props.nameOf)}</dd>
                            </>
                          )}
                        </For>
                        <dt>{t('admin.audit.hash')}</dt>
                        <dd class="adm-mono adm-hash">{item.hash}</dd>
                      </dl>
                    </td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
