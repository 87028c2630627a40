import { adminZh } from '../../i18n/areas/admin.ts';
import type { I18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';

const has = (key: string): key is MessageKey => key in adminZh;

/** A resource type in words ("用户", "批注"), or the code itself when unknown. */
export function resourceTypeLabel(t: I18n['t'], type: string): string {
  const key = `admin.audit.type.${type}`;
  return has(key) ? t(key) : type;
}

/**
 * An audit action in words: a phrase of its own where one exists (登录), else
 * verb + resource type (新建 + 用户), else the code as written.
 */
export function actionLabel(t: I18n['t'], action: string): string {
  const exact = `admin.audit.action.${action}`;
  if (has(exact)) return t(exact);
  const cut = action.lastIndexOf('.');
  if (cut < 0) return action;
  const type = `admin.audit.type.${action.slice(0, cut).replace(/\./g, '_')}`;
  const verb = `admin.audit.verb.${action.slice(cut + 1)}`;
  if (has(type) && has(verb))
    return t('admin.audit.actionPhrase', { verb: t(verb), type: t(type) });
  return action;
}

/** Resource types offered in the filter; the log may hold others, which stay searchable by code. */
export const FILTER_TYPES = [
  'user',
  'session',
  'round',
  'group',
  'membership',
  'unit',
  'recusal',
  'statement',
  'evidence',
  'annotation',
  'finding',
  'interview',
  'meeting',
  'report',
  'audit_log',
  'system',
] as const;

/** Action filters a person reaches for; `*` matches every action that starts so. */
export const FILTER_ACTIONS = [
  'auth.*',
  'auth.login',
  'user.*',
  'membership.*',
  'recusal.*',
  'group.*',
  'unit.*',
  'finding.*',
  'audit_log.*',
] as const;
