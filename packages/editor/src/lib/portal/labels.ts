import type { I18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import type { StatementStatus } from './contracts.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 6 → 六, 12 → 十二, 20 → 二十: how the ledger numbers its problems. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones ? DIGITS[ones] : ''}`;
}

/** 问题一 / Problem 1. */
export function problemLabel(i18n: Pick<I18n, 't' | 'lang'>, ordinal: number): string {
  return i18n.t('portal.problem', {
    n: i18n.lang() === 'en' ? String(ordinal) : chineseNumber(ordinal),
  });
}

const KIND_KEYS: Record<string, MessageKey> = {
  completed: 'portal.kind.completed',
  long_term: 'portal.kind.long_term',
  supplementary: 'portal.kind.supplementary',
  rules: 'portal.kind.rules',
};

/**
 * A task kind in the reader's language. Kinds a round added itself have only
 * the framework's Chinese wording, which is shown as it is.
 */
export function kindText(t: I18n['t'], kind: string, label: string): string {
  const key = KIND_KEYS[kind];
  return key ? t(key) : label || kind;
}

/** 未填写 / 草稿 / 已提交第N版. */
export function statusText(t: I18n['t'], status: StatementStatus): string {
  if (status.status === 'submitted' && status.version !== null) {
    return t('portal.status.submitted', { n: status.version });
  }
  if (status.status === 'none') return t('portal.status.none');
  return t('portal.status.draft');
}

/** "1.2 MB" in the reader's digits. */
export function fileSize(i18n: Pick<I18n, 'formatNumber'>, bytes: number): string {
  const mb = 1024 * 1024;
  const value = (n: number) => i18n.formatNumber(Math.round(n * 10) / 10);
  if (bytes >= mb) return `${value(bytes / mb)} MB`;
  if (bytes >= 1024) return `${value(bytes / 1024)} KB`;
  return `${i18n.formatNumber(bytes)} B`;
}
