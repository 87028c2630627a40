import { textDocBody } from '@rectify/domain';
import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { type LiveDoc, openLiveDoc } from '../../lib/collab/live-doc.ts';
import { colorFor } from '../../lib/collab/presence.ts';
import { useSaveState } from '../../lib/save-state.tsx';
import { useSession } from '../../lib/session.tsx';
import { PresenceAvatars } from '../workspace/presence-avatars.tsx';
import { RichField } from '../workspace/rich-field.tsx';
import type { Meeting } from './meetings-api.ts';
import { MinutesToolbar } from './minutes-toolbar.tsx';

/**
 * The minutes, co-edited live: the meeting's one-text document, through the
 * same live channel, save tracking and carets as the review workspace. The
 * top bar's 保存中… / 已保存 follows the server's acknowledgements. The
 * leadership group reads (the server also refuses its writes).
 */
export function MinutesPanel(props: {
  meeting: Meeting;
  /** For tests: open the live document some other way. */
  openLive?: (name: string) => LiveDoc;
}) {
  const { t } = useI18n();
  const session = useSession();
  const save = useSaveState();
  const me = { id: session.user.id, name: session.user.displayName };
  const name = props.meeting.minutesDoc;
  const live =
    props.openLive?.(name) ?? openLiveDoc({ name, user: { ...me, color: colorFor(me.id) } });
  onCleanup(() => live.destroy());
  const [editor, setEditor] = createSignal<Editor>();

  createEffect(() => {
    const state = live.save();
    save.report(live.ended() || (state === 'offline' && !live.tried()) ? 'idle' : state);
  });
  onCleanup(() => save.report('idle'));

  const editable = () => props.meeting.canEdit && !live.serverReadOnly() && !live.ended();

  return (
    <section class="mt-card mt-minutes" aria-labelledby="mt-minutes-title">
      <div class="mt-card__head">
        <h2 id="mt-minutes-title" class="mt-card__title">
          {t('meetings.minutes.title')}
        </h2>
        <div class="mt-minutes__status mt-noprint">
          <Show when={live.tried() && live.connection() !== 'connected' && !live.ended()}>
            <span class="mt-conn" role="status">
              {live.connection() === 'connecting'
                ? t('meetings.minutes.connecting')
                : t('meetings.minutes.offline')}
            </span>
          </Show>
          <PresenceAvatars users={live.users()} meId={me.id} />
        </div>
      </div>
      <Switch>
        <Match when={live.ended() === 'notFound'}>
          <p class="mt-muted">{t('meetings.minutes.notFound')}</p>
        </Match>
        <Match when={live.ended()}>
          <p class="mt-muted">{t('meetings.minutes.forbidden')}</p>
        </Match>
        <Match when={true}>
          <Show when={editable()}>
            <MinutesToolbar editor={editor()} />
          </Show>
          <RichField
            live={live}
            fragment={textDocBody(live.doc)}
            editable={editable()}
            label={t('meetings.minutes.title')}
            placeholder={editable() ? t('meetings.minutes.placeholder') : ''}
            class="mt-minutes__text"
            ref={setEditor}
          />
        </Match>
      </Switch>
    </section>
  );
}
