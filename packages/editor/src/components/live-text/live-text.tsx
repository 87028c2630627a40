import { textDocBody } from '@rectify/domain';
import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import type * as Y from 'yjs';
import { type LiveDoc, openLiveDoc } from '../../lib/collab/live-doc.ts';
import { colorFor } from '../../lib/collab/presence.ts';
import { useSaveState } from '../../lib/save-state.tsx';
import { useSession } from '../../lib/session.tsx';
import { PresenceAvatars } from '../workspace/presence-avatars.tsx';
import { RichField } from '../workspace/rich-field.tsx';
import { LiveTextToolbar, type LiveTextToolLabels } from './live-text-toolbar.tsx';
import './live-text.css';

/** The words a screen gives its live text (each area keeps its own messages). */
export interface LiveTextLabels extends LiveTextToolLabels {
  /** The field's accessible name, e.g. 谈话内容. */
  label: string;
  placeholder: string;
  connecting: string;
  offline: string;
  notFound: string;
  forbidden: string;
}

/**
 * One co-edited rich text (a one-text live document: `TEXT_DOC.body`), on the
 * review workspace's live channel, save tracking and carets: the top bar's
 * 保存中… / 已保存 follows the server's acknowledgements, the avatars show who
 * is here. The server decides who may read and write; a read-only socket
 * turns the field read-only.
 */
export function LiveText(props: {
  docName: string;
  /** What the screen allows; the server may still say read-only. */
  editable: boolean;
  labels: LiveTextLabels;
  class?: string;
  /** For tests: open the live document some other way. */
  openLive?: (name: string) => LiveDoc;
  /**
   * A live document the caller opened and closes (several fields of one
   * document share it); by default this field opens its own and destroys it.
   */
  shared?: LiveDoc;
  /** Which fragment of the document this field edits (default: `TEXT_DOC.body`). */
  fragment?: (doc: Y.Doc) => Y.XmlFragment;
  /** Formatting buttons (default on); plain-paragraph texts leave them off. */
  tools?: boolean;
  /** Who is here (default on); off for all but the first of several fields of one document. */
  presence?: boolean;
}) {
  const session = useSession();
  const save = useSaveState();
  const me = { id: session.user.id, name: session.user.displayName };
  const name = props.docName;
  const live =
    props.shared ??
    props.openLive?.(name) ??
    openLiveDoc({ name, user: { ...me, color: colorFor(me.id) } });
  if (!props.shared) onCleanup(() => live.destroy());
  const [editor, setEditor] = createSignal<Editor>();

  // While the first connection is still being made there is nothing to say.
  createEffect(() => {
    const state = live.save();
    save.report(live.ended() || (state === 'offline' && !live.tried()) ? 'idle' : state);
  });
  onCleanup(() => save.report('idle'));

  const editable = () => props.editable && !live.serverReadOnly() && !live.ended();

  return (
    <div class={`live-text ${props.class ?? ''}`}>
      <div class="live-text__bar">
        <Show when={editable() && props.tools !== false}>
          <LiveTextToolbar editor={editor()} labels={props.labels} />
        </Show>
        <div class="live-text__status">
          <Show when={live.tried() && live.connection() !== 'connected' && !live.ended()}>
            <span class="live-text__conn" role="status">
              {live.connection() === 'connecting' ? props.labels.connecting : props.labels.offline}
            </span>
          </Show>
          <Show when={props.presence !== false}>
            <PresenceAvatars users={live.users()} meId={me.id} />
          </Show>
        </div>
      </div>
      <Switch>
        <Match when={live.ended() === 'notFound'}>
          <p class="live-text__ended">{props.labels.notFound}</p>
        </Match>
        <Match when={live.ended()}>
          <p class="live-text__ended">{props.labels.forbidden}</p>
        </Match>
        <Match when={true}>
          <RichField
            live={live}
            fragment={(props.fragment ?? textDocBody)(live.doc)}
            editable={editable()}
            label={props.labels.label}
            placeholder={editable() ? props.labels.placeholder : ''}
            class="live-text__field"
            ref={setEditor}
          />
        </Match>
      </Switch>
    </div>
  );
}
