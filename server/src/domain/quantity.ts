// English has no 万 or 亿. An English unit that is itself a number ("100 million yuan", "10,000 kW",
// as indicators.tsv gives the units of 亿元 and 万千瓦) is multiplied out, so that 4.1 亿元 reads
// "410 million yuan", as an English bulletin writes it, not "4.1 100 million yuan". Pure; the web
// has the same rule in web/src/format/numbers.ts.

// Units are a short list (the indicators' own) and each verdict's sentence writes several quantities:
// a unit is parsed once and a formatter made once per digit count, not per number (building an
// Intl.NumberFormat was 15% of judging a plan). The cache is capped so odd input cannot grow it.
type Multiplier = Readonly<{ factor: number; rest: string }>;
const multipliers = new Map<string, Multiplier | null>();
const MULTIPLIERS_KEPT = 1000;
const formatters: Intl.NumberFormat[] = [];
const formatter = (digits: number): Intl.NumberFormat => {
  let f = formatters[digits];
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits });
    formatters[digits] = f;
  }
  return f;
};

/** "100 million yuan" → 1e8 and "yuan"; null for a unit that does not start with a number. */
export function unitMultiplier(unit: string): Multiplier | null {
  const known = multipliers.get(unit);
  if (known !== undefined) return known;
  const parsed = parseMultiplier(unit);
  if (multipliers.size < MULTIPLIERS_KEPT) multipliers.set(unit, parsed);
  return parsed;
}

function parseMultiplier(unit: string): Multiplier | null {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?: (million|billion))? (\S.*)$/.exec(unit.trim());
  if (!m) return null;
  const scale = m[2] === 'billion' ? 1e9 : m[2] === 'million' ? 1e6 : 1;
  const factor = Number((m[1] ?? '').replaceAll(',', '')) * scale;
  return factor > 1 && m[3] ? Object.freeze({ factor, rest: m[3] }) : null;
}

/**
 * A value in a multiplied unit, written out: (4.1, "100 million yuan") → "410 million yuan",
 * (25, "10,000 kW") → "250,000 kW", (25.5, "100 million m³") → "2.55 billion m³". `decimals` are
 * those the value is read to; the result keeps the same precision, no more. null when the unit is
 * not a multiplied one.
 */
export function multipliedOut(value: number, unit: string, decimals: number): string | null {
  const multiplier = unitMultiplier(unit);
  if (!multiplier) return null;
  const scaled = value * multiplier.factor;
  const abs = Math.abs(scaled);
  const [divisor, word] = abs >= 1e9 ? [1e9, ' billion'] : abs >= 1e6 ? [1e6, ' million'] : [1, ''];
  const digits = Math.max(0, Math.min(6, Math.round(decimals - Math.log10(multiplier.factor / divisor))));
  const text = formatter(digits).format(scaled / divisor);
  // A minus sign that reads as one, not a hyphen.
  return `${text.replace(/^-/, '−')}${word} ${multiplier.rest}`;
}
