import { Match, Switch } from 'solid-js';
import { MeetingList } from '../../components/meetings/meeting-list.tsx';
import { MeetingView } from '../../components/meetings/meeting-view.tsx';
import { LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import { useRound } from '../../lib/round-context.tsx';
import { useRouter } from '../../lib/router.tsx';
import '../../styles/meetings.css';

/**
 * /meetings: the leaders' weekly meetings of the chosen round; `?id=` opens
 * one (agenda, live minutes, decisions, action items). The rail's paths are
 * exact, so the meeting rides in the query rather than the path.
 */
export function MeetingsRoute(props: { openLive?: (name: string) => LiveDoc }) {
  const { t } = useI18n();
  const router = useRouter();
  const round = useRound();
  const meetingId = () => router.query().get('id') ?? undefined;
  // Leaders (and administrators) schedule; the leadership group reads.
  const mayCreate = () => round.roles().has('leader') || round.roles().has('admin');

  return (
    <div class="page mt-page">
      <Switch>
        <Match when={meetingId()} keyed>
          {(id) => <MeetingView id={id} openLive={props.openLive} />}
        </Match>
        <Match when={round.current()} keyed>
          {(current) => <MeetingList round={current} mayCreate={mayCreate()} />}
        </Match>
        <Match when={round.rounds.loading}>
          <LoadingState label={t('meetings.loading')} rows={3} />
        </Match>
      </Switch>
    </div>
  );
}
