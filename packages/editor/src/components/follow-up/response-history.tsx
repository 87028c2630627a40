import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { evidenceDownloadUrl, type RectificationResponse } from './follow-up-api.ts';

const REVIEW_KEY: Record<RectificationResponse['reviewState'], MessageKey> = {
  pending: 'reports.fu.review.pending',
  returned: 'reports.fu.review.returned',
  accepted: 'reports.fu.review.accepted',
};

/** Date and minute, in the reader's language. */
export function useDateTime() {
  const { lang } = useI18n();
  return (iso: string) =>
    new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
}

/**
 * Every answer the unit sent for a finding, oldest first, each with the
 * inspectors' verdict and comment: the trail that ends in 销号.
 */
export function ResponseHistory(props: { responses: RectificationResponse[] }) {
  const { t } = useI18n();
  const at = useDateTime();
  return (
    <ol class="fu-history" aria-label={t('reports.fu.history')}>
      <For each={props.responses}>
        {(r, i) => (
          <li class={`fu-answer fu-answer--${r.reviewState}`}>
            <div class="fu-answer__head">
              <span class="fu-answer__n">{t('reports.fu.answerN', { n: i() + 1 })}</span>
              <span class="fu-answer__by">
                {t('reports.fu.submitted', {
                  name: r.submittedBy.displayName,
                  at: at(r.submittedAt),
                })}
              </span>
              <span class={`fu-verdict fu-verdict--${r.reviewState}`}>
                {t(REVIEW_KEY[r.reviewState])}
              </span>
            </div>
            <dl class="fu-answer__body">
              <dt>{t('reports.fu.measures')}</dt>
              <dd class="fu-text">{r.measures}</dd>
              <Show when={r.progress}>
                <dt>{t('reports.fu.progress')}</dt>
                <dd class="fu-text">{r.progress}</dd>
              </Show>
              <Show when={r.evidence.length > 0}>
                <dt>{t('reports.fu.evidence')}</dt>
                <dd>
                  <ul class="fu-files">
                    <For each={r.evidence}>
                      {(e) => (
                        <li>
                          <a href={evidenceDownloadUrl(e.id)} download={e.name}>
                            {e.name}
                          </a>
                        </li>
                      )}
                    </For>
                  </ul>
                </dd>
              </Show>
            </dl>
            <Show when={r.reviewedBy}>
              {(by) => (
                <div class="fu-comment">
                  <p class="fu-comment__head">
                    {t(
                      r.reviewState === 'accepted'
                        ? 'reports.fu.acceptedBy'
                        : 'reports.fu.returnedBy',
                      {
                        name: by().displayName,
                        at: r.reviewedAt ? at(r.reviewedAt) : '',
                      },
                    )}
                  </p>
                  <Show when={r.reviewComment}>
                    <p class="fu-comment__text fu-text">{r.reviewComment}</p>
                  </Show>
                </div>
              )}
            </Show>
          </li>
        )}
      </For>
    </ol>
  );
}
