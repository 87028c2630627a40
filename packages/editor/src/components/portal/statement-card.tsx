import type { RichTextJson } from '@rectify/domain';
import { createEffect, createSignal, onCleanup, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { createAutosave } from '../../lib/portal/autosave.ts';
import type { StatementStatus, SubmittedVersion } from '../../lib/portal/contracts.ts';
import { portalApi } from '../../lib/portal/portal-api.ts';
import { useSaveState } from '../../lib/save-state.tsx';
import { Icon } from '../icon.tsx';
import { actionErrorText } from './error-text.ts';
import { PortalIcon } from './portal-icon.tsx';
import { SaveStatus } from './save-status.tsx';
import { StatementEditor } from './statement-editor.tsx';
import { SubmitDialog } from './submit-dialog.tsx';
import './portal-base.css';
import './statement.css';

function isBlank(body: RichTextJson | null): boolean {
  if (!body) return true;
  const text = (node: RichTextJson): string => node.text ?? (node.content ?? []).map(text).join('');
  return text(body).trim() === '';
}

/**
 * 整改进展表述: the statement editor with its autosaved draft, and the way
 * to submit it as the next version. `filesChanged` tells it the draft's
 * evidence changed, which is worth a new version too.
 */
export function StatementCard(props: {
  taskId: string;
  unitId: string;
  initial: RichTextJson | null;
  status: StatementStatus;
  draftFiles: number;
  uploading: number;
  filesChanged: boolean;
  onSubmitted: (version: SubmittedVersion) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const saveState = useSaveState();
  const autosave = createAutosave<RichTextJson>({
    save: async (body) => {
      const saved = await portalApi.saveDraft(props.taskId, props.unitId, body);
      return { savedAt: saved?.draftUpdatedAt };
    },
  });
  const [blank, setBlank] = createSignal(isBlank(props.initial));
  const [edited, setEdited] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [submitting, setSubmitting] = createSignal(false);
  const [submitError, setSubmitError] = createSignal<string>();
  const [justSubmitted, setJustSubmitted] = createSignal<number>();

  const nextVersion = () => (props.status.version ?? 0) + 1;
  const upToDate = () => props.status.status === 'submitted' && !edited() && !props.filesChanged;
  const blocker = () => {
    if (blank()) return t('portal.submit.needText');
    if (upToDate()) return t('portal.submit.upToDate', { n: props.status.version ?? 1 });
    return undefined;
  };

  // The top bar's save state follows the draft.
  createEffect(() => {
    const state = autosave.state();
    saveState.report(
      state === 'pending' || state === 'saving' ? 'saving' : state === 'saved' ? 'saved' : 'idle',
    );
  });

  const warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (!autosave.unsaved()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  // Back online after a failed save: send the held text without waiting for a click.
  const retryWhenOnline = () => {
    if (autosave.state() === 'error') void autosave.retry();
  };
  window.addEventListener('beforeunload', warnBeforeLeaving);
  window.addEventListener('online', retryWhenOnline);
  onCleanup(() => {
    window.removeEventListener('beforeunload', warnBeforeLeaving);
    window.removeEventListener('online', retryWhenOnline);
    // Leaving for another page of the app: send what is still waiting.
    void autosave.flush();
    autosave.dispose();
    saveState.report('idle');
  });

  const onChange = (body: RichTextJson) => {
    setBlank(isBlank(body));
    setEdited(true);
    setJustSubmitted(undefined);
    autosave.change(body);
  };

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(undefined);
    try {
      if (!(await autosave.flush())) {
        setSubmitError(t('portal.submit.saveFirst'));
        return;
      }
      const version = await portalApi.submit(props.taskId, props.unitId);
      setEdited(false);
      setConfirming(false);
      setJustSubmitted(version.version);
      props.onSubmitted(version);
    } catch (e) {
      setSubmitError(actionErrorText(i18n, e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section class="panel statement" aria-labelledby="statement-title">
      <div class="panel__head">
        <h2 class="panel__title" id="statement-title">
          {t('portal.statement.title')}
        </h2>
        <SaveStatus autosave={autosave} lastSaved={props.status.draftUpdatedAt} />
      </div>
      <p class="statement__hint" id="statement-hint">
        {t('portal.statement.hint')}
      </p>
      <StatementEditor
        initial={props.initial}
        onChange={onChange}
        labelledBy="statement-title"
        describedBy="statement-hint"
      />
      <div class="statement__footer">
        <Show when={justSubmitted()}>
          {(n) => (
            <p class="statement__done" role="status">
              <Icon name="check" size={16} />
              {t('portal.submit.done', { n: n() })}
            </p>
          )}
        </Show>
        <Show when={!justSubmitted() && blocker()}>
          {(why) => (
            <p class="statement__blocker" id="submit-blocker">
              {why()}
            </p>
          )}
        </Show>
        <button
          type="button"
          class="button button--primary statement__submit"
          disabled={Boolean(blocker())}
          aria-describedby={blocker() ? 'submit-blocker' : undefined}
          onClick={() => {
            setSubmitError(undefined);
            setConfirming(true);
          }}
        >
          <PortalIcon name="send" size={16} />
          {t('portal.submit.button', { n: nextVersion() })}
        </button>
      </div>
      <SubmitDialog
        open={confirming()}
        onOpenChange={setConfirming}
        version={nextVersion()}
        files={props.draftFiles}
        uploading={props.uploading}
        submitting={submitting()}
        error={submitError()}
        onConfirm={() => void submit()}
      />
    </section>
  );
}
