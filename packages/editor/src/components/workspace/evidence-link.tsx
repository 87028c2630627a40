import { type AnnotationData, linkEvidence } from '@rectify/domain';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { FileIcon } from './file-icon.tsx';

/**
 * The evidence an annotation points at ("evidence X, page 3"): a chip that
 * opens the viewer there, or, while the viewer shows a file, a button that
 * links the page on screen.
 */
export function EvidenceLink(props: { annotation: AnnotationData }) {
  const { t } = useI18n();
  const ws = useWorkspace();
  const linked = () => props.annotation.evidence;
  const nameOf = (id: string) => ws.evidence(id)?.originalName ?? t('ws.evidence.unknownFile');
  const where = (target: { evidenceId: string; page: number | null }) =>
    target.page === null
      ? nameOf(target.evidenceId)
      : t('ws.evidence.filePage', { name: nameOf(target.evidenceId), page: target.page });
  const viewing = () => ws.viewer();
  const sameAsViewing = () => {
    const l = linked();
    const v = viewing();
    return !!l && !!v && l.evidenceId === v.evidenceId && l.page === v.page;
  };
  const link = () => {
    const v = viewing();
    if (v && !ws.readOnly()) linkEvidence(ws.live.doc, props.annotation.id, v);
  };

  return (
    <div class="ws-evlink">
      <Show when={linked()}>
        {(l) => (
          <span class="ws-evlink__chip">
            <button
              type="button"
              class="ws-evlink__open"
              title={t('ws.evidence.openLinked')}
              onClick={(e) => {
                e.stopPropagation();
                ws.openEvidence(l());
              }}
            >
              <FileIcon kind="clip" size={13} />
              {where(l())}
            </button>
            <Show when={!ws.readOnly()}>
              <button
                type="button"
                class="ws-evlink__remove"
                aria-label={t('ws.evidence.unlink')}
                title={t('ws.evidence.unlink')}
                onClick={() => linkEvidence(ws.live.doc, props.annotation.id, null)}
              >
                ×
              </button>
            </Show>
          </span>
        )}
      </Show>
      {/* Offered on the card being worked on only, so the column stays quiet. */}
      <Show
        when={
          !ws.readOnly() && ws.activeId() === props.annotation.id && viewing() && !sameAsViewing()
        }
      >
        <button type="button" class="ws-text-button" onClick={link}>
          {viewing()?.page === null
            ? t('ws.evidence.linkFile')
            : linked()
              ? t('ws.evidence.relinkCurrent')
              : t('ws.evidence.linkCurrent')}
          <span class="ws-evlink__where">{where(viewing()!)}</span>
        </button>
      </Show>
    </div>
  );
}
