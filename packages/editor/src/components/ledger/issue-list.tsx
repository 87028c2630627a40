import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';
import { fieldText, issueText, quotedCell } from './issue-text.ts';
import type { RowIssue } from './ledger-api.ts';

/**
 * Bad rows (which stop the import) or warnings (which do not), each with the
 * spreadsheet row number as Excel shows it, the column and the reason.
 */
export function IssueList(props: { issues: RowIssue[]; tone: 'error' | 'warning' }) {
  const { t, lang } = useI18n();
  // English readers get the server's own sentence; others the cell it quoted.
  const detail = (issue: RowIssue) => {
    if (issueText(t, issue) === issue.message) return null;
    if (lang() === 'en') return issue.message;
    const cell = quotedCell(issue.message);
    return cell ? `「${cell}」` : null;
  };
  const error = () => props.tone === 'error';
  return (
    <section
      class="ledger-section ledger-issues"
      classList={{ 'ledger-issues--error': error(), 'ledger-issues--warning': !error() }}
      aria-labelledby={`ledger-issues-${props.tone}`}
    >
      <h2 class="ledger-section__title" id={`ledger-issues-${props.tone}`}>
        <Icon name="alert" size={18} />
        {error()
          ? t('ledger.issues.title', { n: props.issues.length })
          : t('ledger.warnings.title', { n: props.issues.length })}
      </h2>
      <p class="ledger-section__hint">
        {error() ? t('ledger.issues.hint') : t('ledger.warnings.hint')}
      </p>
      <ul class="ledger-issues__list">
        <For each={props.issues}>
          {(issue) => (
            <li class="ledger-issue" data-row={issue.row}>
              <span class="ledger-issue__row">
                {issue.row > 0
                  ? t('ledger.issues.row', { row: issue.row })
                  : t('ledger.issues.general')}
              </span>
              <span class="ledger-issue__field">{fieldText(t, issue.field)}</span>
              <span class="ledger-issue__reason">
                {issueText(t, issue)}
                <Show when={detail(issue)}>
                  {(text) => <span class="ledger-issue__detail">{text()}</span>}
                </Show>
              </span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
