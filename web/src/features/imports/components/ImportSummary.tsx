import { useLocale } from '../../../i18n/useLocale';
import type { ImportSummary as Summary } from '../types';
import { LineKindLabel } from './LineKindLabel';

/** The whole file's counts (the table may show only its first rows). */
export function ImportSummary({ summary }: { summary: Summary }) {
  const { t } = useLocale();
  return (
    <dl className="import-summary">
      <div>
        <dt>{t('imports.summary.rowsRead')}</dt>
        <dd>{summary.rowsRead}</dd>
      </div>
      {(
        [
          ['new', summary.new],
          ['changed', summary.changed],
          ['unchanged', summary.unchanged],
          ['error', summary.errors],
          ['warning', summary.warnings],
        ] as const
      ).map(([kind, count]) => (
        <div key={kind} className={count > 0 ? `import-summary__item is-${kind}` : 'import-summary__item'} data-summary={kind}>
          <dt>
            <LineKindLabel kind={kind} />
          </dt>
          <dd>{count}</dd>
        </div>
      ))}
      {summary.replacesSample > 0 ? (
        <div className="import-summary__item is-sample" data-summary="sample">
          <dt>{t('imports.summary.replacesSample')}</dt>
          <dd>{summary.replacesSample}</dd>
        </div>
      ) : null}
    </dl>
  );
}
