// Which unit a printed form names (市科技局, 經濟區管委會, 市科協): the forms a plan prints for its
// lead and responsible units, matched to the units of a region. Pure. A form names a unit when it is
// the unit's name or one of its aliases, exactly, or once both are read alike: traditional characters
// as simplified, full-width as half-width, spaces dropped (the extractor's matching view), so a
// traditional form no alias lists still finds its unit. A form two units share in that reading names
// neither: a guess would assign a task to the wrong department.

import { matchView } from './extract/text.js';

export interface UnitForms {
  id: number;
  nameZh: string;
  /** the unit's aliases in its region (unit_aliases) */
  aliases: readonly string[];
}

const key = (form: string) => matchView(form.replace(/\s+/g, ''));

/** The unit `form` names among `units`, or null. */
export function matchUnit<U extends UnitForms>(form: string, units: readonly U[]): U | null {
  const printed = form.trim();
  if (printed === '') return null;
  const exact = units.find((u) => u.aliases.includes(printed)) ?? units.find((u) => u.nameZh === printed);
  if (exact) return exact;
  const k = key(printed);
  const found = units.filter((u) => key(u.nameZh) === k || u.aliases.some((a) => key(a) === k));
  return found.length === 1 ? (found[0] as U) : null;
}
