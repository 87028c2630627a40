import type { Framework } from '@rectify/domain';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  Match,
  on,
  onCleanup,
  Show,
  Switch,
} from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { adminErrorText } from '../../components/admin/action-error.ts';
import { AdminDialog } from '../../components/admin/admin-dialog.tsx';
import { Notice, useNotice } from '../../components/admin/notice.tsx';
import {
  type FrameworkView,
  frameworkApi,
  type QuestionUses,
} from '../../components/framework/framework-api.ts';
import {
  cloneFramework,
  codesOf,
  retireInstead,
  sameFramework,
} from '../../components/framework/framework-draft.ts';
import { FrameworkEditor } from '../../components/framework/framework-editor.tsx';
import { FrameworkTransfer, readJsonFile } from '../../components/framework/framework-transfer.tsx';
import { SaveBar } from '../../components/framework/save-bar.tsx';
import { type SaveOutcome, saveFramework } from '../../components/framework/save-framework.ts';
import { UsesPanel } from '../../components/framework/uses-panel.tsx';
import { VersionHistory } from '../../components/framework/version-history.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import '../../styles/admin.css';
import '../../styles/framework.css';

const BLANK: Framework = {
  name: '',
  theme: { zh: '', en: '' },
  focuses: [],
  questions: [],
  methodSteps: [],
  aspects: [],
  taskKinds: [],
  severities: [],
};

/**
 * 问题框架: the chosen round's theme, focuses, questions, method steps,
 * aspects, severities and task kinds. Every save is a new version (sent with
 * the version it started from, so two admins cannot overwrite each other);
 * earlier versions stay readable, because annotations and findings show the
 * wording they were tagged with. A used question cannot be deleted, only
 * retired; a closed round's framework is read-only.
 */
export function AdminFrameworkRoute() {
  const { t } = useI18n();
  const round = useRound();
  const roundId = () => round.current()?.id;
  const [stored, { refetch, mutate }] = createResource(roundId, (id) => frameworkApi.view(id));
  const [viewing, setViewing] = createSignal<number>();
  const [earlier] = createResource(
    () => {
      const id = roundId();
      const v = viewing();
      return id && v ? ([id, v] as const) : undefined;
    },
    ([id, v]) => frameworkApi.view(id, v),
  );
  const [draft, setDraft] = createStore<Framework>(cloneFramework(BLANK));
  const [busy, setBusy] = createSignal(false);
  const [checking, setChecking] = createSignal<string>();
  const [uses, setUses] = createSignal<QuestionUses[]>();
  const [stale, setStale] = createSignal<number>();
  const [problem, setProblem] = createSignal<string>();
  const [pendingImport, setPendingImport] = createSignal<File>();
  const notice = useNotice();
  usePageTitle(() => t('framework.title'));

  const base = () => settled(stored);
  // A new stored version (loaded, saved, reloaded, another round) starts a fresh draft.
  createEffect(
    on(base, (view) => {
      if (!view) return;
      setDraft(cloneFramework(view.framework));
      setViewing(undefined);
      setUses(undefined);
      setStale(undefined);
      setProblem(undefined);
    }),
  );
  const closed = () => round.current()?.state === 'closed';
  const shownVersion = () => (viewing() ? settled(earlier) : undefined);
  const readOnly = () => closed() || viewing() !== undefined;
  const dirty = createMemo(() => {
    const view = base();
    // Serialising the store proxy reads every field, so any edit re-runs this.
    return !!view && !sameFramework(draft, view.framework);
  });
  const storedCodes = createMemo(() => codesOf(base()?.framework ?? BLANK));

  // Leaving with unsaved edits asks first (the browser's own prompt).
  const guard = (e: BeforeUnloadEvent) => {
    if (dirty()) e.preventDefault();
  };
  window.addEventListener('beforeunload', guard);
  onCleanup(() => window.removeEventListener('beforeunload', guard));

  const settle = (
    outcome: SaveOutcome,
    done: (v: FrameworkView) => string,
    invalid: 'framework.save.invalid' | 'framework.import.invalid',
  ) => {
    switch (outcome.kind) {
      case 'saved':
        mutate(outcome.view);
        round.refetchOverview();
        notice.show(done(outcome.view));
        return;
      case 'stale':
        setStale(outcome.current);
        return;
      case 'inUse':
        setUses(outcome.uses);
        return;
      case 'invalid':
        setProblem(t(invalid, { detail: outcome.detail }));
        return;
      case 'refused':
        setProblem(t('framework.save.refused', { detail: outcome.detail }));
        return;
      case 'failed':
        notice.fail(adminErrorText(t, outcome.error));
    }
  };
  const run = async (work: () => Promise<void>) => {
    notice.clear();
    setProblem(undefined);
    setUses(undefined);
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const id = roundId();
      const view = base();
      if (!id || !view) return;
      const outcome = await saveFramework(id, structuredClone(unwrap(draft)), view);
      settle(outcome, (v) => t('framework.save.done', { n: v.version }), 'framework.save.invalid');
    });

  const importFile = (file: File) =>
    run(async () => {
      setPendingImport(undefined);
      const id = roundId();
      const view = base();
      if (!id || !view) return;
      const read = await readJsonFile(file);
      if (!read.ok) {
        setProblem(t('framework.import.notJson', { file: file.name }));
        return;
      }
      const outcome = await saveFramework(id, read.value, view);
      // Refused for a used question: the file becomes the draft, so retiring can fix it.
      if (outcome.kind === 'inUse') setDraft(cloneFramework(read.value as Framework));
      settle(
        outcome,
        (v) => t('framework.import.done', { n: v.version, file: file.name }),
        'framework.import.invalid',
      );
    });

  const deleteQuestion = async (code: string) => {
    const id = roundId();
    if (!id) return;
    notice.clear();
    setChecking(code);
    try {
      const found = await frameworkApi.uses(id, [code]);
      if (found.length > 0) setUses(found);
      else setDraft('questions', (list) => list.filter((q) => q.code !== code));
    } catch (e) {
      notice.fail(adminErrorText(t, e));
    } finally {
      setChecking(undefined);
    }
  };

  const retire = () => {
    const view = base();
    const codes = uses()?.map((u) => u.question) ?? [];
    if (!view) return;
    setDraft(retireInstead(view.framework, unwrap(draft), codes));
    setUses(undefined);
    notice.show(t('framework.uses.retired', { codes: codes.join('、') }));
  };

  const reload = () => {
    setStale(undefined);
    void refetch();
  };

  return (
    <div class="page adm adm--wide fw-page">
      <header class="page-header adm-header">
        <div>
          <p class="page-header__eyebrow">{round.current()?.name ?? t('admin.eyebrow')}</p>
          <h1 class="page-header__title">{t('framework.title')}</h1>
          <p class="page-header__meta">{t('framework.intro')}</p>
        </div>
        <Show when={roundId() && base()}>
          <FrameworkTransfer
            exportUrl={frameworkApi.exportUrl(roundId()!)}
            canImport={!closed()}
            busy={busy()}
            onFile={(file) => (dirty() ? setPendingImport(file) : importFile(file))}
          />
        </Show>
      </header>
      <Notice notice={notice} />
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('framework.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('framework.loading')} rows={3} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState
            icon="layers"
            title={t('framework.noRound')}
            hint={t('framework.noRoundHint')}
          />
        </Match>
        <Match when={stored.error && !base()}>
          <ErrorState title={t('framework.loadError')} error={stored.error} onRetry={refetch} />
        </Match>
        <Match when={base()}>
          {(view) => (
            <>
              <Show when={closed()}>
                <p class="fw-banner" role="note">
                  {t('framework.closedRound')}
                </p>
              </Show>
              <Show when={stale()}>
                {(n) => (
                  <div class="fw-banner fw-banner--warn" role="alert">
                    <span>{t('framework.stale', { n: n() })}</span>
                    <button
                      type="button"
                      class="button button--primary button--small"
                      onClick={reload}
                    >
                      {t('framework.reload')}
                    </button>
                  </div>
                )}
              </Show>
              <Show when={problem()}>
                {(text) => (
                  <p class="fw-banner fw-banner--error" role="alert">
                    {text()}
                  </p>
                )}
              </Show>
              <Show when={uses()}>
                {(list) => (
                  <UsesPanel
                    uses={list()}
                    readOnly={readOnly()}
                    onRetire={retire}
                    onDismiss={() => setUses(undefined)}
                  />
                )}
              </Show>
              <SaveBar
                current={view().current}
                viewing={viewing()}
                dirty={dirty()}
                busy={busy()}
                readOnly={readOnly()}
                onBack={() => setViewing(undefined)}
                onDiscard={() => setDraft(cloneFramework(view().framework))}
                onSave={save}
              />
              <div class="fw-layout">
                <div class="fw-layout__main">
                  <Switch>
                    <Match when={viewing() && earlier.error}>
                      <ErrorState title={t('framework.loadError')} error={earlier.error} />
                    </Match>
                    <Match when={viewing() && !shownVersion()}>
                      <LoadingState label={t('framework.loading')} rows={2} />
                    </Match>
                    <Match when={shownVersion()}>
                      {(old) => (
                        <FrameworkEditor
                          draft={old().framework}
                          setDraft={() => undefined}
                          readOnly
                          storedCodes={codesOf(old().framework)}
                          onDeleteQuestion={() => undefined}
                        />
                      )}
                    </Match>
                    <Match when={true}>
                      <FrameworkEditor
                        draft={draft}
                        setDraft={setDraft}
                        readOnly={readOnly()}
                        storedCodes={storedCodes()}
                        onDeleteQuestion={deleteQuestion}
                        checking={checking()}
                      />
                    </Match>
                  </Switch>
                </div>
                <aside class="fw-layout__side">
                  <VersionHistory
                    versions={view().versions}
                    current={view().current}
                    viewing={viewing() ?? view().current}
                    onView={(v) => setViewing(v === view().current ? undefined : v)}
                  />
                </aside>
              </div>
            </>
          )}
        </Match>
        <Match when={true}>
          <LoadingState label={t('framework.loading')} rows={3} />
        </Match>
      </Switch>
      <AdminDialog
        open={pendingImport() !== undefined}
        onOpenChange={(open) => !open && setPendingImport(undefined)}
        title={t('framework.import.confirmTitle')}
        description={t('framework.import.confirmBody', { file: pendingImport()?.name ?? '' })}
        busy={busy()}
        confirmLabel={t('framework.import.confirm')}
        busyLabel={t('framework.saving')}
        danger
        onConfirm={() => {
          const file = pendingImport();
          if (file) void importFile(file);
        }}
      />
    </div>
  );
}
