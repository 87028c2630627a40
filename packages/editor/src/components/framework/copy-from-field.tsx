import { For } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import { Field } from '../admin/field.tsx';

/**
 * Where a new round's framework comes from: the default that ships, or a
 * copy of an earlier round's framework in force (its wording, order and
 * retired questions), which becomes the new round's version 1.
 */
export function CopyFromField(props: { value: string; onChange: (roundId: string) => void }) {
  const { t } = useI18n();
  const round = useRound();
  const rounds = () => settled(round.rounds) ?? [];
  return (
    <Field label={t('framework.roundNew.source')} hint={t('framework.roundNew.sourceHint')}>
      {(attrs) => (
        <select
          {...attrs}
          class="input adm-select"
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          <option value="">{t('framework.roundNew.default')}</option>
          <For each={rounds()}>
            {(r) => (
              <option value={r.id}>{t('framework.roundNew.copyOf', { name: r.name })}</option>
            )}
          </For>
        </select>
      )}
    </Field>
  );
}
