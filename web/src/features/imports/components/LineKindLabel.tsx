import { useLocale } from '../../../i18n/useLocale';
import type { LineKind } from '../preview';

/** A preview line's result in words, with a drawn mark: never colour alone. */
export function LineKindLabel({ kind }: { kind: LineKind }) {
  const { t } = useLocale();
  return (
    <span className={`line-kind line-kind--${kind}`} data-kind={kind}>
      <span className="line-kind__mark" aria-hidden="true" />
      {t(`imports.kind.${kind}`)}
    </span>
  );
}
