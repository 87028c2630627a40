import { ledgerZh } from '../../i18n/areas/ledger.ts';
import type { I18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import type { RowIssue } from './ledger-api.ts';

const has = (key: string): key is MessageKey => key in ledgerZh;

/** A row problem in the reader's language by its code; the server's words for codes we do not know. */
export function issueText(t: I18n['t'], issue: Pick<RowIssue, 'code' | 'message'>): string {
  const key = `ledger.issue.${issue.code}`;
  return has(key) ? t(key) : issue.message;
}

/**
 * What the server quoted from the cell ("the deadline \"下半年\" is not a date…"),
 * which helps in any language; null when it quoted nothing.
 */
export function quotedCell(message: string): string | null {
  const m = /"([^"]+)"/.exec(message);
  return m?.[1] ?? null;
}

/** 牵头单位 / Lead unit; unknown fields as they are. */
export function fieldText(t: I18n['t'], field: string): string {
  const key = `ledger.field.${field}`;
  return has(key) ? t(key) : field;
}

/** 3、5、9 or 3, 5, 9. */
export function joinList(t: I18n['t'], items: readonly (string | number)[]): string {
  return items.join(t('ledger.listSeparator'));
}
