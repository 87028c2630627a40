import { For } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../lib/router.tsx';
import type { LinkedInterview } from './findings-api.ts';

export const interviewPath = (id: string) => `/interviews?interview=${encodeURIComponent(id)}`;

/** The interview records behind a finding's annotations (only those the user may read). */
export function LinkedInterviews(props: { interviews: readonly LinkedInterview[] }) {
  const { t, formatDate } = useI18n();
  return (
    <ul class="fnd-interviews">
      <For each={props.interviews}>
        {(iv) => (
          <li class="fnd-interviews__item">
            <Link href={interviewPath(iv.id)} class="fnd-interviews__link">
              <span class="fnd-interviews__date">{formatDate(iv.heldOn)}</span>
              <span class="fnd-interviews__who">
                {iv.interviewers.length > 0
                  ? iv.interviewers.join(t('findings.interviews.separator'))
                  : t('findings.interviews.noInterviewers')}
              </span>
            </Link>
          </li>
        )}
      </For>
    </ul>
  );
}
