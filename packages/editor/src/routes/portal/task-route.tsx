import type { RichTextJson } from '@rectify/domain';
import { createResource, createSignal, Match, onCleanup, Switch } from 'solid-js';
import { actionErrorText } from '../../components/portal/error-text.ts';
import { EvidencePanel } from '../../components/portal/evidence-panel.tsx';
import { StatementCard } from '../../components/portal/statement-card.tsx';
import { TaskHeader } from '../../components/portal/task-header.tsx';
import { VersionsPanel } from '../../components/portal/versions-panel.tsx';
import { ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import type { EvidenceItem, SubmittedVersion, TaskDetail } from '../../lib/portal/contracts.ts';
import { portalApi } from '../../lib/portal/portal-api.ts';
import { createUploads } from '../../lib/portal/uploads.ts';
import { settled } from '../../lib/resource.ts';
import { useSession } from '../../lib/session.tsx';

interface TaskPage {
  detail: TaskDetail;
  /** The draft, else the latest version to go on from, else nothing. */
  initial: RichTextJson | null;
}

async function loadTaskPage(key: { taskId: string; unitId: string }): Promise<TaskPage> {
  const detail = await portalApi.task(key.taskId, key.unitId);
  let initial = detail.statement.draft;
  const latest = detail.versions[0];
  if (!initial && latest) initial = (await portalApi.version(latest.id)).body;
  return { detail, initial };
}

/** The page once loaded: its parts share the statement state, the evidence and the versions. */
function TaskWorkspace(props: { page: TaskPage }) {
  const i18n = useI18n();
  const session = useSession();
  const detail = props.page.detail;
  const taskId = detail.task.id;
  const unitId = detail.unit.id;
  const [status, setStatus] = createSignal(detail.statement);
  const [versions, setVersions] = createSignal(detail.versions);
  const [evidence, setEvidence] = createSignal(detail.evidence);
  const [filesChanged, setFilesChanged] = createSignal(false);
  const [removing, setRemoving] = createSignal<ReadonlySet<string>>(new Set());
  const [removeErrors, setRemoveErrors] = createSignal<ReadonlyMap<string, string>>(new Map());

  const uploads = createUploads({
    taskId: () => taskId,
    unitId: () => unitId,
    onUploaded: (item) => {
      setEvidence((list) => [...list.filter((e) => e.id !== item.id), item]);
      setFilesChanged(true);
    },
  });
  onCleanup(uploads.abortAll);
  const uploading = () => uploads.items.filter((i) => i.phase !== 'failed').length;

  /** Statement state, versions and files as the server now sees them; the editor is left alone. */
  const refresh = async () => {
    try {
      const fresh = await portalApi.task(taskId, unitId);
      setStatus(fresh.statement);
      setVersions(fresh.versions);
      setEvidence(fresh.evidence);
    } catch {
      // What was shown stays; the next visit reloads it.
    }
  };

  const onSubmitted = (v: SubmittedVersion) => {
    setStatus((s) => ({
      ...s,
      status: 'submitted',
      version: v.version,
      submittedAt: v.submittedAt,
    }));
    setVersions((list) => [
      {
        id: v.id,
        version: v.version,
        submittedAt: v.submittedAt,
        submittedBy: session.user.displayName,
      },
      ...list,
    ]);
    setEvidence((list) =>
      list.map((e) => (e.inDraft ? { ...e, versions: [...e.versions, v.version] } : e)),
    );
    setFilesChanged(false);
    void refresh();
  };

  const remove = async (item: EvidenceItem) => {
    setRemoving((s) => new Set(s).add(item.id));
    setRemoveErrors((m) => {
      const next = new Map(m);
      next.delete(item.id);
      return next;
    });
    try {
      const outcome = await portalApi.deleteEvidence(item.id);
      setEvidence((list) =>
        outcome.deleted
          ? list.filter((e) => e.id !== item.id)
          : list.map((e) => (e.id === item.id ? { ...e, inDraft: false } : e)),
      );
      setFilesChanged(true);
    } catch (e) {
      setRemoveErrors((m) => new Map(m).set(item.id, actionErrorText(i18n, e)));
    } finally {
      setRemoving((s) => {
        const next = new Set(s);
        next.delete(item.id);
        return next;
      });
    }
  };

  return (
    <>
      <TaskHeader detail={detail} status={status()} />
      <div class="task-layout">
        <div class="task-layout__main">
          <StatementCard
            taskId={taskId}
            unitId={unitId}
            initial={props.page.initial}
            status={status()}
            draftFiles={evidence().filter((e) => e.inDraft).length}
            uploading={uploading()}
            filesChanged={filesChanged()}
            onSubmitted={onSubmitted}
          />
          <VersionsPanel versions={versions()} />
        </div>
        <aside class="task-layout__side">
          <EvidencePanel
            evidence={evidence()}
            uploads={uploads}
            removing={removing()}
            removeErrors={removeErrors()}
            onRemove={(item) => void remove(item)}
          />
        </aside>
      </div>
    </>
  );
}

/**
 * A task page of the unit portal: what the task asks, the statement with its
 * autosaved draft, the evidence, and the versions submitted so far.
 */
export function TaskRoute(props: { taskId: string; unitId: string | undefined }) {
  const { t } = useI18n();
  const key = () => (props.unitId ? { taskId: props.taskId, unitId: props.unitId } : undefined);
  const [page, { refetch }] = createResource(key, loadTaskPage);
  usePageTitle(() => settled(page)?.detail.task.title ?? t('portal.tasks.title'));

  return (
    <div class="page portal portal--task">
      <Switch>
        <Match when={!props.unitId}>
          <ErrorState title={t('portal.task.noUnit')} error={undefined} />
        </Match>
        <Match when={page.error}>
          <ErrorState title={t('portal.task.loadError')} error={page.error} onRetry={refetch} />
        </Match>
        <Match when={settled(page)} keyed>
          {(loaded) => <TaskWorkspace page={loaded} />}
        </Match>
        <Match when={true}>
          <LoadingState label={t('portal.task.loading')} rows={2} />
        </Match>
      </Switch>
    </div>
  );
}
