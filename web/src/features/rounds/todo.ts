import type { RoundItemStatus } from '../../api/types';
import type { GridFigure } from '../imports/types';

/** The to-do grid's pure parts. */

export interface TodoLine {
  value: string;
  note: string;
}

/** The earlier years shown beside each field: last year, the year before, and the one before that. */
export const EARLIER_COLUMNS = [1, 2, 3] as const;

/** An item can be filled in while nobody has answered it, or after it was returned. */
export function fillable(status: RoundItemStatus): boolean {
  return status === 'owed' || status === 'overdue' || status === 'returned';
}

/** The filled lines as the entry grid's figures, in the items' order (row k of the preview is figure k − 1). */
export function todoFigures(
  items: readonly { indicatorCode: string; status: RoundItemStatus }[],
  lines: Readonly<Record<string, TodoLine>>,
  year: number,
): GridFigure[] {
  const figures: GridFigure[] = [];
  for (const item of items) {
    const line = lines[item.indicatorCode];
    if (!line || !fillable(item.status) || line.value.trim() === '') continue;
    figures.push({
      indicator: item.indicatorCode,
      year,
      value: line.value.trim(),
      ...(line.note.trim() ? { note: line.note.trim() } : {}),
    });
  }
  return figures;
}
