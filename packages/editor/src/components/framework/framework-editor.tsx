import { Tabs } from '@kobalte/core/tabs';
import type { Framework } from '@rectify/domain';
import { createSignal } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { questionsIn } from './framework-draft.ts';
import { ItemList } from './item-list.tsx';
import { QuestionList } from './question-list.tsx';
import { ThemeFields } from './theme-fields.tsx';

type Tab = 'theme' | 'questions' | 'methodSteps' | 'aspects' | 'severities' | 'taskKinds';
const TABS: Array<{ id: Tab; label: MessageKey }> = [
  { id: 'theme', label: 'framework.tab.theme' },
  { id: 'questions', label: 'framework.tab.questions' },
  { id: 'methodSteps', label: 'framework.tab.methodSteps' },
  { id: 'aspects', label: 'framework.tab.aspects' },
  { id: 'severities', label: 'framework.tab.severities' },
  { id: 'taskKinds', label: 'framework.tab.taskKinds' },
];

/**
 * The whole framework in tabs: theme and focuses, the questions, method
 * steps, aspects, severities and task kinds. Read-only for an earlier version
 * or a closed round; otherwise every edit goes into the draft store, which
 * the page saves as a new version.
 */
export function FrameworkEditor(props: {
  draft: Framework;
  setDraft: SetStoreFunction<Framework>;
  readOnly: boolean;
  storedCodes: ReadonlySet<string>;
  onDeleteQuestion: (code: string) => void;
  checking?: string | undefined;
}) {
  const { t } = useI18n();
  const [tab, setTab] = createSignal<Tab>('questions');
  const count = (id: Tab) => (id === 'theme' ? props.draft.focuses.length : props.draft[id].length);
  const common = () => ({
    draft: props.draft,
    setDraft: props.setDraft,
    readOnly: props.readOnly,
    storedCodes: props.storedCodes,
  });
  return (
    <Tabs value={tab()} onChange={(v) => setTab(v as Tab)} class="adm-tabs fw-tabs">
      <Tabs.List class="adm-tabs__list" aria-label={t('framework.title')}>
        {TABS.map((x) => (
          <Tabs.Trigger class="adm-tabs__trigger" value={x.id}>
            {t(x.label)}
            <span class="adm-tabs__count">{count(x.id)}</span>
          </Tabs.Trigger>
        ))}
        <Tabs.Indicator class="adm-tabs__indicator" />
      </Tabs.List>
      <Tabs.Content class="adm-tabs__panel" value="theme">
        <ThemeFields {...common()} />
        <h2 class="fw-subtitle">{t('framework.focuses.title')}</h2>
        <ItemList
          {...common()}
          list="focuses"
          intro="framework.focuses.intro"
          blocked={(code) => {
            const n = questionsIn(props.draft, code);
            return n > 0 ? t('framework.focuses.hasQuestions', { n }) : undefined;
          }}
        />
      </Tabs.Content>
      <Tabs.Content class="adm-tabs__panel" value="questions">
        <QuestionList {...common()} onDelete={props.onDeleteQuestion} checking={props.checking} />
      </Tabs.Content>
      <Tabs.Content class="adm-tabs__panel" value="methodSteps">
        <ItemList {...common()} list="methodSteps" intro="framework.methodSteps.intro" />
      </Tabs.Content>
      <Tabs.Content class="adm-tabs__panel" value="aspects">
        <ItemList
          {...common()}
          list="aspects"
          intro="framework.aspects.intro"
          extra={{ field: 'note', label: 'framework.aspects.note' }}
        />
      </Tabs.Content>
      <Tabs.Content class="adm-tabs__panel" value="severities">
        <ItemList {...common()} list="severities" intro="framework.severities.intro" />
      </Tabs.Content>
      <Tabs.Content class="adm-tabs__panel" value="taskKinds">
        <ItemList
          {...common()}
          list="taskKinds"
          intro="framework.taskKinds.intro"
          extra={{ field: 'check', label: 'framework.taskKinds.check' }}
        />
      </Tabs.Content>
    </Tabs>
  );
}
