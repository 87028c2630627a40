import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StatementStatus, TaskDetail } from '../../lib/portal/contracts.ts';
import { kindText, problemLabel } from '../../lib/portal/labels.ts';
import { Link } from '../../lib/router.tsx';
import { PortalIcon } from './portal-icon.tsx';
import { StatusChip } from './status-chip.tsx';
import './portal-base.css';
import './task-page.css';

/**
 * What the task asks: the problem it answers, the task, and each measure
 * with its lead and co-units and deadline, so the statement is written
 * against the measures it claims to fulfil.
 */
export function TaskHeader(props: { detail: TaskDetail; status: StatementStatus }) {
  const i18n = useI18n();
  const { t } = i18n;
  const names = (units: Array<{ name: string }>) => units.map((u) => u.name).join('、');
  return (
    <header class="task-head">
      <Link href="/tasks" class="back-link">
        <PortalIcon name="arrowLeft" size={16} />
        {t('portal.task.back')}
      </Link>
      <p class="task-head__problem">
        <span class="task-head__problem-label">
          {problemLabel(i18n, props.detail.problem.ordinal)}
        </span>
        {props.detail.problem.title}
      </p>
      <div class="task-head__title-row">
        <h1 class="task-head__title">
          <span class="task-head__ordinal num">
            {props.detail.problem.ordinal}.{props.detail.task.ordinal}
          </span>
          {props.detail.task.title}
        </h1>
        <StatusChip status={props.status} />
      </div>
      <p class="task-head__unit">
        {props.detail.unit.name}
        <span class="task-head__role">
          {props.detail.unit.role === 'lead' ? t('portal.role.lead') : t('portal.role.co')}
        </span>
      </p>
      <ol class="measures" aria-label={t('portal.task.measures')}>
        <For each={props.detail.measures}>
          {(m) => (
            <li class="measure">
              <p class="measure__content">
                <Show when={props.detail.measures.length > 1}>
                  <span class="measure__num num">{m.ordinal}</span>
                </Show>
                {m.content}
              </p>
              <dl class="measure__facts">
                <div>
                  <dt>{t('portal.task.kind')}</dt>
                  <dd>
                    <span class={`kind-tag kind-tag--${m.kind}`}>
                      {kindText(t, m.kind, m.kindLabel)}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt>{t('portal.deadline')}</dt>
                  <dd>{m.deadline}</dd>
                </div>
                <div>
                  <dt>{t('portal.task.lead')}</dt>
                  <dd>{m.lead.name}</dd>
                </div>
                <div>
                  <dt>{t('portal.task.co')}</dt>
                  <dd>{m.coUnits.length > 0 ? names(m.coUnits) : t('portal.task.noCo')}</dd>
                </div>
              </dl>
            </li>
          )}
        </For>
      </ol>
    </header>
  );
}
