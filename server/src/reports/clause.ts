// A clause as the source prints it, made legible. The Lüliang plan's web copy kept a private-use
// character (a glyph of the publisher's font, with no meaning in Unicode) where a decimal point was
// lost: "2", U+E010, "5%". A font draws it as an empty box, which a reader takes for a printing error
// of ours. The reports draw a visible marker in its place and say, in words, what was lost and how
// it is read; the clause itself is never silently corrected.

import { formatNumber, type Lang } from './labels.js';

/** Where the source has a private-use character between two digits: a decimal point that was lost. */
export const LOST_POINT_MARK = '[.]';
/** A private-use character anywhere else: something the source shows that no font can. */
export const UNKNOWN_GLYPH_MARK = '[?]';

const PRIVATE_USE = /[\uE000-\uF8FF]/;

export interface ClausePart {
  text: string;
  /** The part stands for a damaged character: how it is drawn, and the number read across it, if any. */
  damaged?: { reading: string | null };
}

const isDigit = (ch: string | undefined) => ch !== undefined && ch >= '0' && ch <= '9';

/** The digits right before (`step` −1) or right after (+1) position `i`, in reading order. */
function digitsAround(chars: string[], i: number, step: 1 | -1): string {
  let digits = '';
  for (let j = i + step; isDigit(chars[j]); j += step) digits = step === 1 ? digits + chars[j] : chars[j] + digits;
  return digits;
}

/** The clause in parts: plain text, and a marker for each private-use character. */
export function clauseParts(clause: string): ClausePart[] {
  const parts: ClausePart[] = [];
  let plain = '';
  const chars = [...clause];
  chars.forEach((ch, i) => {
    if (!PRIVATE_USE.test(ch)) {
      plain += ch;
      return;
    }
    if (plain) parts.push({ text: plain });
    plain = '';
    const before = digitsAround(chars, i, -1);
    const after = digitsAround(chars, i, 1);
    const reading = before && after ? `${before}.${after}` : null;
    parts.push({ text: reading === null ? UNKNOWN_GLYPH_MARK : LOST_POINT_MARK, damaged: { reading } });
  });
  if (plain) parts.push({ text: plain });
  return parts;
}

/** The clause as one string, markers in place of the damaged characters. */
export function clauseText(clause: string): string {
  return clauseParts(clause)
    .map((p) => p.text)
    .join('');
}

/**
 * What the markers stand for, in words: "[.] 原文此处小数点缺失，读作 2.5。"; null for a clause without
 * a damaged character. The reading is the digits on either side joined by a point, written as the
 * report writes numbers.
 */
export function damagedNote(clause: string, lang: Lang): string | null {
  const damaged = clauseParts(clause).flatMap((p) => (p.damaged ? [p.damaged] : []));
  if (damaged.length === 0) return null;
  const readings = damaged.flatMap((d) => (d.reading === null ? [] : [formatNumber(Number(d.reading), lang, 6)]));
  const unknown = damaged.length - readings.length;
  const zh = lang === 'zh';
  const sentences: string[] = [];
  if (readings.length === 1)
    sentences.push(
      zh
        ? `${LOST_POINT_MARK} 原文此处小数点缺失，读作 ${readings[0]}。`
        : `${LOST_POINT_MARK} The source lost the decimal point here; it is read as ${readings[0]}.`,
    );
  else if (readings.length > 1)
    sentences.push(
      zh
        ? `${LOST_POINT_MARK} 原文这 ${readings.length} 处小数点缺失，依次读作 ${readings.join('、')}。`
        : `${LOST_POINT_MARK} The source lost the decimal point in ${readings.length} places; they are read as ${readings.slice(0, -1).join(', ')} and ${readings.at(-1)}.`,
    );
  if (unknown > 0)
    sentences.push(
      zh
        ? `${UNKNOWN_GLYPH_MARK} 原文此处为无法显示的字符。`
        : `${UNKNOWN_GLYPH_MARK} The source has a character here that cannot be displayed.`,
    );
  return sentences.join(zh ? '' : ' ');
}
