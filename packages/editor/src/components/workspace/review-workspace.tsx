// Layout and tones first: the column styles below build on them.
import './workspace.css';
import { docName, type Framework } from '@rectify/domain';
import { createEffect, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { type LiveDoc, openLiveDoc } from '../../lib/collab/live-doc.ts';
import { colorFor } from '../../lib/collab/presence.ts';
import { entryFor } from '../../lib/nav.ts';
import { useRound } from '../../lib/round-context.tsx';
import { Link, useRouter } from '../../lib/router.tsx';
import { useSaveState } from '../../lib/save-state.tsx';
import { useSession } from '../../lib/session.tsx';
import {
  type EvidenceTarget,
  readEvidenceTarget,
  withEvidenceTarget,
} from '../../lib/workspace/evidence-link.ts';
import { isTextEntry, workspaceKeyAction } from '../../lib/workspace/keymap.ts';
import type { StatementVersion } from '../../lib/workspace/review-api.ts';
import {
  createWorkspaceModel,
  useWorkspace,
  WorkspaceProvider,
} from '../../lib/workspace/workspace-model.ts';
import { Icon } from '../icon.tsx';
import { EmptyState } from '../state-views.tsx';
import { AnnotationColumn } from './annotation-column.tsx';
import { EvidenceViewer, fileKind } from './evidence-viewer.tsx';
import { KeyboardHelp } from './keyboard-help.tsx';
import { NotesPane } from './notes-pane.tsx';
import { PresenceAvatars } from './presence-avatars.tsx';
import { StatementPane } from './statement-pane.tsx';
// Last: the narrow-window rules override the column styles above.
import './workspace-narrow.css';

export interface ReviewWorkspaceProps {
  version: StatementVersion;
  framework: Framework;
  /** The version number of `framework`, recorded on new annotations (default 1). */
  frameworkVersion?: number;
  /** Leadership and closed rounds: everything shows, nothing edits. */
  readOnly: boolean;
  /** For tests: a live doc already open (the component then does not close it). */
  live?: LiveDoc;
}

/**
 * The review workspace: statement, annotations and evidence side by side on
 * one live document, with who is here and the group's notes below.
 */
export function ReviewWorkspace(props: ReviewWorkspaceProps) {
  const { t } = useI18n();
  const session = useSession();
  const router = useRouter();
  const save = useSaveState();
  const me = { id: session.user.id, name: session.user.displayName };
  const live =
    props.live ??
    openLiveDoc({
      name: docName('review', props.version.id),
      user: { ...me, color: colorFor(me.id) },
    });
  if (!props.live) onCleanup(() => live.destroy());

  // The top bar's 已保存 / 保存中… / 离线 follows the server's acks for this doc;
  // while the first connection is still being made it says nothing.
  createEffect(() => {
    const state = live.save();
    save.report(live.ended() || (state === 'offline' && !live.tried()) ? 'idle' : state);
  });
  onCleanup(() => save.report('idle'));

  createEffect(() => {
    if (live.ended() !== 'unauthenticated') return;
    const here = `${window.location.pathname}${window.location.search}`;
    router.navigate(`/login?next=${encodeURIComponent(here)}`, { replace: true });
  });

  const viewer = (): EvidenceTarget | undefined => {
    const target = readEvidenceTarget(router.query());
    const file = target && props.version.evidence.find((e) => e.id === target.evidenceId);
    if (!target || !file) return undefined;
    // PDFs always show a page; other files are one piece.
    return fileKind(file.mime) === 'pdf'
      ? { ...target, page: target.page ?? 1 }
      : { ...target, page: null };
  };
  const openEvidence = (target: EvidenceTarget | undefined) =>
    router.navigate(withEvidenceTarget(router.path(), router.query(), target), { replace: true });

  const model = createWorkspaceModel({
    live,
    version: props.version,
    framework: props.framework,
    frameworkVersion: props.frameworkVersion,
    readOnly: () => props.readOnly || live.serverReadOnly(),
    me,
    viewer,
    openEvidence,
  });

  return (
    <Switch>
      <Match when={live.ended() === 'forbidden' || live.ended() === 'refused'}>
        <div class="page">
          <EmptyState
            icon="lock"
            title={t('ws.ended.forbidden')}
            hint={t('ws.ended.forbiddenHint')}
          />
        </div>
      </Match>
      <Match when={live.ended() === 'notFound'}>
        <div class="page">
          <EmptyState title={t('ws.ended.notFound')} hint={t('ws.ended.notFoundHint')} />
        </div>
      </Match>
      <Match when={true}>
        <WorkspaceProvider value={model}>
          <WorkspaceLayout />
        </WorkspaceProvider>
      </Match>
    </Switch>
  );
}

function WorkspaceLayout() {
  const { t, formatDate } = useI18n();
  const ws = useWorkspace();
  const round = useRound();
  const v = ws.version;

  // On the document: after selecting statement text with the mouse, focus is on <body>.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    // Menus and popovers have keys of their own.
    if ((event.target as Element | null)?.closest?.('[role="menu"], [role="dialog"]')) return;
    const action = workspaceKeyAction(event);
    if (!action) return;
    if (action === 'newAnnotation') {
      // Ctrl/⌘+M works from the statement and the cards; not while typing elsewhere.
      if (isTextEntry(event.target)) return;
      event.preventDefault();
      if (ws.readOnly()) return;
      if (!ws.createFromSelection()) ws.showHint(t('ws.new.selectFirst'));
      return;
    }
    if (isTextEntry(event.target) || event.repeat) return;
    event.preventDefault();
    ws.step(action === 'next' ? 1 : -1);
  };

  onMount(() => document.addEventListener('keydown', onKeyDown));
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));

  return (
    <div class="ws">
      <header class="ws-head">
        <div class="ws-head__main">
          <p class="ws-head__crumbs">
            <Show when={entryFor('/work', round.nav())}>
              <Link href="/work">{t('nav.workbench')}</Link>
              <span aria-hidden="true"> / </span>
            </Show>
            {v.unit.name}
            <span aria-hidden="true"> / </span>
            {v.task.problem.title}
          </p>
          <h1 class="ws-head__title">
            <span class="ws-head__ordinal">{t('ws.task', { n: v.task.ordinal })}</span>
            {v.task.title}
          </h1>
          <p class="ws-head__meta">
            {t('ws.leadUnit', { unit: v.unit.name })}
            <span class="ws-dot" aria-hidden="true" />
            {t('ws.version', { n: v.version })}
            <span class="ws-dot" aria-hidden="true" />
            {t('ws.submitted', { date: formatDate(v.submittedAt), name: v.submittedBy.name })}
            <Show when={v.previousVersionId}>
              {(id) => (
                <>
                  <span class="ws-dot" aria-hidden="true" />
                  <Link href={`/review/${id()}`}>
                    {t('ws.version.previous', { n: v.version - 1 })}
                  </Link>
                </>
              )}
            </Show>
            <Show when={v.nextVersionId}>
              {(id) => (
                <>
                  <span class="ws-dot" aria-hidden="true" />
                  <Link href={`/review/${id()}`} class="ws-head__newer">
                    {t('ws.version.next', { n: v.version + 1 })}
                  </Link>
                </>
              )}
            </Show>
          </p>
        </div>
        <div class="ws-head__side">
          <Show when={ws.readOnly()}>
            <span class="badge ws-readonly">
              <Icon name="lock" size={13} /> {t('common.readOnly')}
            </span>
          </Show>
          <Show when={ws.live.tried() && ws.live.connection() !== 'connected' && !ws.live.ended()}>
            <span class="ws-conn" role="status">
              {ws.live.connection() === 'connecting'
                ? t('ws.conn.connecting')
                : t('ws.conn.offline')}
            </span>
          </Show>
          <PresenceAvatars users={ws.live.users()} meId={ws.me.id} />
          <KeyboardHelp />
        </div>
      </header>
      <div class="ws-grid">
        <StatementPane />
        <AnnotationColumn />
        <EvidenceViewer />
      </div>
      <NotesPane />
    </div>
  );
}
