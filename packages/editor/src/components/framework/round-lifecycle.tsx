import type { Round, RoundState } from '@rectify/domain';
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { adminErrorText } from '../admin/action-error.ts';
import { AdminDialog } from '../admin/admin-dialog.tsx';
import { Field } from '../admin/field.tsx';
import { frameworkApi } from './framework-api.ts';

type Move = 'start' | 'close' | 'reopen';
const TARGET: Record<Move, Exclude<RoundState, 'setup'>> = {
  start: 'active',
  close: 'closed',
  reopen: 'active',
};
/** The one move each state offers: setup → start, active → close, closed → reopen. */
const MOVE: Record<RoundState, Move> = { setup: 'start', active: 'close', closed: 'reopen' };

const text = (move: Move, part: 'button' | 'title' | 'body' | 'confirm' | 'done') =>
  `framework.round.${move}.${part}` as MessageKey;

/**
 * The round's state badge and the one lifecycle move it allows, behind a
 * confirmation that says what follows (closing ends members' access and makes
 * the documents read-only; reopening restores it). The comment goes to the
 * audit log with the change.
 */
export function RoundLifecycle(props: { round: Round; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = createSignal(false);
  const [comment, setComment] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const move = () => MOVE[props.round.state];

  const close = () => {
    setOpen(false);
    setComment('');
    setError(undefined);
  };
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    const m = move();
    try {
      await frameworkApi.setState(props.round.id, TARGET[m], comment().trim());
      close();
      props.onChanged(t(text(m, 'done'), { name: props.round.name }));
    } catch (e) {
      setError(adminErrorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="fw-lifecycle">
      <span class={`badge badge--${props.round.state}`}>
        {t(`round.state.${props.round.state}`)}
      </span>
      <button
        type="button"
        class="button button--small"
        classList={{
          'button--primary': move() !== 'close',
          'button--secondary': move() === 'close',
        }}
        onClick={() => setOpen(true)}
      >
        {t(text(move(), 'button'))}
      </button>
      <AdminDialog
        open={open()}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title={t(text(move(), 'title'), { name: props.round.name })}
        busy={busy()}
        error={error()}
        danger={move() === 'close'}
        confirmLabel={t(text(move(), 'confirm'))}
        busyLabel={t('admin.working')}
        onConfirm={confirm}
      >
        <div class="fw-lifecycle__body">
          <p class="adm-dialog__body">{t(text(move(), 'body'))}</p>
          <Show when={move() === 'close'}>
            <ul class="fw-lifecycle__effects">
              <li>{t('framework.round.close.effectAccess')}</li>
              <li>{t('framework.round.close.effectReadOnly')}</li>
              <li>{t('framework.round.close.effectArchive')}</li>
            </ul>
          </Show>
          <Field label={t('framework.round.comment')} hint={t('framework.round.commentHint')}>
            {(attrs) => (
              <textarea
                {...attrs}
                class="input fw-textarea"
                rows={2}
                maxLength={1000}
                value={comment()}
                onInput={(e) => setComment(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </AdminDialog>
    </div>
  );
}
