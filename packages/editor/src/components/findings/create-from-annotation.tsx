import { createSignal, Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { isApiError } from '../../lib/api.ts';
import { Link } from '../../lib/router.tsx';
import { findingPath, findingsApi } from './findings-api.ts';
import '../../styles/findings.css';

/** A first title from the passage: its words, whitespace folded, cut short. */
export function titleFromQuote(quote: string, max = 60): string {
  const text = quote.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * 「生成发现问题」 on an annotation card: drafts a finding of the statement's
 * unit linked to this annotation, then offers a link to it. The finding is
 * created on the server from the annotation's projection, so an annotation
 * made a moment ago may not be there yet: that case gets its own sentence.
 */
export function CreateFindingFromAnnotation(props: {
  roundId: string;
  unitId: string;
  annotationId: string;
  quote: string;
}) {
  const { t } = useI18n();
  const [state, setState] = createSignal<
    | { kind: 'idle' }
    | { kind: 'busy' }
    | { kind: 'done'; id: string }
    | { kind: 'failed'; key: MessageKey }
  >({ kind: 'idle' });

  const create = async (event: MouseEvent) => {
    event.stopPropagation();
    setState({ kind: 'busy' });
    try {
      const created = await findingsApi.create(props.roundId, {
        unitId: props.unitId,
        title: titleFromQuote(props.quote) || t('findings.fromAnnotation.untitled'),
        annotationIds: [props.annotationId],
      });
      setState({ kind: 'done', id: created.id });
    } catch (e) {
      const key: MessageKey =
        isApiError(e) && e.code === 'bad_request'
          ? 'findings.fromAnnotation.notIndexed'
          : isApiError(e) && (e.code === 'forbidden' || e.code === 'not_found')
            ? 'findings.error.forbidden'
            : 'findings.fromAnnotation.failed';
      setState({ kind: 'failed', key });
    }
  };

  const done = () => {
    const s = state();
    return s.kind === 'done' ? s.id : undefined;
  };
  const failed = () => {
    const s = state();
    return s.kind === 'failed' ? s.key : undefined;
  };

  return (
    <span class="fnd-from-annotation" aria-live="polite">
      <Switch>
        <Match when={done()}>
          {(id) => (
            <span class="fnd-from-annotation__done">
              {t('findings.fromAnnotation.created')}
              <Link
                class="ws-text-button"
                href={findingPath(id())}
                onClick={(e) => e.stopPropagation()}
              >
                {t('findings.fromAnnotation.open')}
              </Link>
            </span>
          )}
        </Match>
        <Match when={true}>
          <button
            type="button"
            class="ws-text-button"
            disabled={state().kind === 'busy'}
            onClick={create}
          >
            {state().kind === 'busy'
              ? t('findings.fromAnnotation.creating')
              : t('findings.fromAnnotation.create')}
          </button>
          <Switch>
            <Match when={failed()}>
              {(key) => (
                <span class="fnd-from-annotation__error" role="alert">
                  {t(key())}
                </span>
              )}
            </Match>
          </Switch>
        </Match>
      </Switch>
    </span>
  );
}
