import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { actionErrorKey } from './action-error.ts';
import { isFrozen } from './finding-access.ts';
import { FindingDialog } from './finding-dialog.tsx';
import { type Finding, type FindingDetail, findingsApi } from './findings-api.ts';
import { StateBadge } from './state-badge.tsx';

/** Runs one change on a finding, keeping its busy flag and its error for a dialog. */
function useAction() {
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey>();
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } catch (e) {
      setProblem(actionErrorKey(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, setProblem, run };
}

/**
 * Merge another finding of the same unit into this one (its annotations and
 * questions come along; it stops being listed), or split some annotations off
 * into a new draft.
 */
export function MergeSplit(props: {
  finding: FindingDetail;
  /** Every finding the list shows; the merge candidates are picked from them. */
  others: readonly Finding[];
  onMerged: (f: FindingDetail, sourceId: string) => void;
  onSplit: (created: FindingDetail) => void;
}) {
  const { t } = useI18n();
  const [merging, setMerging] = createSignal(false);
  const [splitting, setSplitting] = createSignal(false);
  const [source, setSource] = createSignal<string>();
  const [title, setTitle] = createSignal('');
  const [chosen, setChosen] = createSignal<ReadonlySet<string>>(new Set());
  const merge = useAction();
  const split = useAction();

  const candidates = () =>
    props.others.filter(
      (f) => f.id !== props.finding.id && f.unit.id === props.finding.unit.id && !isFrozen(f.state),
    );
  const canSplit = () => props.finding.annotations.length >= 2;
  const splitProblem = (): MessageKey | undefined => {
    if (chosen().size === 0) return 'findings.split.needOne';
    if (chosen().size >= props.finding.annotations.length) return 'findings.split.keepOne';
    return undefined;
  };
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen());
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  const id = (name: string) => `fnd-${props.finding.id}-${name}`;

  return (
    <div class="fnd-tools">
      <button
        type="button"
        class="button button--secondary button--small"
        onClick={() => {
          setSource(candidates()[0]?.id);
          merge.setProblem(undefined);
          setMerging(true);
        }}
      >
        {t('findings.merge.button')}
      </button>
      <button
        type="button"
        class="button button--secondary button--small"
        disabled={!canSplit()}
        title={canSplit() ? undefined : t('findings.split.needTwo')}
        onClick={() => {
          setTitle('');
          setChosen(new Set<string>());
          split.setProblem(undefined);
          setSplitting(true);
        }}
      >
        {t('findings.split.button')}
      </button>

      <FindingDialog
        open={merging()}
        onOpenChange={setMerging}
        title={t('findings.merge.title')}
        description={t('findings.merge.hint', { title: props.finding.title })}
        busy={merge.busy()}
        error={merge.problem() ? t(merge.problem()!) : undefined}
        confirmLabel={t('findings.merge.confirm')}
        busyLabel={t('findings.merge.working')}
        confirmDisabled={!source()}
        onConfirm={() =>
          merge.run(async () => {
            const from = source()!;
            const next = await findingsApi.merge(props.finding.id, from);
            setMerging(false);
            props.onMerged(next, from);
          })
        }
      >
        <Show
          when={candidates().length > 0}
          fallback={
            <p class="fnd-muted">{t('findings.merge.none', { unit: props.finding.unit.name })}</p>
          }
        >
          <fieldset class="fnd-choices">
            <legend class="field__label">{t('findings.merge.pick')}</legend>
            <For each={candidates()}>
              {(f) => (
                <label class="fnd-choice">
                  <input
                    type="radio"
                    name={id('merge')}
                    value={f.id}
                    checked={source() === f.id}
                    onChange={() => setSource(f.id)}
                  />
                  <span class="fnd-choice__text">
                    <span class="fnd-choice__title">{f.title}</span>
                    <span class="fnd-choice__meta">
                      <StateBadge state={f.state} />
                      {t('findings.list.annotations', { count: f.annotationCount })}
                    </span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
      </FindingDialog>

      <FindingDialog
        open={splitting()}
        onOpenChange={setSplitting}
        title={t('findings.split.title')}
        description={t('findings.split.hint')}
        busy={split.busy()}
        error={split.problem() ? t(split.problem()!) : undefined}
        confirmLabel={t('findings.split.confirm')}
        busyLabel={t('findings.split.working')}
        confirmDisabled={title().trim() === '' || splitProblem() !== undefined}
        onConfirm={() =>
          split.run(async () => {
            const created = await findingsApi.split(props.finding.id, title().trim(), [
              ...chosen(),
            ]);
            setSplitting(false);
            props.onSplit(created);
          })
        }
      >
        <div class="field">
          <label class="field__label" for={id('split-title')}>
            {t('findings.split.newTitle')}
          </label>
          <input
            id={id('split-title')}
            class="input"
            maxLength={500}
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </div>
        <fieldset class="fnd-choices">
          <legend class="field__label">{t('findings.split.annotations')}</legend>
          <For each={props.finding.annotations}>
            {(a) => (
              <label class="fnd-choice">
                <input
                  type="checkbox"
                  checked={chosen().has(a.id)}
                  onChange={(e) => toggle(a.id, e.currentTarget.checked)}
                />
                <span class="fnd-choice__text">
                  <span class="fnd-choice__title">
                    {a.quote || t('findings.annotations.noQuote')}
                  </span>
                  <span class="fnd-choice__meta">{a.questions.join(' · ')}</span>
                </span>
              </label>
            )}
          </For>
        </fieldset>
        <Show when={chosen().size > 0 && splitProblem()}>
          {(key) => <p class="fnd-dialog__hint fnd-dialog__hint--warn">{t(key())}</p>}
        </Show>
      </FindingDialog>
    </div>
  );
}
