import { For } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { Interview } from './interviews-api.ts';

export const interviewPath = (id: string) => `/interviews?interview=${encodeURIComponent(id)}`;

/**
 * The records the user may read: date, unit and interviewers. Who was
 * interviewed stays out of the list (it is shown in the record itself), so
 * a glance over someone's shoulder gives nothing away.
 */
export function InterviewList(props: { interviews: readonly Interview[]; selected?: string }) {
  const { t, formatDate } = useI18n();
  return (
    <ul class="iv-list">
      <For each={props.interviews}>
        {(iv) => (
          <li>
            <Link
              href={interviewPath(iv.id)}
              class="iv-row"
              aria-current={props.selected === iv.id ? 'true' : undefined}
            >
              <span class="iv-row__date">{formatDate(iv.heldOn)}</span>
              <span class="iv-row__unit">{iv.unit.name}</span>
              <span class="iv-row__by">
                {t('interviews.by', {
                  names: iv.interviewers.map((p) => p.displayName).join('、'),
                })}
              </span>
            </Link>
          </li>
        )}
      </For>
    </ul>
  );
}
