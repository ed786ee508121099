// A row of an indicator table (指标表: indicator, unit, base value, target value, attribute), as
// pasted from a web page or converted from a .docx/.html table: cells apart by a tab, a | or two or
// more spaces. The row's first cell names the indicator (its unit in brackets, R&D经费投入强度(%)),
// the first number is the base and the last the target; the years come from the table's header
// row (2020年 / 2025年) when the text has one above, else the plan's period.

import type { IndicatorIndex } from './catalogue.js';
import type { PlanFacts } from './facts.js';
import type { Proposal } from './propose.js';
import { isCjk } from './text.js';
import { conversionFactor, parseUnit } from './units.js';

interface Span {
  start: number;
  end: number;
}

function cellsOf(line: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const raw = line.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t !== '') out.push({ text: t, start: start + lead });
  };
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\t' || ch === '|') {
      push(i);
      start = ++i;
    } else if (ch === ' ' && line[i + 1] === ' ') {
      push(i);
      while (line[i] === ' ') i++;
      start = i;
    } else i++;
  }
  push(line.length);
  return out;
}

const NUMBER = /^[≥≤>< ]*(\d+(?:\.\d+)?)\s*(%|以上|以下|左右)?$/;

function headerYears(view: string, paragraph: Span): (number | null)[] | null {
  // the nearest line above with two or more cells and a year in some of them
  let end = paragraph.start - 1;
  for (let n = 0; n < 4 && end > 0; n++) {
    const start = view.lastIndexOf('\n', end - 1) + 1;
    const cells = cellsOf(view.slice(start, end));
    if (cells.length >= 3 && cells.some((c) => /^\d{4}年?/.test(c.text))) {
      return cells.map((c) => {
        const m = /(\d{4})年?/.exec(c.text);
        return m ? Number(m[1]) : null;
      });
    }
    end = start - 1;
  }
  return null;
}

export function tableProposals(
  text: string,
  view: string,
  paragraph: Span,
  index: IndicatorIndex,
  facts: PlanFacts,
): Proposal | null {
  const line = view.slice(paragraph.start, paragraph.end);
  const cells = cellsOf(line);
  if (cells.length < 3) return null;
  const name = cells[0] as { text: string; start: number };
  if (![...name.text].some(isCjk)) return null;
  const numeric = cells
    .map((c, col) => ({ c, col, m: NUMBER.exec(c.text) }))
    .filter((x): x is { c: { text: string; start: number }; col: number; m: RegExpExecArray } => x.m !== null);
  if (numeric.length < 1) return null;
  // the unit: in the name's brackets, or a cell of its own
  const bracket = /[(（]([^()（）]{1,8})[)）]\s*$/.exec(name.text);
  const unitCell = cells.slice(1).find((c) => /^(?:%|[万亿]?(?:元|家|个|项|件|人|名|户|亩|吨|千瓦|立方米|平方米))$/.test(c.text));
  const printedUnit = bracket?.[1] ?? unitCell?.text ?? (numeric.some((x) => x.m[2] === '%') ? '%' : '');
  const subject = bracket ? name.text.slice(0, bracket.index) : name.text;
  const growth = /年均增长|增速/.test(subject);
  const ranked = index.rank([{ view: subject, weight: 1 }], (i) => {
    if (i.yesNo) return false;
    if (growth) return true;
    if (printedUnit === '%') return i.unit === '%';
    return printedUnit === '' || conversionFactor(parseUnit(printedUnit), i.unit) !== null;
  });
  const best = ranked[0];
  if (!best || best.score < 0.55) return null;
  const target = numeric[numeric.length - 1] as (typeof numeric)[number];
  const base = numeric.length >= 2 ? (numeric[0] as (typeof numeric)[number]) : null;
  const years = headerYears(view, paragraph);
  const factor = printedUnit && printedUnit !== '%' ? (conversionFactor(parseUnit(printedUnit), best.indicator.unit) ?? 1) : 1;
  const targetYear = years?.[target.col] ?? facts.periodEnd;
  const baseYear = base ? (years?.[base.col] ?? (facts.periodStart !== null ? facts.periodStart - 1 : null)) : null;
  const attribute = cells.find((c) => c.text === '约束性' || c.text === '预期性');
  const tail = target.m[2];
  const comparator =
    tail === '以下' || /≤|</.test(target.c.text)
      ? 'at_most'
      : tail === '左右'
        ? 'about'
        : best.indicator.direction === 'down'
          ? 'at_most'
          : 'at_least';
  const type = growth ? 'annual_growth' : printedUnit === '%' || best.indicator.kind === 'share' ? 'share' : 'level';
  const start = paragraph.start + name.start;
  const end = paragraph.start + target.c.start + target.c.text.length;
  return {
    key: '',
    start,
    end,
    clause: text.slice(start, end),
    indicator: best.indicator.code,
    newIndicator: null,
    type,
    comparator,
    value: Math.round(Number(target.m[1]) * factor * 1e6) / 1e6,
    valueMin: null,
    valueMax: null,
    valueUnknown: false,
    valueAsPrinted: null,
    unitPrinted: printedUnit,
    unit: best.indicator.unit,
    targetYear: targetYear ?? null,
    baseYear: base && baseYear !== null && !growth ? baseYear : null,
    baseValue: base && baseYear !== null && !growth ? Math.round(Number(base.m[1]) * factor * 1e6) / 1e6 : null,
    benchmarkRegion: null,
    commitment: attribute ? (attribute.text === '约束性' ? 'binding' : 'expected') : null,
    milestones: [],
    leadUnits: [],
    responsibleUnits: [],
    confidence: Math.round((0.45 + 0.4 * Math.min(1, best.score)) * 100) / 100,
    reasons: [
      { code: 'table_row' },
      { code: best.alias ? 'indicator_alias' : 'indicator_name', detail: best.score.toFixed(2) },
      { code: targetYear === facts.periodEnd && !years ? 'year_from_period' : 'year_in_sentence', detail: String(targetYear) },
    ],
    alsoAt: [],
  };
}
