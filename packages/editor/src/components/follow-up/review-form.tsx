import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { actionError } from '../reports/action-error.ts';
import { followUpApi, type RectificationItem } from './follow-up-api.ts';

/**
 * Inspectors' verdict on the latest answer: 销号 (the finding is closed) or
 * return with a comment saying what is missing. Returning needs the comment.
 */
export function ReviewForm(props: {
  item: RectificationItem;
  onReviewed: (item: RectificationItem) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [comment, setComment] = createSignal('');
  const [busy, setBusy] = createSignal<'accept' | 'return'>();
  const [error, setError] = createSignal<string>();
  const latest = () => props.item.responses.at(-1);
  const fid = props.item.finding.id;

  const decide = async (decision: 'accept' | 'return') => {
    const r = latest();
    if (!r) return;
    if (decision === 'return' && comment().trim() === '') {
      setError(t('reports.fu.reviewForm.needComment'));
      return;
    }
    setBusy(decision);
    setError(undefined);
    try {
      props.onReviewed(await followUpApi.review(r.id, decision, comment().trim()));
    } catch (e) {
      setError(actionError(i18n, e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section class="fu-form fu-form--review" aria-label={t('reports.fu.reviewForm.label')}>
      <h4 class="fu-form__title">{t('reports.fu.reviewForm.title')}</h4>
      <div class="field">
        <label class="field__label" for={`fu-comment-${fid}`}>
          {t('reports.fu.reviewForm.comment')}
        </label>
        <textarea
          id={`fu-comment-${fid}`}
          class="input fu-form__area"
          rows={3}
          value={comment()}
          placeholder={t('reports.fu.reviewForm.commentHint')}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </div>
      <Show when={error()}>
        <p class="form-problem" role="alert">
          {error()}
        </p>
      </Show>
      <div class="fu-form__actions">
        <button
          type="button"
          class="button button--secondary"
          disabled={!!busy()}
          onClick={() => void decide('return')}
        >
          {busy() === 'return'
            ? t('reports.fu.reviewForm.sending')
            : t('reports.fu.reviewForm.return')}
        </button>
        <button
          type="button"
          class="button button--primary"
          disabled={!!busy()}
          onClick={() => void decide('accept')}
        >
          {busy() === 'accept'
            ? t('reports.fu.reviewForm.sending')
            : t('reports.fu.reviewForm.accept')}
        </button>
      </div>
    </section>
  );
}
