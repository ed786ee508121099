/** Times of writes (sign-ins, revisions, uploads, comments) in the reader's time zone. Pure. */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

/** "2026/11/22 09:28" / "22/11/2026, 09:28"; the input when it is not a time. */
export function formatDateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(lang, true).format(date);
}

/** "2026/11/22" / "22/11/2026". */
export function formatDay(iso: string, lang: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter(lang, false).format(date);
}
