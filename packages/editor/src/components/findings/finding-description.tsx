import { docName, textDocBody, textDocPlain } from '@rectify/domain';
import { createEffect, createSignal, onCleanup, Show, useContext } from 'solid-js';
import * as Y from 'yjs';
import { useI18n } from '../../i18n/i18n.tsx';
import { type LiveDoc, openLiveDoc } from '../../lib/collab/live-doc.ts';
import { colorFor } from '../../lib/collab/presence.ts';
import { useSession } from '../../lib/session.tsx';
import { LiveText, type LiveTextLabels } from '../live-text/live-text.tsx';
import { mergedBlock, paragraphs, seedUpdate } from './description-seed.ts';
import type { FindingDetail } from './findings-api.ts';
import { FindingLiveOpener } from './live-opener.ts';

/** What the panel tells the description after a merge it made. */
export interface FindingDescriptionHandle {
  /** The server joined the source's description onto this one's: add it to the live text too. */
  merged(next: FindingDetail, sourceTitle: string): void;
}

/**
 * A finding's description, co-edited live (its own document, `finding.<id>`)
 * with the workspace's rich-text field, carets and save tracking: the top
 * bar's 保存中… / 已保存 follows the server's acknowledgements. Read-only
 * when the finding is frozen or the user may not write (the server says so
 * too). Its text is projected into the finding's row on every commit, which
 * the list, search and the report read.
 */
export function FindingDescription(props: {
  finding: FindingDetail;
  editable: boolean;
  /** For tests: open the live document some other way. */
  openLive?: (name: string) => LiveDoc;
  ref?: (handle: FindingDescriptionHandle) => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const me = { id: session.user.id, name: session.user.displayName };
  const name = docName('finding', props.finding.id);
  // LiveText destroys the document when it goes; this component and it live and die together.
  const open = props.openLive ?? useContext(FindingLiveOpener);
  const live = open?.(name) ?? openLiveDoc({ name, user: { ...me, color: colorFor(me.id) } });
  const [text, setText] = createSignal(textDocPlain(live.doc));
  const onUpdate = () => setText(textDocPlain(live.doc));
  live.doc.on('update', onUpdate);
  onCleanup(() => live.doc.off('update', onUpdate));

  const writer = () => props.editable && !live.serverReadOnly() && !live.ended();
  const seed = (description: string) => {
    if (description.trim() === '') return;
    Y.applyUpdate(live.doc, seedUpdate(name, description));
  };

  // A description given outside the live document (at creation) goes into it once, when the
  // first writer finds it empty. Until the server's copy is here, typing would race the seed.
  let checked = false;
  createEffect(() => {
    if (checked || !live.synced()) return;
    checked = true;
    if (writer() && text().trim() === '') seed(props.finding.description);
  });
  const ready = () =>
    props.finding.description.trim() === '' || live.synced() || live.ended() !== undefined;

  props.ref?.({
    merged(next, sourceTitle) {
      if (!writer()) return;
      if (!checked) return; // not synced yet: the seed above will use the joined text
      if (text().trim() === '') {
        seed(next.description);
        return;
      }
      const block = mergedBlock(next.description, sourceTitle);
      if (block) live.doc.transact(() => textDocBody(live.doc).push(paragraphs(block)));
    },
  });

  // Someone who may only read a description nobody has opened since it was given sees it plain.
  const plain = () =>
    !writer() &&
    (live.synced() || live.ended() !== undefined) &&
    text().trim() === '' &&
    props.finding.description.trim() !== '';

  const labels = (): LiveTextLabels => ({
    label: t('findings.field.description'),
    placeholder: t('findings.field.descriptionPlaceholder'),
    connecting: t('findings.description.connecting'),
    offline: t('findings.description.offline'),
    notFound: t('findings.description.notFound'),
    forbidden: t('findings.description.forbidden'),
    toolbar: t('findings.description.toolbar'),
    heading: t('findings.description.heading'),
    bold: t('findings.description.bold'),
    bullets: t('findings.description.bullets'),
    numbers: t('findings.description.numbers'),
  });

  return (
    <div class="fnd-description">
      <Show when={plain()}>
        <p class="fnd-prose">{props.finding.description}</p>
      </Show>
      <div hidden={plain()}>
        <LiveText
          docName={name}
          editable={props.editable && ready()}
          labels={labels()}
          openLive={() => live}
        />
      </div>
    </div>
  );
}
