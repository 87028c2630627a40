import type { Framework } from '@rectify/domain';
import { createResource, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { settled } from '../../lib/resource.ts';
import { useSession } from '../../lib/session.tsx';
import { shortTime } from '../../lib/workspace/format-time.ts';
import { ErrorState, LoadingState } from '../state-views.tsx';
import { canEdit, isFrozen, roleOnFinding } from './finding-access.ts';
import { FindingDescription, type FindingDescriptionHandle } from './finding-description.tsx';
import { FindingForm } from './finding-form.tsx';
import { FindingHistory } from './finding-history.tsx';
import { FindingLifecycle } from './finding-lifecycle.tsx';
import { FindingSummary } from './finding-summary.tsx';
import { type Finding, type FindingDetail, findingsApi } from './findings-api.ts';
import { frameworkVersion } from './framework-cache.ts';
import { LinkedAnnotations } from './linked-annotations.tsx';
import { LinkedInterviews } from './linked-interviews.tsx';
import { MergeSplit } from './merge-split.tsx';
import { ImmediateMark, StateBadge } from './state-badge.tsx';

/**
 * One finding, beside the list: its lifecycle, its fields (editable while
 * the user's role and its state allow), the annotations behind it, merge and
 * split, and its history. Esc closes it.
 */
export function FindingPanel(props: {
  id: string;
  framework: Framework;
  others: readonly Finding[];
  /** A change the list should show (edit, transition, merge). */
  onChanged: (f: FindingDetail) => void;
  /** A finding that went away (merged into this one). */
  onRemoved: (id: string) => void;
  onCreated: (f: FindingDetail) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [detail, { mutate, refetch }] = createResource(() => props.id, findingsApi.get);
  const f = () => settled(detail);
  // The finding's own framework version, once known; the round's current one until then.
  const [ownFramework] = createResource(
    () => {
      const x = f();
      return x ? ([x.roundId, x.frameworkVersion] as const) : undefined;
    },
    ([roundId, version]) => frameworkVersion(roundId, version),
  );
  const framework = () => settled(ownFramework) ?? props.framework;
  const role = () => {
    const x = f();
    return x ? roleOnFinding(session.user, session.memberships, x.roundId, x.group.id) : 'reader';
  };
  const editable = () => {
    const x = f();
    return !!x && canEdit(role(), x.state);
  };
  let description: FindingDescriptionHandle | undefined;
  const changed = (next: FindingDetail) => {
    mutate(next);
    props.onChanged(next);
  };

  // Land on the heading when a finding opens, so keyboard and screen-reader users follow.
  let shownId: string | undefined;
  const focusHeading = (el: HTMLElement) => {
    queueMicrotask(() => {
      if (shownId !== props.id) {
        shownId = props.id;
        el.focus({ preventScroll: false });
      }
    });
  };

  return (
    <aside
      class="fnd-panel"
      aria-label={t('findings.detail.label')}
      onKeyDown={(e) => {
        if (
          e.key === 'Escape' &&
          !e.defaultPrevented &&
          !(e.target as HTMLElement).closest('[role="dialog"]')
        ) {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <Switch>
        <Match when={detail.error}>
          <div class="fnd-panel__bar">
            <button
              type="button"
              class="fnd-icon-button"
              aria-label={t('findings.detail.close')}
              onClick={props.onClose}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <ErrorState
            title={t('findings.detail.loadError')}
            error={detail.error}
            onRetry={refetch}
          />
        </Match>
        <Match when={!f() || f()!.id !== props.id}>
          <LoadingState label={t('findings.detail.loading')} rows={2} />
        </Match>
        <Match when={f()}>
          {(x) => (
            <>
              <header class="fnd-panel__head">
                <div class="fnd-panel__badges">
                  <StateBadge state={x().state} />
                  <ImmediateMark when={x().immediate} />
                  <Show when={!editable()}>
                    <span class="fnd-readonly">{t('common.readOnly')}</span>
                  </Show>
                </div>
                <button
                  type="button"
                  class="fnd-icon-button fnd-panel__close"
                  aria-label={t('findings.detail.close')}
                  title={t('findings.detail.closeHint')}
                  onClick={props.onClose}
                >
                  <span aria-hidden="true">×</span>
                </button>
                <h2 class="fnd-panel__title" tabIndex={-1} ref={focusHeading}>
                  {x().title}
                </h2>
                <p class="fnd-panel__meta">
                  {t('findings.detail.meta', {
                    unit: x().unit.name,
                    group: x().group.name,
                    author: x().createdBy.displayName,
                    date: shortTime(x().createdAt, lang()),
                  })}
                </p>
              </header>

              <FindingLifecycle finding={x()} role={role()} onMoved={changed} />

              <Show when={isFrozen(x().state)}>
                <p class="fnd-note">{t('findings.detail.frozen')}</p>
              </Show>
              <Show when={x().state === 'approved' && role() === 'member'}>
                <p class="fnd-note">{t('findings.detail.approvedLocked')}</p>
              </Show>

              <section class="fnd-panel__section fnd-panel__description">
                <div class="fnd-panel__h-row">
                  <h3 class="fnd-panel__h">{t('findings.field.description')}</h3>
                  <Show when={editable()}>
                    <span class="fnd-muted">{t('findings.description.hint')}</span>
                  </Show>
                </div>
                {/* Its own live document: a new one for each finding shown. */}
                <Show when={x().id} keyed>
                  <FindingDescription
                    finding={x()}
                    editable={editable()}
                    ref={(h) => {
                      description = h;
                    }}
                  />
                </Show>
              </section>

              <section class="fnd-panel__section" aria-labelledby={`fnd-fields-${x().id}`}>
                <h3 class="fnd-panel__h" id={`fnd-fields-${x().id}`}>
                  {t('findings.detail.fields')}
                </h3>
                <Show
                  when={editable()}
                  fallback={<FindingSummary finding={x()} framework={framework()} />}
                >
                  <FindingForm finding={x()} framework={framework()} onSaved={changed} />
                </Show>
              </section>

              <section class="fnd-panel__section" aria-labelledby={`fnd-trail-${x().id}`}>
                <div class="fnd-panel__h-row">
                  <h3 class="fnd-panel__h" id={`fnd-trail-${x().id}`}>
                    {t('findings.annotations.title', { count: x().annotations.length })}
                  </h3>
                  <Show when={editable()}>
                    <MergeSplit
                      finding={x()}
                      others={props.others}
                      onMerged={(next, sourceId) => {
                        const source = props.others.find((o) => o.id === sourceId);
                        changed(next);
                        if (source) description?.merged(next, source.title);
                        props.onRemoved(sourceId);
                      }}
                      onSplit={(created) => {
                        void refetch();
                        props.onCreated(created);
                      }}
                    />
                  </Show>
                </div>
                <LinkedAnnotations annotations={x().annotations} framework={framework()} />
              </section>

              <Show when={x().interviews?.length ? x().interviews : undefined}>
                {(interviews) => (
                  <section class="fnd-panel__section" aria-labelledby={`fnd-interviews-${x().id}`}>
                    <h3 class="fnd-panel__h" id={`fnd-interviews-${x().id}`}>
                      {t('findings.interviews.title', { count: interviews().length })}
                    </h3>
                    <LinkedInterviews interviews={interviews()} />
                  </section>
                )}
              </Show>

              <section class="fnd-panel__section" aria-labelledby={`fnd-history-${x().id}`}>
                <h3 class="fnd-panel__h" id={`fnd-history-${x().id}`}>
                  {t('findings.history.title')}
                </h3>
                <FindingHistory transitions={x().transitions} />
              </section>
            </>
          )}
        </Match>
      </Switch>
    </aside>
  );
}
