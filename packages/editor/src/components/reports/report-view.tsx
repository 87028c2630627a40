import type { ReportGrouping } from '@rectify/domain';
import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { Icon } from '../icon.tsx';
import { ErrorState, LoadingState } from '../state-views.tsx';
import { actionError } from './action-error.ts';
import { IssueDialog } from './issue-dialog.tsx';
import { ReportLiveTexts } from './report-live-texts.tsx';
import { ReportPreview } from './report-preview.tsx';
import { ReportTextsForm, type SaveState } from './report-texts-form.tsx';
import { issuedDocxUrl, previewDocxUrl, type Report, reportsApi } from './reports-api.ts';

/** 焦点 / 方面: how 二、发现的主要问题 is grouped; a draft's leader may switch it. */
function GroupBySwitch(props: {
  value: ReportGrouping;
  disabled: boolean;
  onChange: (v: ReportGrouping) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset class="rp-seg" disabled={props.disabled}>
      <legend class="rp-seg__legend">{t('reports.groupBy.label')}</legend>
      {(['focus', 'aspect'] as const).map((v) => (
        <label class="rp-seg__option" classList={{ 'rp-seg__option--on': props.value === v }}>
          <input
            type="radio"
            name="rp-group-by"
            class="visually-hidden"
            value={v}
            checked={props.value === v}
            onChange={() => props.onChange(v)}
          />
          {t(v === 'focus' ? 'reports.groupBy.focus' : 'reports.groupBy.aspect')}
        </label>
      ))}
    </fieldset>
  );
}

/** What an issued report is: when, by whom, and the hash of the file that went out. */
function IssuedFacts(props: { report: Report }) {
  const i18n = useI18n();
  const { t } = i18n;
  const when = () => {
    const at = props.report.issuedAt;
    if (!at) return '';
    return new Intl.DateTimeFormat(i18n.lang(), {
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(new Date(at));
  };
  return (
    <section class="rp-issued" aria-labelledby="rp-issued-title">
      <h2 class="rp-issued__title" id="rp-issued-title">
        <Icon name="lock" size={16} />
        {t('reports.issued.title')}
      </h2>
      <dl class="rp-issued__facts">
        <dt>{t('reports.issued.at')}</dt>
        <dd class="rp-issued-at">{when()}</dd>
        <Show when={props.report.issuedBy}>
          {(by) => (
            <>
              <dt>{t('reports.issued.by')}</dt>
              <dd>{by().displayName}</dd>
            </>
          )}
        </Show>
        <dt>{t('reports.issued.sha')}</dt>
        <dd>
          <code class="rp-sha">{props.report.sha256}</code>
        </dd>
        <Show when={props.report.size}>
          {(size) => (
            <>
              <dt>{t('reports.issued.size')}</dt>
              <dd class="num">
                {t('reports.issued.kb', { kb: Math.max(1, Math.round(size() / 1024)) })}
              </dd>
            </>
          )}
        </Show>
      </dl>
      <p class="rp-issued__hint">{t('reports.issued.hint')}</p>
    </section>
  );
}

/**
 * One feedback report: the preview as the page will print, the texts around
 * the findings while it is a draft, the DOCX, and issuing.
 */
export function ReportView(props: { id: string; backHref: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [loaded, { mutate, refetch }] = createResource(() => props.id, reportsApi.get);
  const [saveState, setSaveState] = createSignal<SaveState>('idle');
  const [liveState, setLiveState] = createSignal<'saved' | 'saving' | 'offline'>('saved');
  const [issuing, setIssuing] = createSignal(false);
  const [dialog, setDialog] = createSignal(false);
  const [issueError, setIssueError] = createSignal<string>();
  const [groupError, setGroupError] = createSignal<string>();

  const report = () => (loaded.error ? undefined : loaded.latest);

  const save = async (patch: Parameters<typeof reportsApi.patch>[1]) => {
    const next = await reportsApi.patch(props.id, patch);
    mutate(next);
  };

  const changeGroup = async (groupBy: ReportGrouping) => {
    setGroupError(undefined);
    try {
      await save({ groupBy });
    } catch (e) {
      setGroupError(actionError(i18n, e));
    }
  };

  const issue = async () => {
    setIssuing(true);
    setIssueError(undefined);
    try {
      mutate(await reportsApi.issue(props.id));
      setDialog(false);
    } catch (e) {
      setIssueError(actionError(i18n, e));
    } finally {
      setIssuing(false);
    }
  };

  // The live texts are stored as people type: the preview follows a moment after the last save.
  let refresh: ReturnType<typeof setTimeout> | undefined;
  const followLive = () => {
    clearTimeout(refresh);
    refresh = setTimeout(() => {
      reportsApi.get(props.id).then(
        (next) => mutate(next),
        () => {}, // the preview stays as it was; the next save tries again
      );
    }, 600);
  };
  onCleanup(() => clearTimeout(refresh));

  const unitName = (r: Report) => r.unit?.name ?? t('reports.list.summary');
  const pending = () =>
    saveState() === 'dirty' || saveState() === 'saving' || liveState() !== 'saved';

  return (
    <Switch>
      <Match when={report()}>
        {(r) => (
          <div class="rp-view">
            <header class="rp-view__head">
              <Link class="rp-back" href={props.backHref}>
                ← {t('reports.back')}
              </Link>
              <div class="rp-view__title-row">
                <h1 class="rp-view__title">{unitName(r())}</h1>
                <span class="rp-state" classList={{ 'rp-state--issued': r().state === 'issued' }}>
                  {r().state === 'issued' ? t('reports.state.issued') : t('reports.state.draft')}
                </span>
                <Show when={r().group}>
                  {(g) => <span class="rp-view__group">{g().name}</span>}
                </Show>
              </div>
              <p class="rp-view__meta">
                {t('reports.view.problems', { count: r().model.findingIds.length })}
              </p>
              <div class="rp-toolbar">
                <GroupBySwitch
                  value={r().groupBy}
                  disabled={!r().canEdit}
                  onChange={(v) => void changeGroup(v)}
                />
                <div class="rp-toolbar__actions">
                  <Show
                    when={r().state === 'issued'}
                    fallback={
                      <a
                        class="button button--secondary button--small"
                        href={previewDocxUrl(r().id)}
                        download=""
                      >
                        {t('reports.download.preview')}
                      </a>
                    }
                  >
                    <a
                      class="button button--primary button--small"
                      href={issuedDocxUrl(r().id)}
                      download=""
                    >
                      {t('reports.download.issued')}
                    </a>
                  </Show>
                  <Show when={r().canIssue}>
                    <button
                      type="button"
                      class="button button--primary button--small"
                      disabled={pending()}
                      title={pending() ? t('reports.issue.saveFirst') : undefined}
                      onClick={() => {
                        setIssueError(undefined);
                        setDialog(true);
                      }}
                    >
                      {t('reports.issue.button')}
                    </button>
                  </Show>
                </div>
              </div>
              <Show when={groupError()}>
                <p class="form-problem" role="alert">
                  {groupError()}
                </p>
              </Show>
            </header>
            <div class="rp-view__body">
              <div class="rp-view__preview">
                <ReportPreview model={r().model} label={t('reports.preview.label')} />
              </div>
              <aside class="rp-view__side">
                <Show when={r().state === 'draft'} fallback={<IssuedFacts report={r()} />}>
                  <Show
                    when={r().canEdit}
                    fallback={<p class="rp-readonly">{t('reports.view.readOnly')}</p>}
                  >
                    <ReportTextsForm report={r()} onSave={save} onState={setSaveState} />
                    <ReportLiveTexts
                      docName={r().textsDoc}
                      editable={r().canEdit}
                      onSaved={followLive}
                      onState={setLiveState}
                    />
                  </Show>
                </Show>
              </aside>
            </div>
            <IssueDialog
              open={dialog()}
              onOpenChange={setDialog}
              unitName={unitName(r())}
              findings={r().model.findingIds.length}
              busy={issuing()}
              error={issueError()}
              onConfirm={() => void issue()}
            />
          </div>
        )}
      </Match>
      <Match when={loaded.error}>
        <ErrorState title={t('reports.view.loadError')} error={loaded.error} onRetry={refetch} />
      </Match>
      <Match when={true}>
        <LoadingState label={t('reports.view.loading')} rows={2} />
      </Match>
    </Switch>
  );
}
