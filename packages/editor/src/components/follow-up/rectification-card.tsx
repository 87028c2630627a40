import { type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import type { RectificationItem, RectificationStatus } from './follow-up-api.ts';
import { ResponseHistory } from './response-history.tsx';

const STATUS_KEY: Record<RectificationStatus, MessageKey> = {
  awaiting_answer: 'reports.fu.status.awaiting_answer',
  awaiting_review: 'reports.fu.status.awaiting_review',
  returned: 'reports.fu.status.returned',
  closed: 'reports.fu.status.closed',
};

export function StatusChip(props: { status: RectificationStatus }) {
  const { t } = useI18n();
  return <span class={`fu-status fu-status--${props.status}`}>{t(STATUS_KEY[props.status])}</span>;
}

/** The deadline as the report states it; overdue ones say so in words, not only in red. */
export function Deadline(props: { item: RectificationItem }) {
  const { t, formatDate } = useI18n();
  const f = () => props.item.finding;
  const text = () =>
    f().deadline
      ? formatDate(f().deadline!)
      : f().immediate
        ? t('reports.fu.immediate')
        : t('reports.fu.ongoing');
  return (
    <span class="fu-deadline" classList={{ 'fu-deadline--overdue': props.item.overdue }}>
      {t('reports.fu.deadline')}：{text()}
      <Show when={props.item.overdue}>
        <strong class="fu-overdue">{t('reports.fu.overdue')}</strong>
      </Show>
    </span>
  );
}

/**
 * One delivered finding in follow-up: what was found and required, by when,
 * the answers so far with the inspectors' comments, then whatever the viewer
 * may do next (`children`: the answer or the review form).
 */
export function RectificationCard(props: {
  item: RectificationItem;
  ordinal?: number;
  showUnit?: boolean;
  children?: JSX.Element;
}) {
  const { t, lang } = useI18n();
  const f = () => props.item.finding;
  const questions = () =>
    f()
      .questions.map((q) => (lang() === 'en' ? q.en : q.zh))
      .join('；');
  return (
    <article
      class="fu-card"
      classList={{
        'fu-card--overdue': props.item.overdue,
        'fu-card--closed': props.item.status === 'closed',
      }}
      aria-labelledby={`fu-${f().id}`}
      data-finding-id={f().id}
    >
      <header class="fu-card__head">
        <h3 class="fu-card__title" id={`fu-${f().id}`}>
          <Show when={props.ordinal}>
            <span class="fu-card__ordinal num">{props.ordinal}</span>
          </Show>
          {f().title}
        </h3>
        <StatusChip status={props.item.status} />
      </header>
      <p class="fu-card__meta">
        <Show when={props.showUnit}>
          <span class="fu-card__unit">{f().unit.name}</span>
        </Show>
        <Deadline item={props.item} />
        <Show when={f().aspect}>
          {(a) => (
            <span>
              {t('reports.fu.aspect')}：{lang() === 'en' ? a().en : a().zh}
            </span>
          )}
        </Show>
      </p>
      <dl class="fu-card__facts">
        <Show when={f().description}>
          <dt>{t('reports.fu.description')}</dt>
          <dd class="fu-text">{f().description}</dd>
        </Show>
        <Show when={questions()}>
          <dt>{t('reports.fu.questions')}</dt>
          <dd>{questions()}</dd>
        </Show>
        <dt>{t('reports.fu.requirement')}</dt>
        <dd class="fu-text">{f().requirement || '—'}</dd>
      </dl>
      <Show when={props.item.responses.length > 0}>
        <ResponseHistory responses={props.item.responses} />
      </Show>
      {props.children}
    </article>
  );
}
