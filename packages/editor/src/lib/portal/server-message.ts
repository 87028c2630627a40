import type { Lang } from '../../i18n/i18n.tsx';

/**
 * The server words refusals in both languages, Chinese first: "文件过大：…。
 * The file is larger than …". Shows the half for the reader's language, or
 * the whole sentence when it does not split that way.
 */
export function localizedServerMessage(message: string, lang: Lang): string {
  const split = /^(.*?[。！？.!?])\s*([A-Z][^\u3400-\u9fff]*)$/su.exec(message.trim());
  if (!split || !/[\u3400-\u9fff]/u.test(split[1] ?? '')) return message;
  return lang === 'en' ? (split[2] ?? message) : (split[1] ?? message);
}
