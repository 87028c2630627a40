/**
 * Times on cards and replies: the hour for today ("10:02"), the day for this
 * year ("5月12日 10:02"), the full date before that. Local time zone.
 */
export function shortTime(iso: string, lang: string, now = new Date()): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
  const sameDay = at.toDateString() === now.toDateString();
  if (sameDay) return time.format(at);
  const options: Intl.DateTimeFormatOptions =
    at.getFullYear() === now.getFullYear()
      ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }
      : { dateStyle: 'medium' };
  return new Intl.DateTimeFormat(lang, options).format(at);
}
