import { type Framework, focusOf } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import { reviewPath } from '../../lib/workspace/evidence-link.ts';
import { focusTone } from '../../lib/workspace/focus-tones.ts';
import { shortLabel } from '../../lib/workspace/framework.ts';
import { Icon } from '../icon.tsx';
import type { LinkedAnnotation } from './findings-api.ts';

/**
 * The evidence trail of a finding: each annotation with its quote, tags,
 * method step and body, and links back into the review workspace — to the
 * passage, and to the evidence page it points at.
 */
export function LinkedAnnotations(props: {
  annotations: readonly LinkedAnnotation[];
  framework: Framework;
}) {
  const { t, lang } = useI18n();
  const question = (code: string) => props.framework.questions.find((q) => q.code === code);
  const stepName = (code: string) => {
    const s = props.framework.methodSteps.find((x) => x.code === code);
    return s ? (lang() === 'en' ? s.en : s.zh) : code;
  };
  return (
    <Show
      when={props.annotations.length > 0}
      fallback={<p class="fnd-muted">{t('findings.annotations.empty')}</p>}
    >
      <ol class="fnd-trail">
        <For each={props.annotations}>
          {(a) => (
            <li
              class="fnd-trail__item"
              classList={{ 'fnd-trail__item--resolved': a.status === 'resolved' }}
            >
              <blockquote class="fnd-trail__quote">
                {a.quote || t('findings.annotations.noQuote')}
              </blockquote>
              <div class="fnd-trail__tags">
                <For each={a.questions}>
                  {(code) => {
                    const q = question(code);
                    return (
                      <span
                        class={`fnd-chip fnd-tone-${focusTone(props.framework, focusOf(props.framework, code))}`}
                        title={q ? (lang() === 'en' ? q.en : q.zh) : code}
                      >
                        <span class="fnd-chip__code">{code}</span>
                        <Show when={q}>{(qq) => <span>{shortLabel(qq(), lang())}</span>}</Show>
                      </span>
                    );
                  }}
                </For>
                <Show when={a.step}>
                  {(step) => (
                    <span class="fnd-step" title={stepName(step())}>
                      {step()} · {stepName(step())}
                    </span>
                  )}
                </Show>
                <Show when={a.orphaned}>
                  <span class="fnd-flag">{t('findings.annotations.orphaned')}</span>
                </Show>
                <Show when={a.status === 'resolved'}>
                  <span class="fnd-flag fnd-flag--quiet">{t('findings.annotations.resolved')}</span>
                </Show>
              </div>
              <Show when={a.body.trim()}>
                <p class="fnd-trail__body">{a.body}</p>
              </Show>
              <div class="fnd-trail__foot">
                <Show when={a.author}>
                  <span class="fnd-trail__author">{a.author}</span>
                </Show>
                <Show when={a.evidence}>
                  {(ev) => (
                    <Link
                      class="fnd-trail__evidence"
                      href={reviewPath(a.statementVersionId, {
                        evidenceId: ev().id,
                        page: ev().page,
                      })}
                    >
                      <Icon name="file" size={13} />
                      {ev().page === null
                        ? ev().name
                        : t('findings.annotations.evidencePage', {
                            name: ev().name,
                            page: ev().page!,
                          })}
                    </Link>
                  )}
                </Show>
                <Link class="fnd-trail__open" href={reviewPath(a.statementVersionId)}>
                  {t('findings.annotations.open')}
                </Link>
              </div>
            </li>
          )}
        </For>
      </ol>
    </Show>
  );
}
