import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { initialsOf, type PresenceUser } from '../../lib/collab/presence.ts';

const SHOWN = 5;

/**
 * Who is here, as a row of fixed-size avatars (at most five, then "+n"), so
 * people arriving and leaving never push the header around. Screen readers
 * get the names as one sentence.
 */
export function PresenceAvatars(props: { users: readonly PresenceUser[]; meId: string }) {
  const { t } = useI18n();
  const shown = () => props.users.slice(0, SHOWN);
  const more = () => props.users.length - SHOWN;
  const nameOf = (u: PresenceUser) =>
    u.id === props.meId ? t('ws.presence.me', { name: u.name }) : u.name;
  return (
    <div class="ws-presence">
      <span class="visually-hidden">
        {t('ws.presence.label', { names: props.users.map(nameOf).join('、') })}
      </span>
      <For each={shown()}>
        {(user) => (
          <span
            class={user.id === props.meId ? 'ws-avatar ws-avatar--me' : 'ws-avatar'}
            style={{ 'background-color': user.color }}
            title={nameOf(user)}
            aria-hidden="true"
          >
            {initialsOf(user.name)}
          </span>
        )}
      </For>
      <Show when={more() > 0}>
        <span class="ws-avatar ws-avatar--more" aria-hidden="true">
          +{more()}
        </span>
      </Show>
    </div>
  );
}
