import { can, type PolicyActor } from '@rectify/domain';
import { createResource, Match, Show, Switch } from 'solid-js';
import { ErrorState } from '../../components/state-views.tsx';
import { ReviewWorkspace } from '../../components/workspace/review-workspace.tsx';
import { WorkspaceSkeleton } from '../../components/workspace/workspace-skeleton.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import { useSession } from '../../lib/session.tsx';
import { loadFrameworkView } from '../../lib/workspace/framework.ts';
import { reviewApi } from '../../lib/workspace/review-api.ts';
import { ForbiddenRoute, NotFoundRoute } from '../notice.tsx';

async function loadReview(id: string) {
  const version = await reviewApi.version(id);
  const framework = await loadFrameworkView(version.roundId);
  // The unit's group decides who may write; if it cannot be read, the policy answers read-only.
  const unit = await reviewApi.roundUnit(version.roundId, version.unit.id).catch(() => undefined);
  return { version, framework, groupId: unit?.groupId ?? null };
}

/**
 * Loads the statement version, decides with the one access policy whether
 * this user may write (leadership and closed rounds read only), and opens
 * the workspace. The server decides again on every request and socket.
 */
export function ReviewRoute(props: { id: string; home: string }) {
  const { t } = useI18n();
  const session = useSession();
  const round = useRound();
  const [data, { refetch }] = createResource(() => props.id, loadReview);
  usePageTitle(() => settled(data)?.version.task.title ?? t('ws.title'));

  const readOnly = () => {
    const d = settled(data);
    if (!d) return true;
    const roundState =
      (settled(round.rounds) ?? []).find((r) => r.id === d.version.roundId)?.state ?? 'active';
    const actor: PolicyActor = {
      userId: session.user.id,
      isAdmin: session.user.isAdmin,
      memberships: session.memberships,
      recusals: [],
    };
    return !can(actor, 'write', {
      kind: 'review_doc',
      round: { id: d.version.roundId, state: roundState },
      unitId: d.version.unit.id,
      groupId: d.groupId,
    });
  };

  const status = () => (isApiError(data.error) ? data.error.status : undefined);
  return (
    <Switch>
      <Match when={status() === 404}>
        <NotFoundRoute home={props.home} />
      </Match>
      <Match when={status() === 403}>
        <ForbiddenRoute home={props.home} />
      </Match>
      <Match when={data.error}>
        <div class="page">
          <ErrorState title={t('ws.loadError')} error={data.error} onRetry={() => refetch()} />
        </div>
      </Match>
      <Match when={settled(data)}>
        {(d) => (
          <Show when={d().version.id} keyed>
            <ReviewWorkspace
              version={d().version}
              framework={d().framework.framework}
              frameworkVersion={d().framework.version}
              readOnly={readOnly()}
            />
          </Show>
        )}
      </Match>
      <Match when={true}>
        <WorkspaceSkeleton label={t('common.loading')} />
      </Match>
    </Switch>
  );
}
