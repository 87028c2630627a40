import type { Framework } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { focusTone } from '../../lib/workspace/focus-tones.ts';
import { aspectName, severityName } from './finding-fields.ts';
import type { FindingDetail } from './findings-api.ts';

/**
 * A finding's fields to read: for leadership, for issued (frozen) findings,
 * and for members once the leader has approved (the description is shown
 * live above, read-only). Questions show the wording
 * the server sends, which for an issued finding is the wording frozen with it.
 */
export function FindingSummary(props: { finding: FindingDetail; framework: Framework }) {
  const { t, lang, formatDate } = useI18n();
  const f = () => props.finding;
  const none = () => <span class="fnd-summary__none">{t('findings.field.none')}</span>;
  return (
    <dl class="fnd-summary">
      <div class="fnd-summary__item fnd-summary__item--wide">
        <dt>{t('findings.field.questions')}</dt>
        <dd>
          <Show when={f().questions.length > 0} fallback={none()}>
            <ul class="fnd-qlist">
              <For each={f().questions}>
                {(q) => (
                  <li class={`fnd-qlist__item fnd-tone-${focusTone(props.framework, q.focus)}`}>
                    <span class="fnd-chip__code">{q.code}</span>
                    <span>{lang() === 'en' ? q.en : q.zh}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </dd>
      </div>
      <div class="fnd-summary__item">
        <dt>{t('findings.field.aspect')}</dt>
        <dd>{aspectName(props.framework, f().aspect, lang()) ?? none()}</dd>
      </div>
      <div class="fnd-summary__item">
        <dt>{t('findings.field.severity')}</dt>
        <dd>{severityName(props.framework, f().severity, lang()) ?? none()}</dd>
      </div>
      <div class="fnd-summary__item">
        <dt>{t('findings.field.deadline')}</dt>
        <dd>{f().deadline ? formatDate(f().deadline!) : none()}</dd>
      </div>
      <div class="fnd-summary__item">
        <dt>{t('findings.immediate')}</dt>
        <dd>{f().immediate ? t('findings.field.yes') : t('findings.field.no')}</dd>
      </div>
      <div class="fnd-summary__item fnd-summary__item--wide">
        <dt>{t('findings.field.requirement')}</dt>
        <dd class="fnd-prose">{f().requirement.trim() || none()}</dd>
      </div>
    </dl>
  );
}
