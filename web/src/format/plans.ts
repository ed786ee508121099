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

/** A note as a page shows it: its text, the language it is in, and whether that is the page's own. */
export interface ShownNote {
  text: string;
  lang: 'zh' | 'en';
  /** true when the page's language has no text and the other one's is shown instead */
  otherLanguage: boolean;
}

/**
 * A note in the page's language. A database seeded before notes came in both languages (migration
 * 0013) has the English only: it is shown, marked as the other language, rather than hidden.
 */
export function noteIn(note: { zh: string | null; en: string | null }, lang: Lang): ShownNote | null {
  const own = lang === 'en' ? note.en : note.zh;
  if (own) return { text: own, lang: lang === 'en' ? 'en' : 'zh', otherLanguage: false };
  const other = lang === 'en' ? note.zh : note.en;
  return other ? { text: other, lang: lang === 'en' ? 'zh' : 'en', otherLanguage: true } : null;
}

/** A private-use character: where a web copy lost a glyph (the Lüliang plan's decimal points are U+E010). */
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

/** The code points of the private-use characters in a text, each once: ["U+E010"]. For the technical details only. */
export function privateUseCodePoints(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PRIVATE_USE))
    found.add(`U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);
  return [...found];
}
