import { addReply, type Reply } from '@rectify/domain';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { shortTime } from '../../lib/workspace/format-time.ts';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';

/** The short exchange under an annotation; Enter sends, Shift+Enter breaks the line. */
export function Replies(props: { annotationId: string; replies: readonly Reply[] }) {
  const { t, lang } = useI18n();
  const ws = useWorkspace();
  const [draft, setDraft] = createSignal('');

  const send = () => {
    const text = draft().trim();
    if (!text || ws.readOnly()) return;
    addReply(ws.live.doc, props.annotationId, {
      id: crypto.randomUUID(),
      authorId: ws.me.id,
      authorName: ws.me.name,
      at: new Date().toISOString(),
      text,
    });
    setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <div class="ws-replies">
      <Show when={props.replies.length > 0}>
        <ol class="ws-replies__list" aria-label={t('ws.replies.label')}>
          <For each={props.replies}>
            {(reply) => (
              <li class="ws-replies__item">
                <span class="ws-replies__meta">
                  <span class="ws-replies__author">{reply.authorName}</span>
                  <time datetime={reply.at}>{shortTime(reply.at, lang())}</time>
                </span>
                <span class="ws-replies__text">{reply.text}</span>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={!ws.readOnly()}>
        <textarea
          class="ws-replies__input"
          rows={1}
          value={draft()}
          placeholder={t('ws.replies.placeholder')}
          aria-label={t('ws.replies.input')}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </Show>
    </div>
  );
}
