import { useQuery } from '@tanstack/react-query';
import { useLocale } from '../../../i18n/useLocale';
import type { CommitRefused } from '../preview';
import { nameOf, referenceQueries } from '../reference';

/** "2、3、4" / "2, 3, 4": a list as the language writes it. */
const listed = (items: readonly string[], lang: string) =>
  new Intl.ListFormat(lang === 'en' ? 'en' : 'zh-CN', { type: 'conjunction', style: 'narrow' }).format(items);
/** A region's (or the warnings') rows, the first ten of them: enough to find the lines in the file. */
const SHOWN_ROWS = 10;

/**
 * A commit refused by one of the checks made again at commit, in the user's language: what changed
 * since the preview, and that nothing was written and the figures must be previewed again.
 */
export function CommitRefusedText({ refused }: { refused: CommitRefused }) {
  const { lang, t } = useLocale();
  const regions = useQuery(referenceQueries.regions());
  const rowList = (rows: readonly number[]) =>
    listed([...rows.slice(0, SHOWN_ROWS).map(String), ...(rows.length > SHOWN_ROWS ? ['…'] : [])], lang);
  // Warnings not acknowledged: the preview still holds, so the remedy is to acknowledge, not to upload again.
  if (refused.reason === 'warnings')
    return <>{t('imports.commit.refused.warnings', { rows: rowList(refused.rows), count: refused.count })}</>;
  // Review on: flagged rows without an explanation; the preview holds, so the remedy is to write them.
  if (refused.reason === 'explanations')
    return <>{t('imports.commit.refused.explanations', { rows: rowList(refused.rows), count: refused.count })}</>;
  const why =
    refused.reason === 'expired'
      ? t('imports.commit.refused.expired', { hours: refused.hours })
      : refused.reason === 'stale'
        ? t('imports.commit.refused.stale', { count: refused.changedRows })
        : t('imports.commit.refused.regions', {
            regions: listed(
              refused.refused.map((r) =>
                t('imports.commit.refused.regionRows', {
                  name: nameOf(regions.data, r.regionCode, lang),
                  rows: rowList(r.rows),
                  count: r.rows.length,
                }),
              ),
              lang,
            ),
          });
  return (
    <>
      {why} {t('imports.commit.refused.again')}
    </>
  );
}
