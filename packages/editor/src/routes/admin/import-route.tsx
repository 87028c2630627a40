import { createMemo, createSignal, Match, Show, Switch } from 'solid-js';
import { Icon } from '../../components/icon.tsx';
import { AbsentList } from '../../components/ledger/absent-list.tsx';
import { LedgerFailure } from '../../components/ledger/failure.tsx';
import { FileDrop } from '../../components/ledger/file-drop.tsx';
import { ImportSummary } from '../../components/ledger/import-summary.tsx';
import { IssueList } from '../../components/ledger/issue-list.tsx';
import {
  type LedgerImportResult,
  type LedgerMapping,
  type LedgerPreview,
  ledgerApi,
  ledgerExportUrl,
} from '../../components/ledger/ledger-api.ts';
import { MappingTable } from '../../components/ledger/mapping-table.tsx';
import { TaskPreview } from '../../components/ledger/task-preview.tsx';
import { UnitConfirm } from '../../components/ledger/unit-confirm.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import '../../styles/ledger.css';

/**
 * 台账导入: choose or drop the ledger, check the preview (column mapping, units
 * to create, every row, bad rows), then import it all or nothing; and export
 * the round's ledger as XLSX. Nothing is written before "import".
 */
export function AdminImportRoute() {
  const { t, formatNumber } = useI18n();
  const round = useRound();
  usePageTitle(() => t('ledger.title'));

  const [file, setFile] = createSignal<File>();
  const [preview, setPreview] = createSignal<LedgerPreview>();
  /** The person's mapping; undefined while the detected one is used. */
  const [mapping, setMapping] = createSignal<LedgerMapping>();
  const [reading, setReading] = createSignal(false);
  const [readError, setReadError] = createSignal<unknown>();
  const [accepted, setAccepted] = createSignal<ReadonlySet<string>>(new Set());
  const [applying, setApplying] = createSignal(false);
  const [applyError, setApplyError] = createSignal<unknown>();
  const [result, setResult] = createSignal<LedgerImportResult>();
  // Answers to an older preview request (the mapping changed again) are dropped.
  let asked = 0;

  const roundId = () => round.current()?.id;

  const runPreview = async () => {
    const id = roundId();
    const chosen = file();
    if (!id || !chosen) return;
    const ticket = ++asked;
    setReading(true);
    setReadError(undefined);
    setApplyError(undefined);
    try {
      const m = mapping();
      const next = await ledgerApi.preview(id, chosen, m ? { mapping: m } : {});
      if (ticket === asked) setPreview(next);
    } catch (e) {
      if (ticket === asked) {
        setReadError(e);
        setPreview(undefined);
      }
    } finally {
      if (ticket === asked) setReading(false);
    }
  };

  const choose = (next: File) => {
    setFile(next);
    setPreview(undefined);
    setMapping(undefined);
    setAccepted(new Set<string>());
    setResult(undefined);
    void runPreview();
  };

  const startOver = () => {
    asked++;
    setFile(undefined);
    setPreview(undefined);
    setMapping(undefined);
    setReadError(undefined);
    setApplyError(undefined);
    setReading(false);
    setResult(undefined);
  };

  const proposed = () => preview()?.units.proposed ?? [];
  const pendingUnits = createMemo(() => proposed().filter((u) => !accepted().has(u.name)).length);
  const blocker = createMemo(() => {
    const p = preview();
    if (!p) return undefined;
    if (p.errors.length) return t('ledger.apply.blockedErrors', { n: p.errors.length });
    if (p.tasks.length === 0) return t('ledger.apply.blockedEmpty');
    if (pendingUnits() > 0) return t('ledger.apply.blockedUnits');
    return undefined;
  });

  const apply = async () => {
    const id = roundId();
    const chosen = file();
    const p = preview();
    if (!id || !chosen || !p || blocker() || applying()) return;
    setApplying(true);
    setApplyError(undefined);
    try {
      const names = new Set(p.units.proposed.map((u) => u.name));
      const done = await ledgerApi.apply(id, chosen, {
        mapping: mapping(),
        createUnits: [...accepted()].filter((n) => names.has(n)),
      });
      setResult(done);
      setPreview(undefined);
      setFile(undefined);
    } catch (e) {
      setApplyError(e);
    } finally {
      setApplying(false);
    }
  };

  return (
    <div class="page ledger-page">
      <header class="page-header ledger-page__header">
        <div>
          <p class="page-header__eyebrow">{t('ledger.eyebrow')}</p>
          <h1 class="page-header__title">{t('ledger.title')}</h1>
          <p class="page-header__meta">{t('ledger.intro')}</p>
        </div>
        <Show when={roundId()}>
          {(id) => (
            <a
              class="button button--secondary ledger-export"
              href={ledgerExportUrl(id())}
              download=""
              title={t('ledger.exportTitle')}
            >
              <Icon name="table" size={18} />
              {t('ledger.export')}
            </a>
          )}
        </Show>
      </header>

      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState title={t('ledger.noRound')} error={round.rounds.error} />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('common.loading')} rows={2} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState icon="layers" title={t('ledger.noRound')} hint={t('ledger.noRoundHint')} />
        </Match>
        <Match when={result()}>
          {(done) => <ImportSummary result={done()} onAgain={startOver} />}
        </Match>
        <Match when={!file()}>
          <FileDrop onFile={choose} />
        </Match>
        <Match when={file()}>
          {(chosen) => (
            <div class="ledger-preview" aria-busy={reading()}>
              <div class="ledger-file">
                <Icon name="file" size={22} />
                <div class="ledger-file__text">
                  <p class="ledger-file__name">{chosen().name}</p>
                  <Show
                    when={preview()}
                    fallback={
                      <p class="ledger-file__meta" role="status">
                        <Show when={reading()}>{t('ledger.reading', { name: chosen().name })}</Show>
                      </p>
                    }
                  >
                    {(p) => (
                      <p class="ledger-file__meta">
                        {t('ledger.file.sheet', {
                          sheet: p().sheet.name,
                          rows: formatNumber(p().sheet.rows),
                        })}
                        <Show when={p().sheet.encoding}>
                          {(enc) => <> · {t('ledger.file.encoding', { encoding: enc() })}</>}
                        </Show>
                      </p>
                    )}
                  </Show>
                </div>
                <label class="button button--secondary button--small ledger-file__change">
                  {t('ledger.file.change')}
                  <input
                    class="visually-hidden"
                    type="file"
                    accept=".xlsx,.csv"
                    disabled={applying()}
                    onChange={(e) => {
                      const next = e.currentTarget.files?.[0];
                      e.currentTarget.value = '';
                      if (next) choose(next);
                    }}
                  />
                </label>
              </div>

              <Show when={readError()}>
                {(e) => <LedgerFailure title={t('ledger.previewError')} error={e()} />}
              </Show>
              <Show when={!preview() && reading()}>
                <LoadingState label={t('ledger.reading', { name: chosen().name })} rows={2} />
              </Show>

              <Show when={preview()}>
                {(p) => (
                  <>
                    <PreviewCounts preview={p()} />
                    <Show when={p().errors.length > 0}>
                      <IssueList issues={p().errors} tone="error" />
                    </Show>
                    <MappingTable
                      header={p().header}
                      mapping={p().mapping}
                      detected={p().detected}
                      rows={p().sheet.rows}
                      busy={reading() || applying()}
                      onChange={(next) => {
                        setMapping(next);
                        void runPreview();
                      }}
                    />
                    <Show when={p().units.proposed.length > 0}>
                      <UnitConfirm
                        proposed={p().units.proposed}
                        existing={p().units.existing.length}
                        accepted={accepted()}
                        onToggle={(name, on) => {
                          const next = new Set(accepted());
                          if (on) next.add(name);
                          else next.delete(name);
                          setAccepted(next);
                        }}
                        onAcceptAll={() =>
                          setAccepted(new Set([...accepted(), ...proposed().map((u) => u.name)]))
                        }
                      />
                    </Show>
                    <TaskPreview preview={p()} />
                    <Show when={p().warnings.length > 0}>
                      <IssueList issues={p().warnings} tone="warning" />
                    </Show>
                    <Show when={p().absent.length > 0}>
                      <AbsentList tasks={p().absent} />
                    </Show>

                    <div class="ledger-apply">
                      <Show when={applyError()}>
                        {(e) => <LedgerFailure title={t('ledger.applyError')} error={e()} />}
                      </Show>
                      <div class="ledger-apply__bar">
                        <p
                          class="ledger-apply__text"
                          classList={{ 'is-blocked': !!blocker() }}
                          aria-live="polite"
                        >
                          {blocker() ??
                            (p().counts.created + p().counts.updated > 0
                              ? t('ledger.apply.ready', {
                                  created: p().counts.created,
                                  updated: p().counts.updated,
                                })
                              : t('ledger.apply.nothing'))}
                        </p>
                        <button
                          type="button"
                          class="button button--primary"
                          disabled={!!blocker() || applying() || reading()}
                          onClick={() => void apply()}
                        >
                          {applying() ? t('ledger.applying') : t('ledger.apply')}
                        </button>
                      </div>
                    </div>
                  </>
                )}
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}

/** Problems, tasks and what happens to them, at a glance. */
function PreviewCounts(props: { preview: LedgerPreview }) {
  const { t } = useI18n();
  const items = () => [
    { key: 'problems', label: t('ledger.summary.problems'), n: props.preview.problems.length },
    { key: 'tasks', label: t('ledger.summary.tasks'), n: props.preview.tasks.length },
    { key: 'created', label: t('ledger.summary.new'), n: props.preview.counts.created },
    { key: 'updated', label: t('ledger.summary.updated'), n: props.preview.counts.updated },
    { key: 'unchanged', label: t('ledger.summary.unchanged'), n: props.preview.counts.unchanged },
    { key: 'errors', label: t('ledger.summary.errors'), n: props.preview.errors.length },
  ];
  return (
    <dl class="ledger-counts ledger-counts--preview">
      {items().map((item) => (
        <div
          class={`ledger-count ledger-count--${item.key}`}
          classList={{ 'is-zero': item.n === 0 }}
        >
          <dt>{item.label}</dt>
          <dd class="num" data-count={item.key}>
            {item.n}
          </dd>
        </div>
      ))}
    </dl>
  );
}
