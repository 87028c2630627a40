import type { Framework } from '@rectify/domain';
import type { SetStoreFunction } from 'solid-js/store';
import { useI18n } from '../../i18n/i18n.tsx';
import { Field } from '../admin/field.tsx';

/** The framework's name and its one theme, in Chinese and English. */
export function ThemeFields(props: {
  draft: Framework;
  setDraft: SetStoreFunction<Framework>;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  return (
    <div class="fw-theme">
      <Field label={t('framework.name')} hint={t('framework.nameHint')}>
        {(attrs) => (
          <input
            {...attrs}
            class="input"
            value={props.draft.name}
            readOnly={props.readOnly}
            onInput={(e) => props.setDraft('name', e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="adm-form-row">
        <Field label={t('framework.theme.zh')}>
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              value={props.draft.theme.zh}
              readOnly={props.readOnly}
              onInput={(e) => props.setDraft('theme', 'zh', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('framework.theme.en')}>
          {(attrs) => (
            <input
              {...attrs}
              class="input"
              value={props.draft.theme.en}
              readOnly={props.readOnly}
              onInput={(e) => props.setDraft('theme', 'en', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
