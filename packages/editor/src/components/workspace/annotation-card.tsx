import {
  ANNOTATION,
  type AnnotationData,
  annotationsOf,
  deleteAnnotation,
  type Question,
  setStatus,
  setStep,
  toggleQuestion,
} from '@rectify/domain';
import type { Editor } from '@tiptap/core';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type * as Y from 'yjs';
import { useI18n } from '../../i18n/i18n.tsx';
import { annotationTone, focusTone } from '../../lib/workspace/focus-tones.ts';
import { shortTime } from '../../lib/workspace/format-time.ts';
import { shortLabel } from '../../lib/workspace/framework.ts';
import { cardKeyAction, isTextEntry } from '../../lib/workspace/keymap.ts';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { CreateFindingFromAnnotation } from '../findings/create-from-annotation.tsx';
import { createTaggedFramework, taggedQuestion } from '../framework/tagged-framework.ts';
import { EvidenceLink } from './evidence-link.tsx';
import { InterviewLink } from './interview-link.tsx';
import { Replies } from './replies.tsx';
import { RichField } from './rich-field.tsx';
import { StepPicker, TagPicker } from './tag-picker.tsx';

/**
 * One annotation: the passage it is on, its question tags and method step,
 * the co-edited body, linked evidence, replies and status. Focus the card
 * (Tab, J / K, or a click) and digits tag, Alt+1/2/3 set the step, Enter
 * goes into the body and Esc comes back out.
 */
export function AnnotationCard(props: { annotation: AnnotationData }) {
  const { t, lang } = useI18n();
  const ws = useWorkspace();
  const a = () => props.annotation;
  const doc = ws.live.doc;
  const [pickerOpen, setPickerOpen] = createSignal(false);
  let card!: HTMLElement;
  let body: Editor | undefined;

  const fragment = () =>
    annotationsOf(doc).get(a().id)?.get(ANNOTATION.body) as Y.XmlFragment | undefined;
  const tone = () => annotationTone(ws.framework, a().questions);
  const active = () => ws.activeId() === a().id;
  const resolved = () => a().status === 'resolved';
  const editable = () => !ws.readOnly();
  // Chips word each tag as the framework version the annotation was made under did.
  const tagged = createTaggedFramework(ws.version.roundId, () => a().frameworkVersion, {
    version: ws.frameworkVersion,
    framework: ws.framework,
  });
  const question = (code: string) => taggedQuestion(code, tagged(), ws.framework);
  const chipTitle = (code: string, q: Question | undefined) => {
    const wording = q ? (lang() === 'en' ? q.en : q.zh) : code;
    const n = a().frameworkVersion;
    return q && n !== ws.frameworkVersion ? t('framework.taggedAs', { wording, n }) : wording;
  };

  const toggle = (code: string) => editable() && toggleQuestion(doc, a().id, code);
  const changeStep = (code: string | null) => editable() && setStep(doc, a().id, code);

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEntry(event.target)) return;
    if (event.key === 'Enter' && event.target === card && body && editable()) {
      event.preventDefault();
      // Focus now, not on the next frame (Tiptap's focus command waits one): the
      // first character typed right after Enter must land in the body.
      body.view.focus();
      body.commands.focus('end');
      return;
    }
    if (!editable()) return;
    const action = cardKeyAction(event, ws.questionCodes, ws.stepCodes);
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'toggleQuestion') toggle(action.code);
    else changeStep(a().step === action.code ? null : action.code);
  };

  const onFocusIn = () => {
    if (!active()) ws.activate(a().id, { scroll: !a().orphaned });
  };

  const remove = () => {
    if (window.confirm(t('ws.card.deleteConfirm'))) deleteAnnotation(doc, a().id);
  };

  // One class string: Solid's `classList` next to a reactive `class` would be wiped when the tone changes.
  const cardClass = () => {
    let cls = `ws-card ws-tone-${tone()}`;
    if (active()) cls += ' ws-card--active';
    if (resolved()) cls += ' ws-card--resolved';
    if (a().orphaned) cls += ' ws-card--orphan';
    return cls;
  };
  const pickerId = `ws-picker-${a().id}`;
  const mounted = (el: HTMLElement) => {
    card = el;
    onCleanup(ws.registerCard(a().id, el));
  };

  return (
    <article
      ref={mounted}
      class={cardClass()}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a card takes focus so its keys (digits, Alt+1/2/3, Enter) apply to it
      tabIndex={0}
      aria-label={t('ws.card.label', { quote: a().quote.text.slice(0, 40) })}
      aria-current={active() ? 'true' : undefined}
      onKeyDown={onKeyDown}
      onFocusIn={onFocusIn}
      onClick={() => !active() && ws.activate(a().id, { scroll: !a().orphaned })}
    >
      <Show
        when={!a().orphaned}
        fallback={
          <div class="ws-card__orphan">
            <p class="ws-card__orphan-note">{t('ws.orphan.note')}</p>
            <blockquote class="ws-card__quote ws-card__quote--old">{a().quote.text}</blockquote>
            <Show when={editable()}>
              <button
                type="button"
                class="button button--secondary button--small"
                disabled={!ws.selection()}
                title={ws.selection() ? undefined : t('ws.orphan.selectFirst')}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => ws.reattachToSelection(a().id)}
              >
                {t('ws.orphan.reattach')}
              </button>
            </Show>
          </div>
        }
      >
        <button
          type="button"
          class="ws-card__quote"
          title={t('ws.card.showPassage')}
          onClick={(e) => {
            e.stopPropagation();
            ws.activate(a().id, { scroll: true });
          }}
        >
          {a().quote.text}
        </button>
      </Show>

      <div class="ws-card__tags">
        <For each={a().questions}>
          {(code) => {
            const q = () => question(code);
            return (
              <span
                class={`ws-chip ws-tone-${focusTone(ws.framework, q()?.focus)}`}
                title={chipTitle(code, q())}
              >
                <span class="ws-chip__code">{code}</span>
                <Show when={q()}>
                  {(qq) => <span class="ws-chip__label">{shortLabel(qq(), lang())}</span>}
                </Show>
              </span>
            );
          }}
        </For>
        <Show when={a().questions.length === 0}>
          <span class="ws-card__untagged">{t('ws.tags.none')}</span>
        </Show>
        <span class="ws-card__controls">
          <Show
            when={editable()}
            fallback={
              <Show when={a().step}>{(step) => <span class="ws-step-badge">{step()}</span>}</Show>
            }
          >
            <button
              type="button"
              class="ws-tag-toggle"
              aria-expanded={pickerOpen()}
              aria-controls={pickerId}
              title={t('ws.tags.edit')}
              onClick={() => setPickerOpen(!pickerOpen())}
            >
              {t('ws.tags.button')}
              <span class="ws-tag-toggle__chevron" aria-hidden="true">
                {pickerOpen() ? '▴' : '▾'}
              </span>
            </button>
            <StepPicker framework={ws.framework} value={a().step} onChange={changeStep} />
          </Show>
        </span>
      </div>
      <Show when={pickerOpen() && editable()}>
        <TagPicker
          id={pickerId}
          framework={ws.framework}
          selected={a().questions}
          onToggle={toggle}
        />
      </Show>

      <Show when={fragment() && (editable() || a().bodyText.trim() !== '')}>
        <RichField
          live={ws.live}
          fragment={fragment()!}
          editable={editable()}
          class="ws-card__body"
          label={t('ws.card.body')}
          placeholder={editable() ? t('ws.card.bodyPlaceholder') : ''}
          onEscape={() => card.focus()}
          ref={(editor) => {
            body = editor;
          }}
        />
      </Show>

      <EvidenceLink annotation={a()} />
      <InterviewLink annotation={a()} />
      <Replies annotationId={a().id} replies={a().replies} />

      <footer class="ws-card__footer">
        <span class="ws-card__meta">
          {a().authorName} ·{' '}
          <time datetime={a().createdAt}>{shortTime(a().createdAt, lang())}</time>
        </span>
        <Show when={resolved()}>
          <span class="ws-status ws-status--resolved">{t('ws.status.resolved')}</span>
        </Show>
        <Show when={a().statusHistory.length > 1}>
          <details class="ws-history">
            <summary>{t('ws.status.history', { count: a().statusHistory.length })}</summary>
            <ol>
              <For each={a().statusHistory}>
                {(h) => (
                  <li>
                    {h.status === 'resolved' ? t('ws.status.resolved') : t('ws.status.open')} ·{' '}
                    <time datetime={h.at}>{shortTime(h.at, lang())}</time>
                  </li>
                )}
              </For>
            </ol>
          </details>
        </Show>
        <span class="ws-card__actions">
          <Show when={editable()}>
            <CreateFindingFromAnnotation
              roundId={ws.version.roundId}
              unitId={ws.version.unit.id}
              annotationId={a().id}
              quote={a().quote.text}
            />
            <Show when={a().authorId === ws.me.id}>
              <button type="button" class="ws-text-button ws-text-button--quiet" onClick={remove}>
                {t('ws.card.delete')}
              </button>
            </Show>
            <button
              type="button"
              class="ws-text-button"
              onClick={() => setStatus(doc, a().id, resolved() ? 'open' : 'resolved', ws.me.id)}
            >
              {resolved() ? t('ws.status.reopen') : t('ws.status.resolve')}
            </button>
          </Show>
        </span>
      </footer>
    </article>
  );
}
