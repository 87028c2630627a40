import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import { Icon } from '../icon.tsx';
import { LiveText, type LiveTextLabels } from '../live-text/live-text.tsx';
import type { SendAttachment } from './attachment-uploads.ts';
import { InterviewAttachments } from './interview-attachments.tsx';
import type { Interview } from './interviews-api.ts';

/**
 * One record: when, where, who was interviewed (only here), by whom, the
 * tasks concerned, and the record itself, co-edited live.
 */
export function InterviewDetail(props: {
  interview: Interview;
  canEdit: boolean;
  onEdit: () => void;
  onClose: () => void;
  openLive?: (name: string) => LiveDoc;
  /** Tests replace the upload's network. */
  sendAttachment?: SendAttachment;
}) {
  const { t, formatDate } = useI18n();
  const iv = () => props.interview;
  const labels = (): LiveTextLabels => ({
    label: t('interviews.record.title'),
    placeholder: t('interviews.record.placeholder'),
    connecting: t('interviews.record.connecting'),
    offline: t('interviews.record.offline'),
    notFound: t('interviews.record.notFound'),
    forbidden: t('interviews.record.forbidden'),
    toolbar: t('interviews.record.toolbar'),
    heading: t('interviews.record.heading'),
    bold: t('interviews.record.bold'),
    bullets: t('interviews.record.bullets'),
    numbers: t('interviews.record.numbers'),
  });
  const none = () => <span class="iv-muted">{t('interviews.detail.none')}</span>;

  return (
    <article class="iv-card iv-detail" aria-labelledby="iv-detail-title">
      <header class="iv-detail__head">
        <div>
          <p class="iv-detail__eyebrow">
            <Icon name="lock" size={13} /> {t('interviews.notice.title')}
          </p>
          <h2 id="iv-detail-title" class="iv-detail__title">
            {t('interviews.detail.heading', {
              unit: iv().unit.name,
              date: formatDate(iv().heldOn),
            })}
          </h2>
        </div>
        <div class="iv-detail__actions">
          <Show when={props.canEdit}>
            <button
              type="button"
              class="button button--secondary button--small"
              onClick={() => props.onEdit()}
            >
              {t('interviews.detail.edit')}
            </button>
          </Show>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => props.onClose()}
          >
            {t('interviews.close')}
          </button>
        </div>
      </header>
      <dl class="iv-facts">
        <div>
          <dt>{t('interviews.detail.when')}</dt>
          <dd>{formatDate(iv().heldOn)}</dd>
        </div>
        <div>
          <dt>{t('interviews.detail.place')}</dt>
          <dd>{iv().place || none()}</dd>
        </div>
        <div>
          <dt>{t('interviews.detail.interviewee')}</dt>
          <dd>
            <span class="iv-facts__name">{iv().interviewee.name}</span>
            <Show when={iv().interviewee.post}>
              <span class="iv-facts__post">{iv().interviewee.post}</span>
            </Show>
          </dd>
        </div>
        <div>
          <dt>{t('interviews.detail.interviewers')}</dt>
          <dd>
            {iv()
              .interviewers.map((p) => p.displayName)
              .join('、')}
          </dd>
        </div>
        <div>
          <dt>{t('interviews.detail.group')}</dt>
          <dd>{iv().group.name}</dd>
        </div>
        <div class="iv-facts__wide">
          <dt>{t('interviews.detail.tasks')}</dt>
          <dd>
            <Show
              when={iv().tasks.length > 0}
              fallback={<span class="iv-muted">{t('interviews.detail.noTasks')}</span>}
            >
              <ul class="iv-tasks">
                <For each={iv().tasks}>{(task) => <li>{task.title}</li>}</For>
              </ul>
            </Show>
          </dd>
        </div>
      </dl>
      <section class="iv-record" aria-labelledby="iv-record-title">
        <h3 id="iv-record-title" class="iv-record__title">
          {t('interviews.record.title')}
        </h3>
        <Show when={iv().recordDoc} keyed>
          {(doc) => (
            <LiveText
              docName={doc}
              editable={props.canEdit}
              labels={labels()}
              class="iv-record__text"
              openLive={props.openLive}
            />
          )}
        </Show>
      </section>
      <InterviewAttachments
        interviewId={iv().id}
        attachments={iv().attachments ?? []}
        canEdit={props.canEdit}
        send={props.sendAttachment}
      />
    </article>
  );
}
