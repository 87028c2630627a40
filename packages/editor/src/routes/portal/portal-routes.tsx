import type { Membership } from '@rectify/domain';
import { createSignal, Show } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRound } from '../../lib/round-context.tsx';
import { useRouter } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import type { TaskRoute as TaskRouteComponent } from './task-route.tsx';
import { TasksRoute } from './tasks-route.tsx';

const TASK_PATH = /^\/tasks\/([^/]+)\/?$/;

/** Whether a path is the portal's: the task list or one task's page. */
export function isPortalPath(path: string): boolean {
  return path === '/tasks' || TASK_PATH.test(path);
}

/** The unit a contact answers for in a round (the first, when several). */
export function contactUnit(
  memberships: readonly Membership[],
  roundId: string | undefined,
): string | undefined {
  return (
    memberships.find((m) => m.role === 'unit_contact' && m.roundId === roundId && m.unitId)
      ?.unitId ?? undefined
  );
}

// The task page carries the rich-text editor (Tiptap, ProseMirror, the shared
// schema): fetched when a task is first opened, so the task list stays light.
// A signal rather than `lazy()`: a Suspense boundary around the page would
// blank it whenever something inside (a version diff) loads.
const [taskRoute, setTaskRoute] = createSignal<typeof TaskRouteComponent>();
const [loadError, setLoadError] = createSignal<unknown>();
let requested = false;
function loadTaskRoute(): void {
  if (requested) return;
  requested = true;
  setLoadError(undefined);
  import('./task-route.tsx').then(
    (m) => setTaskRoute(() => m.TaskRoute),
    (e: unknown) => {
      // Offline, or a new release replaced the chunk: let the user try again.
      requested = false;
      setLoadError(e ?? new Error('chunk'));
    },
  );
}

/** /tasks and /tasks/{taskId}?unit={unitId}: the unit portal. */
export function PortalRoute() {
  const { t } = useI18n();
  const router = useRouter();
  const session = useSession();
  const round = useRound();
  const taskId = () => {
    const match = TASK_PATH.exec(router.path());
    return match?.[1] ? decodeURIComponent(match[1]) : undefined;
  };
  const unitId = () =>
    router.query().get('unit') ?? contactUnit(session.memberships, round.current()?.id);
  return (
    <Show when={taskId()} fallback={<TasksRoute />} keyed>
      {(id) => {
        loadTaskRoute();
        return (
          <Show
            when={taskRoute()}
            fallback={
              <div class="page">
                <Show
                  when={loadError()}
                  fallback={<LoadingState label={t('portal.task.loading')} rows={2} />}
                >
                  {(error) => (
                    <ErrorState
                      title={t('portal.task.loadError')}
                      error={error()}
                      onRetry={loadTaskRoute}
                    />
                  )}
                </Show>
              </div>
            }
          >
            {(page) => <Dynamic component={page()} taskId={id} unitId={unitId()} />}
          </Show>
        );
      }}
    </Show>
  );
}
