import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Icon } from '../icon.tsx';
import type { RunChange } from './meeting-view.tsx';
import { type Meeting, meetingsApi } from './meetings-api.ts';

/**
 * Title, date and who attended, with the meeting's actions: regenerate the
 * agenda (leaders), export the minutes as DOCX, print. None of it prints but
 * the facts.
 */
export function MeetingHeader(props: { meeting: Meeting; run: RunChange }) {
  const { t, formatDate } = useI18n();
  const [regenerating, setRegenerating] = createSignal(false);
  const m = () => props.meeting;
  const names = () =>
    m()
      .attendees.map((a) => a.displayName)
      .join('、');

  const regenerate = async () => {
    setRegenerating(true);
    await props.run(() => meetingsApi.regenerate(m().id));
    setRegenerating(false);
  };

  return (
    <header class="mt-head">
      <p class="mt-head__crumbs mt-noprint">
        <Link href="/meetings">{t('meetings.back')}</Link>
        <span aria-hidden="true"> / </span>
        {formatDate(m().heldOn)}
      </p>
      <p class="mt-head__round">{m().roundName}</p>
      <div class="mt-head__row">
        <h1 id="mt-title" class="mt-head__title">
          {m().title}
          <span class="mt-head__date">{formatDate(m().heldOn)}</span>
        </h1>
        <Show when={!m().canEdit}>
          <span class="badge badge--closed mt-head__badge">
            <Icon name="lock" size={13} /> {t('common.readOnly')}
          </span>
        </Show>
        <div class="mt-head__actions mt-noprint">
          <Show when={m().canEdit}>
            <button
              type="button"
              class="button button--secondary button--small"
              disabled={regenerating()}
              onClick={regenerate}
            >
              <Icon name="cycle" size={15} />
              {regenerating() ? t('meetings.regenerating') : t('meetings.regenerate')}
            </button>
          </Show>
          <a
            class="button button--secondary button--small"
            href={meetingsApi.docxUrl(m().id)}
            download=""
          >
            <Icon name="file" size={15} />
            {t('meetings.export')}
          </a>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => window.print()}
          >
            {t('meetings.print')}
          </button>
        </div>
      </div>
      <dl class="mt-head__facts">
        <div>
          <dt>{t('meetings.attendees')}</dt>
          <dd>{names() || t('meetings.noAttendees')}</dd>
        </div>
        <div class="mt-noprint">
          <dt>{t('meetings.createdBy')}</dt>
          <dd>{m().createdBy}</dd>
        </div>
      </dl>
    </header>
  );
}
