import type { Indicator, Vintage } from '../../../api/types';
import { formatQuantity } from '../../../format/numbers';
import { useLocale } from '../../../i18n/useLocale';

/** A figure as stored: its number and unit, or "not published"; with its vintage when given. */
export function FigureValue({
  value,
  indicator,
  vintage,
}: {
  value: number | null;
  indicator: Pick<Indicator, 'unit' | 'unitEn'> | undefined;
  vintage?: Vintage | string | null;
}) {
  const { lang, t } = useLocale();
  const unit = indicator ? (lang === 'en' ? indicator.unitEn : indicator.unit) : '';
  const known = vintage === 'preliminary' || vintage === 'final' || vintage === 'revised';
  return (
    <span className="figure-value">
      {value === null ? (
        <span className="figure-value__masked">{t('target.notPublished')}</span>
      ) : (
        <span className="figure-value__number">{formatQuantity(value, unit, lang)}</span>
      )}
      {/* Chinese takes full-width brackets, with no space before them. */}
      {vintage ? (
        <span className="figure-value__vintage">
          {lang === 'en' ? ` (${known ? t(`vintage.${vintage}`) : vintage})` : `（${known ? t(`vintage.${vintage}`) : vintage}）`}
        </span>
      ) : null}
    </span>
  );
}
