import type { Lang } from '../i18n/lang.js';
import { fill, phrases } from './phrases.js';

/** A plan's period: "2014–2020年" / "2014–2020"; "年份被遮蔽" / "years masked" when the source hides it. */
export function formatPeriod(start: number | null, end: number | null, lang: Lang): string {
  const p = phrases(lang).period;
  if (start !== null && end !== null) {
    return start === end ? fill(p.single, { year: start }) : fill(p.span, { from: start, to: end });
  }
  if (start !== null) return fill(p.from, { year: start });
  if (end !== null) return fill(p.to, { year: end });
  return p.masked;
}

export function formatYear(year: number, lang: Lang): string {
  return fill(phrases(lang).year, { year });
}

/** An ISO date (YYYY-MM-DD) as "2014年11月25日" / "25 November 2014"; the input if it is not a date. */
export function formatDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return iso;
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
}
