import { useQuery } from '@tanstack/react-query';
import type { Indicator } from '../../../api/types';
import { formatNumber } from '../../../format/numbers';
import { useLocale } from '../../../i18n/useLocale';
import { needsAcknowledgement, type PreviewLine, previousSource, replacesSample, sameValueCorrection } from '../preview';
import { nameOf, referenceQueries } from '../reference';
import { FigureValue } from './FigureValue';
import { LineKindLabel } from './LineKindLabel';

/** The label a sample figure carries wherever it is shown (示例数据 / sample data). */
function SampleBadge() {
  const { t } = useLocale();
  return (
    <span className="badge badge--sample" title={t('target.sampleHint')}>
      {t('target.sample')}
    </span>
  );
}

/** The rows acknowledged so far and how to change them; absent once the preview is decided. */
export interface RowAcknowledgement {
  rows: ReadonlySet<number>;
  onChange: (row: number, on: boolean) => void;
  /** Makes each checkbox's id unique on the page. */
  idPrefix: string;
}

/**
 * With review on: the explanation (情况说明) each flagged row needs before it is submitted, written
 * beside the check's message; it stands in for the acknowledgement.
 */
export interface RowExplanations {
  texts: Readonly<Record<number, string>>;
  onChange: (row: number, text: string) => void;
  idPrefix: string;
}

function Outcome({
  line,
  indicator,
  acknowledgement,
  explanations,
}: {
  line: PreviewLine;
  indicator: Indicator | undefined;
  acknowledgement: RowAcknowledgement | undefined;
  explanations: RowExplanations | undefined;
}) {
  const { lang, t } = useLocale();
  const figure = line.figure;
  const overSample = replacesSample(line);
  return (
    <>
      {figure ? (
        <p className="pline__change">
          {figure.status === 'changed' && figure.old ? (
            <>
              <del>
                <span className="visually-hidden">{t('imports.preview.oldValue')} </span>
                <FigureValue
                  value={figure.old.published ? figure.old.value : null}
                  indicator={indicator}
                  vintage={figure.old.vintage}
                />
              </del>
              {figure.old.isSample ? (
                <>
                  {' '}
                  <SampleBadge />
                </>
              ) : null}
              <span className="pline__arrow" aria-hidden="true">
                {' '}
                →{' '}
              </span>
              <ins>
                <span className="visually-hidden">{t('imports.preview.newValue')} </span>
                <FigureValue value={figure.value} indicator={indicator} vintage={figure.vintage} />
              </ins>
            </>
          ) : (
            <FigureValue value={figure.value} indicator={indicator} vintage={figure.vintage} />
          )}
        </p>
      ) : null}
      {overSample ? <p className="pline__note pline__note--sample">{t('imports.preview.sampleNote')}</p> : null}
      {figure?.conversion ? (
        <p className="pline__note">
          {t('imports.preview.conversion', {
            from: figure.conversion.fromUnit,
            to: figure.conversion.toUnit,
            factor: formatNumber(figure.conversion.factor, 'en'),
          })}
        </p>
      ) : null}
      {figure ? (
        <p className="pline__note">
          <span className="label">{t('imports.preview.source')}</span> {figure.sourceTitle}
        </p>
      ) : null}
      {previousSource(figure) ? (
        <p className="pline__note pline__note--old-source">
          <span className="label">{t('imports.preview.oldSource')}</span> <del>{previousSource(figure)}</del>
        </p>
      ) : null}
      {sameValueCorrection(figure) ? <p className="pline__note">{t('imports.preview.sourceChanged')}</p> : null}
      {line.issues.map((issue) => (
        <p key={`${issue.code}-${issue.column}-${issue.message.en}`} className={`pline__issue pline__issue--${issue.severity}`}>
          {line.figure ? <span className="pline__issue-kind">{t('imports.preview.warningLabel')}</span> : null}
          {lang === 'en' ? issue.message.en : issue.message.zh}
        </p>
      ))}
      {explanations && line.row !== null && needsAcknowledgement(line) ? (
        <p className="pline__explanation field">
          <label htmlFor={`${explanations.idPrefix}-explain-${line.key}`}>
            {t('imports.preview.explanation', { row: line.row })}
          </label>
          <textarea
            id={`${explanations.idPrefix}-explain-${line.key}`}
            rows={2}
            maxLength={2000}
            value={explanations.texts[line.row] ?? ''}
            placeholder={t('imports.preview.explanationHint')}
            data-explanation-row={line.row}
            onChange={(event) => line.row !== null && explanations.onChange(line.row, event.target.value)}
          />
        </p>
      ) : acknowledgement && line.row !== null && needsAcknowledgement(line) ? (
        <p className="pline__acknowledge">
          <input
            type="checkbox"
            id={`${acknowledgement.idPrefix}-ack-${line.key}`}
            checked={acknowledgement.rows.has(line.row)}
            onChange={(event) => line.row !== null && acknowledgement.onChange(line.row, event.target.checked)}
          />
          <label htmlFor={`${acknowledgement.idPrefix}-ack-${line.key}`}>
            {t('imports.preview.acknowledge', { row: line.row })}
          </label>
        </p>
      ) : null}
    </>
  );
}

/** The preview's lines: row, column, what was found, and what will become of it. */
export function PreviewTable({
  lines,
  caption,
  acknowledgement,
  explanations,
}: {
  lines: PreviewLine[];
  caption: string;
  /** A checkbox on each line whose figure has warnings, while the preview can be committed. */
  acknowledgement?: RowAcknowledgement | undefined;
  /** Review on: an explanation field instead of the checkbox. */
  explanations?: RowExplanations | undefined;
}) {
  const { lang, t } = useLocale();
  const regions = useQuery(referenceQueries.regions());
  const indicators = useQuery(referenceQueries.indicators());
  const showSheet = lines.some((line) => line.sheet);
  return (
    <div className="table-scroll">
      <table className="data-table preview-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.preview.row')}</th>
            <th scope="col">{t('imports.preview.column')}</th>
            <th scope="col">{t('imports.preview.region')}</th>
            <th scope="col">{t('imports.preview.indicator')}</th>
            <th scope="col">{t('imports.preview.year')}</th>
            <th scope="col">{t('imports.preview.found')}</th>
            <th scope="col">{t('imports.preview.result')}</th>
            <th scope="col">{t('imports.preview.details')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => {
            const figure = line.figure;
            const indicator = figure ? indicators.data?.find((i) => i.code === figure.indicatorCode) : undefined;
            return (
              <tr
                key={line.key}
                className={`pline pline--${line.kind}`}
                data-kind={line.kind}
                data-row={line.row ?? ''}
                data-replaces-sample={replacesSample(line) ? 'true' : undefined}
                data-warned={needsAcknowledgement(line) ? 'true' : undefined}
              >
                <th scope="row" className="pline__row">
                  {line.row ?? '—'}
                  {showSheet && line.sheet ? <span className="pline__sheet">{line.sheet}</span> : null}
                </th>
                <td className="pline__column">{line.column ?? ''}</td>
                <td className="nowrap">{figure ? nameOf(regions.data, figure.regionCode, lang) : ''}</td>
                <td>{figure ? nameOf(indicators.data, figure.indicatorCode, lang) : ''}</td>
                <td>{figure ? figure.year : ''}</td>
                <td className="pline__found">{line.value ? <code>{line.value}</code> : null}</td>
                <td className="nowrap">
                  <LineKindLabel kind={line.kind} />
                  {replacesSample(line) ? (
                    <span className="pline__marker pline__marker--sample">{t('imports.preview.replacesSample')}</span>
                  ) : null}
                </td>
                <td className="pline__details">
                  <Outcome line={line} indicator={indicator} acknowledgement={acknowledgement} explanations={explanations} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
