import { type AnnotationData, linkInterview } from '@rectify/domain';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { Icon } from '../icon.tsx';
import { type Interview, interviewsApi } from '../interviews/interviews-api.ts';
import './interview-link.css';

/** The step of the method at which interviews verify what a unit claims (个别谈话、求证核实). */
export const INTERVIEW_STEP = 'S3';

const cache = new Map<string, Promise<Interview[]>>();

/**
 * A unit's interview records the user may read, shared by the cards of one
 * workspace; `fresh` asks the server again (the picker does, when opened).
 */
export function unitInterviews(roundId: string, unitId: string, fresh = false) {
  const key = `${roundId}|${unitId}`;
  let found = cache.get(key);
  if (!found || fresh) {
    found = interviewsApi.ofUnit(roundId, unitId);
    cache.set(key, found);
    found.catch(() => cache.get(key) === found && cache.delete(key));
  }
  return found;
}

/** Forgets what was loaded (tests; signing out). */
export function forgetUnitInterviews(): void {
  cache.clear();
}

export const interviewHref = (id: string) => `/interviews?interview=${encodeURIComponent(id)}`;

/**
 * An S3 annotation's link to an interview record: the record (date,
 * interviewers) as a link to it for those who may read it, a muted line for
 * those who may not, never who was interviewed. Whoever edits the annotation
 * picks from the unit's records they may read.
 */
export function InterviewLinkView(props: {
  annotation: Pick<AnnotationData, 'id' | 'step' | 'interviewId'>;
  roundId: string;
  unitId: string;
  /** The task the annotated statement answers: records concerning it come first. */
  taskId?: string;
  editable: boolean;
  onLink: (interviewId: string | null) => void;
}) {
  const { t, formatDate } = useI18n();
  const [open, setOpen] = createSignal(false);
  const [asked, setAsked] = createSignal(0);
  const linked = () => props.annotation.interviewId;
  const shown = () => props.annotation.step === INTERVIEW_STEP || !!linked();
  const [list, { refetch }] = createResource(
    () =>
      shown() && (linked() || open())
        ? { roundId: props.roundId, unitId: props.unitId, fresh: asked() }
        : undefined,
    (s) => unitInterviews(s.roundId, s.unitId, s.fresh > 0),
  );
  /** The list once loaded (reading an errored resource would throw). */
  const loaded = () => (list.state === 'ready' || list.state === 'refreshing' ? list() : undefined);
  const record = () => {
    const id = linked();
    return id ? loaded()?.find((iv) => iv.id === id) : undefined;
  };
  const names = (iv: Interview) => iv.interviewers.map((p) => p.displayName).join('、');
  const concerns = (iv: Interview) => !!props.taskId && iv.tasks.some((x) => x.id === props.taskId);
  const choices = () =>
    [...(loaded() ?? [])].sort(
      (a, b) =>
        Number(concerns(b)) - Number(concerns(a)) ||
        b.heldOn.localeCompare(a.heldOn) ||
        b.createdAt.localeCompare(a.createdAt),
    );

  let trigger: HTMLButtonElement | undefined;
  let panel: HTMLFieldSetElement | undefined;
  const openPicker = () => {
    setAsked((n) => n + 1);
    setOpen(true);
    queueMicrotask(() => panel?.querySelector<HTMLElement>('button, a')?.focus());
  };
  const close = () => {
    setOpen(false);
    queueMicrotask(() => trigger?.focus());
  };
  const pick = (id: string | null) => {
    props.onLink(id);
    close();
  };

  return (
    <Show when={shown() && (props.editable || linked())}>
      <div class="ws-ivlink">
        <Show when={linked()}>
          <Switch>
            <Match when={list.error}>
              <span class="ws-ivlink__muted" role="alert">
                {t('interviews.link.error')}{' '}
                <button type="button" class="ws-text-button" onClick={() => void refetch()}>
                  {t('interviews.link.retry')}
                </button>
              </span>
            </Match>
            <Match when={!loaded()}>
              <span class="ws-ivlink__muted">{t('interviews.link.loading')}</span>
            </Match>
            <Match when={record()}>
              {(iv) => (
                <span class="ws-ivlink__chip">
                  <Link
                    href={interviewHref(iv().id)}
                    class="ws-ivlink__open"
                    title={t('interviews.link.open', { date: formatDate(iv().heldOn) })}
                  >
                    <Icon name="message" size={13} />
                    <span>{t('interviews.link.linked', { date: formatDate(iv().heldOn) })}</span>
                    <span class="ws-ivlink__by">
                      {t('interviews.link.by', { names: names(iv()) })}
                    </span>
                  </Link>
                  <Show when={props.editable}>
                    <button
                      type="button"
                      class="ws-ivlink__remove"
                      aria-label={t('interviews.link.remove')}
                      title={t('interviews.link.remove')}
                      onClick={() => props.onLink(null)}
                    >
                      ×
                    </button>
                  </Show>
                </span>
              )}
            </Match>
            <Match when={loaded()}>
              <span class="ws-ivlink__hidden">
                <Icon name="lock" size={12} />
                {t('interviews.link.hidden')}
              </span>
            </Match>
          </Switch>
        </Show>
        <Show when={props.editable && !open() && (!linked() || record())}>
          <button
            ref={trigger}
            type="button"
            class="ws-text-button"
            aria-expanded="false"
            onClick={openPicker}
          >
            {linked() ? t('interviews.link.change') : t('interviews.link.button')}
          </button>
        </Show>
        <Show when={open()}>
          <fieldset
            ref={panel}
            class="ws-ivlink__picker"
            onKeyDown={(e) => {
              if (e.key !== 'Escape') return;
              e.preventDefault();
              e.stopPropagation();
              close();
            }}
          >
            <legend class="ws-ivlink__picker-title">{t('interviews.link.pickLabel')}</legend>
            <Switch>
              <Match when={list.error}>
                <p class="ws-ivlink__muted" role="alert">
                  {t('interviews.link.error')}{' '}
                  <button type="button" class="ws-text-button" onClick={() => void refetch()}>
                    {t('interviews.link.retry')}
                  </button>
                </p>
              </Match>
              <Match when={!loaded()}>
                <p class="ws-ivlink__muted">{t('interviews.link.loading')}</p>
              </Match>
              <Match when={choices().length === 0}>
                <p class="ws-ivlink__muted">
                  {t('interviews.link.none')}{' '}
                  <Link href="/interviews?new=1">{t('interviews.link.create')}</Link>
                </p>
              </Match>
              <Match when={true}>
                <ul class="ws-ivlink__choices">
                  <For each={choices()}>
                    {(iv) => (
                      <li>
                        <button
                          type="button"
                          class="ws-ivlink__choice"
                          aria-pressed={iv.id === linked()}
                          onClick={() => pick(iv.id)}
                        >
                          <span class="ws-ivlink__date">{formatDate(iv.heldOn)}</span>
                          <span class="ws-ivlink__by">
                            {t('interviews.link.by', { names: names(iv) })}
                          </span>
                          <Show when={iv.place}>
                            <span class="ws-ivlink__place">{iv.place}</span>
                          </Show>
                          <Show when={concerns(iv)}>
                            <span class="ws-ivlink__task">{t('interviews.link.thisTask')}</span>
                          </Show>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Match>
            </Switch>
            <button type="button" class="ws-text-button ws-text-button--quiet" onClick={close}>
              {t('interviews.link.cancel')}
            </button>
          </fieldset>
        </Show>
      </div>
    </Show>
  );
}

/** The link as the review workspace's annotation card shows it. */
export function InterviewLink(props: { annotation: AnnotationData }) {
  const ws = useWorkspace();
  return (
    <InterviewLinkView
      annotation={props.annotation}
      roundId={ws.version.roundId}
      unitId={ws.version.unit.id}
      taskId={ws.version.task.id}
      editable={!ws.readOnly()}
      onLink={(id) => linkInterview(ws.live.doc, props.annotation.id, id)}
    />
  );
}
