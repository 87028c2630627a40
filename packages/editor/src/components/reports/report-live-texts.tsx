import { REPORT_DOC_FIELDS, type ReportDocField, reportDocField } from '@rectify/domain';
import { createEffect, on, onCleanup, useContext } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { type LiveDoc, openLiveDoc } from '../../lib/collab/live-doc.ts';
import { LiveOpener } from '../../lib/collab/live-opener.ts';
import { colorFor } from '../../lib/collab/presence.ts';
import { useSession } from '../../lib/session.tsx';
import { LiveText, type LiveTextLabels } from '../live-text/live-text.tsx';

/**
 * The opening, 总体评价 and 整改意见和要求 of a draft report, co-edited live in
 * one document (`report.<id>`, the server seeds it with the draft's texts):
 * carets and 保存中… / 已保存 as in the workspace. Every save the server
 * acknowledges is already in the report's row, so `onSaved` (debounced by the
 * caller) refreshes the preview from the API.
 */
export function ReportLiveTexts(props: {
  docName: string;
  editable: boolean;
  onSaved: () => void;
  /** Whether what was typed here is stored yet (issuing waits for it). */
  onState?: (state: 'saved' | 'saving' | 'offline') => void;
  /** For tests: open the live document some other way. */
  openLive?: (name: string) => LiveDoc;
}) {
  const { t } = useI18n();
  const session = useSession();
  const me = { id: session.user.id, name: session.user.displayName };
  const open = props.openLive ?? useContext(LiveOpener);
  const live =
    open?.(props.docName) ??
    openLiveDoc({ name: props.docName, user: { ...me, color: colorFor(me.id) } });
  onCleanup(() => live.destroy());

  createEffect(() => props.onState?.(live.save()));
  // Someone's edit (mine or another's) was stored: the preview may follow.
  createEffect(
    on(
      live.save,
      (state, previous) => {
        if (state === 'saved' && previous !== 'saved') props.onSaved();
      },
      { defer: true },
    ),
  );
  const remote = (_u: Uint8Array, origin: unknown) => {
    if (origin === live.provider) props.onSaved();
  };
  live.doc.on('update', remote);
  onCleanup(() => live.doc.off('update', remote));

  const labels = (field: ReportDocField): LiveTextLabels => ({
    label: t(`reports.form.${field}` as MessageKey),
    placeholder: t('reports.live.placeholder'),
    connecting: t('reports.live.connecting'),
    offline: t('reports.live.offline'),
    notFound: t('reports.live.notFound'),
    forbidden: t('reports.live.forbidden'),
    toolbar: t('reports.live.toolbar'),
    heading: t('reports.live.heading'),
    bold: t('reports.live.bold'),
    bullets: t('reports.live.bullets'),
    numbers: t('reports.live.numbers'),
  });

  return (
    <section class="rp-live" aria-label={t('reports.live.label')}>
      {REPORT_DOC_FIELDS.map((field, i) => (
        <div class="field rp-form__field rp-live__field" data-field={field}>
          <span class="field__label" id={`rp-live-${field}`}>
            {t(`reports.form.${field}` as MessageKey)}
          </span>
          <LiveText
            docName={props.docName}
            shared={live}
            fragment={(doc) => reportDocField(doc, field)}
            editable={props.editable}
            tools={false}
            presence={i === 0}
            labels={labels(field)}
            class="rp-live__text"
          />
        </div>
      ))}
    </section>
  );
}
