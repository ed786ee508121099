import type { Indicator } from '../../api/types.js';
import type { IndicatorAlias } from './types.js';

/** The alias page's table: each indicator with its aliases, narrowed by what the search box holds. Pure. */

export interface IndicatorWithAliases {
  indicator: Indicator;
  aliases: IndicatorAlias[];
}

/** Case, width and spaces do not matter to a search, as they do not to an upload's matching. */
const searchKey = (text: string) => text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

export function indicatorsWithAliases(
  indicators: readonly Indicator[],
  aliases: readonly IndicatorAlias[],
  search: string,
): IndicatorWithAliases[] {
  const byCode = new Map<string, IndicatorAlias[]>();
  for (const a of aliases) byCode.set(a.indicatorCode, [...(byCode.get(a.indicatorCode) ?? []), a]);
  const wanted = searchKey(search);
  return indicators
    .map((indicator) => ({ indicator, aliases: byCode.get(indicator.code) ?? [] }))
    .filter(
      ({ indicator, aliases: own }) =>
        wanted === '' ||
        [indicator.code, indicator.nameZh, indicator.nameEn, ...own.map((a) => a.alias)].some((text) =>
          searchKey(text).includes(wanted),
        ),
    );
}
