import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { settled } from '../../lib/resource.ts';
import { Link, useRouter } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { reviewPath } from '../../lib/workspace/evidence-link.ts';
import { shortTime } from '../../lib/workspace/format-time.ts';
import { actionErrorKey } from '../findings/action-error.ts';
import { roleOnFinding } from '../findings/finding-access.ts';
import { findingsApi } from '../findings/findings-api.ts';
import { Icon } from '../icon.tsx';
import { ErrorState, LoadingState } from '../state-views.tsx';
import { type CellAnnotation, coverageApi } from './coverage-api.ts';
import type { CellRef } from './coverage-matrix.tsx';

/**
 * The annotations behind one cell of the matrix, each with its quote, tags,
 * method step, author and status, and links back into the review workspace
 * (to the passage, and to the evidence page it points at). The unit's group
 * can make the cell a finding at once: its annotations are linked.
 */
export function CellPanel(props: {
  roundId: string;
  /** The group the unit belongs to (who may make findings of it). */
  groupId: string | undefined;
  cell: CellRef;
  unitName: string;
  question: { code: string; zh: string; en: string } | undefined;
  counts: { open: number; resolved: number };
  onClose: () => void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const [detail, ctl] = createResource(
    () => JSON.stringify([props.roundId, props.cell.unitId, props.cell.question]),
    (key) => {
      const [roundId, unitId, question] = JSON.parse(key) as [string, string, string];
      return coverageApi.cell(roundId, unitId, question);
    },
  );
  const wording = () => {
    const q = props.question;
    return q ? (lang() === 'en' ? q.en : q.zh) : '';
  };
  const session = useSession();
  const router = useRouter();
  const [creating, setCreating] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const mayCreate = () =>
    props.groupId !== undefined &&
    props.counts.open + props.counts.resolved > 0 &&
    roleOnFinding(session.user, session.memberships, props.roundId, props.groupId) !== 'reader';
  const createFinding = async () => {
    if (creating()) return;
    setCreating(true);
    setProblem(undefined);
    try {
      const code = props.cell.question;
      const created = await findingsApi.create(props.roundId, {
        unitId: props.cell.unitId,
        title: wording() ? `${code} ${wording()}` : code,
        questions: [code],
        cell: { question: code },
      });
      router.navigate(`/findings?finding=${encodeURIComponent(created.id)}`);
    } catch (e) {
      setProblem(t(actionErrorKey(e)));
      setCreating(false);
    }
  };
  return (
    <aside
      id="cov-panel"
      class="cov-panel"
      aria-label={t('coverage.panel.label')}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <header class="cov-panel__head">
        <div class="cov-panel__heading" aria-live="polite">
          <p class="cov-panel__eyebrow">{props.unitName}</p>
          <h2 class="cov-panel__title">
            <span class="cov-panel__code">{props.cell.question}</span>
            <span class="cov-panel__wording">{wording()}</span>
          </h2>
          <p class="cov-panel__counts">
            {t('coverage.panel.counts', {
              open: formatNumber(props.counts.open),
              resolved: formatNumber(props.counts.resolved),
            })}
          </p>
        </div>
        <div class="cov-panel__actions">
          <Show when={mayCreate()}>
            <button
              type="button"
              class="button button--primary button--small cov-panel__create"
              disabled={creating()}
              onClick={() => void createFinding()}
            >
              {creating() ? t('coverage.panel.creating') : t('coverage.panel.createFinding')}
            </button>
          </Show>
          <button
            type="button"
            class="button button--secondary button--small cov-panel__close"
            onClick={() => props.onClose()}
          >
            {t('coverage.panel.close')}
          </button>
        </div>
      </header>
      <Show when={problem()}>
        <p class="form-problem" role="alert">
          {problem()}
        </p>
      </Show>
      <Switch>
        <Match when={detail.error}>
          <ErrorState
            title={t('coverage.panel.error')}
            error={detail.error}
            onRetry={() => void ctl.refetch()}
          />
        </Match>
        <Match when={detail.loading && !settled(detail)}>
          <LoadingState label={t('coverage.panel.loading')} rows={2} />
        </Match>
        <Match when={settled(detail)?.annotations.length === 0}>
          <div class="cov-panel__empty">
            <p class="cov-panel__empty-title">{t('coverage.panel.empty')}</p>
            <p class="cov-muted">
              {t('coverage.panel.emptyHint', { unit: props.unitName, code: props.cell.question })}
            </p>
          </div>
        </Match>
        <Match when={settled(detail)}>
          {(d) => (
            <ol class="cov-trail">
              <For each={d().annotations}>{(a) => <AnnotationItem annotation={a} />}</For>
            </ol>
          )}
        </Match>
      </Switch>
    </aside>
  );
}

function AnnotationItem(props: { annotation: CellAnnotation }) {
  const { t, lang } = useI18n();
  const a = () => props.annotation;
  const resolved = () => a().status === 'resolved';
  return (
    <li class="cov-trail__item" classList={{ 'cov-trail__item--resolved': resolved() }}>
      <div class="cov-trail__top">
        <span class="cov-status" classList={{ 'cov-status--resolved': resolved() }}>
          <Show when={resolved()}>
            <Icon name="check" size={12} />
          </Show>
          {resolved() ? t('coverage.panel.statusResolved') : t('coverage.panel.statusOpen')}
        </span>
        <For each={a().questions}>{(code) => <span class="cov-tag">{code}</span>}</For>
        <Show when={a().step}>{(step) => <span class="cov-tag cov-tag--step">{step()}</span>}</Show>
        <Show when={a().orphaned}>
          <span class="cov-flag">{t('coverage.panel.orphaned')}</span>
        </Show>
      </div>
      <blockquote class="cov-trail__quote">{a().quote || t('coverage.panel.noQuote')}</blockquote>
      <Show when={a().body.trim()}>
        <p class="cov-trail__body">{a().body}</p>
      </Show>
      <p class="cov-trail__where">
        {a().task
          ? t('coverage.panel.task', { task: a().task!.title, version: a().version })
          : t('coverage.panel.noTask', { version: a().version })}
      </p>
      <div class="cov-trail__foot">
        <span class="cov-trail__author">
          {a().author ?? ''}
          <Show when={a().author}>{' · '}</Show>
          <time datetime={a().updatedAt}>{shortTime(a().updatedAt, lang())}</time>
        </span>
        <span class="cov-trail__links">
          <Show when={a().evidence}>
            {(ev) => (
              <Link
                class="cov-trail__evidence"
                href={reviewPath(a().statementVersionId, {
                  evidenceId: ev().id,
                  page: ev().page,
                })}
              >
                <Icon name="file" size={13} />
                {ev().page === null
                  ? ev().name
                  : t('coverage.panel.evidencePage', { name: ev().name, page: ev().page! })}
              </Link>
            )}
          </Show>
          <Link class="cov-trail__open" href={reviewPath(a().statementVersionId)}>
            {t('coverage.panel.open')}
          </Link>
        </span>
      </div>
    </li>
  );
}
