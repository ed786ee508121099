import type { PlanDetail, Vintage } from '../../api/types.js';
import type { GridFigure, ImportIssue, PreviewRow } from './types.js';

/** The entry grid's choices and what it sends. Pure. */

export interface GridLine {
  value: string;
  vintage: Vintage | '';
  source: string;
  note: string;
}

export const EMPTY_LINE: GridLine = { value: '', vintage: '', source: '', note: '' };

/** The indicators a plan sets targets on for one region, in the plan's order, each once. */
export function gridIndicators(plan: Pick<PlanDetail, 'targets'>, region: string) {
  const seen = new Set<string>();
  const result: PlanDetail['targets'][number]['indicator'][] = [];
  for (const target of plan.targets) {
    if (target.region.code !== region || seen.has(target.indicator.code)) continue;
    seen.add(target.indicator.code);
    result.push(target.indicator);
  }
  return result;
}

/** The regions a plan has targets for, the plan's own first. */
export function planRegions(plan: Pick<PlanDetail, 'targets' | 'region'>) {
  const regions = new Map([[plan.region.code, plan.region]]);
  for (const target of plan.targets) if (!regions.has(target.region.code)) regions.set(target.region.code, target.region);
  return [...regions.values()];
}

/** The years offered: from the base year before the plan to this year. */
export function gridYears(plan: { periodStart: number | null; periodEnd: number | null }, currentYear: number): number[] {
  const first = (plan.periodStart ?? currentYear - 5) - 1;
  const last = Math.max(currentYear, plan.periodEnd ?? currentYear);
  return Array.from({ length: last - first + 1 }, (_, k) => last - k);
}

/** The year chosen at first: last year, or the plan's final year when the plan ended before it. */
export function defaultGridYear(plan: { periodStart: number | null; periodEnd: number | null }, currentYear: number): number {
  const lastYear = currentYear - 1;
  return plan.periodEnd !== null && plan.periodEnd < lastYear ? plan.periodEnd : lastYear;
}

/**
 * The filled lines as the API's figures, and for each the grid line it came from: the server reads
 * the grid as a table whose first row is the header, so figure k is row k + 2.
 */
export function gridFigures(
  indicators: readonly { code: string }[],
  lines: Readonly<Record<string, GridLine>>,
  year: number,
): { figures: GridFigure[]; codes: string[] } {
  const figures: GridFigure[] = [];
  const codes: string[] = [];
  for (const { code } of indicators) {
    const line = lines[code];
    if (!line || line.value.trim() === '') continue;
    figures.push({
      indicator: code,
      year,
      value: line.value.trim(),
      ...(line.vintage ? { vintage: line.vintage } : {}),
      ...(line.source.trim() ? { source: line.source.trim() } : {}),
      ...(line.note.trim() ? { note: line.note.trim() } : {}),
    });
    codes.push(code);
  }
  return { figures, codes };
}

/** Which indicator a preview's row number stands for, given the codes sent in order. */
export function codeOfRow(codes: readonly string[], row: number | null): string | undefined {
  return row === null ? undefined : codes[row - 2];
}

/** The preview's verdict on each indicator sent: its figure (if any) and its issues. */
export function resultsByIndicator(
  codes: readonly string[],
  preview: { issues: ImportIssue[]; rows: PreviewRow[] },
): Map<string, { figure: PreviewRow | undefined; issues: ImportIssue[] }> {
  const results = new Map<string, { figure: PreviewRow | undefined; issues: ImportIssue[] }>();
  for (const code of codes) results.set(code, { figure: undefined, issues: [] });
  for (const figure of preview.rows) {
    const code = codeOfRow(codes, figure.row);
    const entry = code ? results.get(code) : undefined;
    if (entry) entry.figure = figure;
  }
  for (const issue of preview.issues) {
    const code = codeOfRow(codes, issue.row);
    const entry = code ? results.get(code) : undefined;
    // A figure's warnings are also listed with it; keep each once.
    if (entry && !entry.issues.some((i) => i.code === issue.code && i.column === issue.column)) entry.issues.push(issue);
  }
  return results;
}
