import type { FindingState } from '@rectify/domain';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { FINDING_ORDER } from '../../lib/finding-states.ts';
import { actionErrorKey } from './action-error.ts';
import { canMove, type FindingRole, isBackStep, needsLeader } from './finding-access.ts';
import { FindingDialog } from './finding-dialog.tsx';
import { type FindingDetail, findingsApi } from './findings-api.ts';

/** The button's words for one step of the lifecycle. */
export function moveLabel(from: FindingState, to: FindingState): MessageKey {
  const key = `${from}>${to}`;
  const labels: Record<string, MessageKey> = {
    'draft>confirmed': 'findings.move.confirm',
    'confirmed>draft': 'findings.move.backToDraft',
    'confirmed>approved': 'findings.move.approve',
    'approved>confirmed': 'findings.move.backToConfirmed',
    'issued>rectifying': 'findings.move.rectify',
    'rectifying>closed': 'findings.move.close',
    'closed>rectifying': 'findings.move.reopen',
  };
  return labels[key] ?? 'findings.move.other';
}

/**
 * Where the finding stands in 草稿 → … → 已销号, and the steps it can take
 * from here: one button per `next` state the user's role allows, each asking
 * for a comment that goes into the history.
 */
export function FindingLifecycle(props: {
  finding: FindingDetail;
  role: FindingRole;
  onMoved: (f: FindingDetail) => void;
}) {
  const { t } = useI18n();
  const [target, setTarget] = createSignal<FindingState>();
  const [comment, setComment] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey>();
  const at = () => FINDING_ORDER.indexOf(props.finding.state);
  const from = () => props.finding.state;
  const allowed = () => props.finding.next.filter((to) => canMove(props.role, from(), to));
  const waitsForLeader = () =>
    props.role === 'member' &&
    props.finding.next.some((to) => needsLeader(from(), to) && !isBackStep(from(), to));

  const open = (to: FindingState) => {
    setComment('');
    setProblem(undefined);
    setTarget(to);
  };
  const confirm = async () => {
    const to = target();
    if (!to) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const next = await findingsApi.move(props.finding.id, to, comment().trim());
      setTarget(undefined);
      props.onMoved(next);
    } catch (e) {
      setProblem(actionErrorKey(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="fnd-lifecycle" aria-label={t('findings.lifecycle.label')}>
      <ol class="fnd-steps">
        <For each={FINDING_ORDER}>
          {(state, i) => (
            <li
              class="fnd-steps__item"
              classList={{
                'fnd-steps__item--done': i() < at(),
                'fnd-steps__item--current': i() === at(),
              }}
              aria-current={i() === at() ? 'step' : undefined}
            >
              <span class="fnd-steps__mark" aria-hidden="true" />
              <span class="fnd-steps__label">{t(`findings.state.${state}`)}</span>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.role !== 'reader'}>
        <div class="fnd-lifecycle__actions">
          <For each={allowed()}>
            {(to) => (
              <button
                type="button"
                class={`button button--small ${isBackStep(from(), to) ? 'button--secondary' : 'button--primary'}`}
                onClick={() => open(to)}
              >
                {t(moveLabel(from(), to), { state: t(`findings.state.${to}`) })}
              </button>
            )}
          </For>
          <Show when={waitsForLeader()}>
            <span class="fnd-lifecycle__wait">{t('findings.move.leaderOnly')}</span>
          </Show>
          <Show when={props.finding.state === 'approved'}>
            <span class="fnd-lifecycle__wait">{t('findings.move.issuedWithReport')}</span>
          </Show>
        </div>
      </Show>
      <FindingDialog
        open={target() !== undefined}
        onOpenChange={(o) => !o && setTarget(undefined)}
        title={
          target()
            ? t(moveLabel(from(), target()!), { state: t(`findings.state.${target()!}`) })
            : ''
        }
        description={
          target()
            ? t('findings.move.dialogHint', {
                title: props.finding.title,
                from: t(`findings.state.${from()}`),
                to: t(`findings.state.${target()!}`),
              })
            : undefined
        }
        busy={busy()}
        error={problem() ? t(problem()!) : undefined}
        confirmLabel={t('findings.move.submit')}
        busyLabel={t('findings.move.working')}
        onConfirm={confirm}
      >
        <div class="field">
          <label class="field__label" for={`fnd-move-${props.finding.id}`}>
            {t('findings.move.comment')}
          </label>
          <textarea
            id={`fnd-move-${props.finding.id}`}
            class="input fnd-textarea"
            rows={3}
            maxLength={2000}
            value={comment()}
            placeholder={t('findings.move.commentPlaceholder')}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
        </div>
      </FindingDialog>
    </section>
  );
}
