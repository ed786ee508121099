import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { CurrentObservation, Indicator, RegionRef, Vintage } from '../../api/types';
import { useLocale } from '../../i18n/useLocale';
import { FigureValue } from '../imports/components/FigureValue';
import { LineKindLabel } from '../imports/components/LineKindLabel';
import { useCommitImport, useDiscardImport, useGridPreview } from '../imports/mutations';
import { canCommit, lineKindOf, withoutPosition } from '../imports/preview';
import { useReviewRequired } from '../review/queries';
import { ApiErrorText } from '../session/ApiErrorText';

const VINTAGES: readonly Vintage[] = ['preliminary', 'final', 'revised'];

/**
 * Enters or corrects one figure. It goes through the same checks as an upload (the entry grid's
 * route): "Check" shows what would change (new, or old → new, with any warning), "Save" commits it
 * as a new revision. Nothing is written before Save.
 */
export function FigureEntry({
  region,
  indicator,
  observation,
  onDone,
}: {
  region: RegionRef;
  indicator: Indicator;
  observation: CurrentObservation | null;
  onDone: () => void;
}) {
  const { lang, t } = useLocale();
  const id = useId();
  const [year, setYear] = useState(String(observation?.year ?? new Date().getFullYear() - 1));
  const [value, setValue] = useState('');
  const [vintage, setVintage] = useState<Vintage>(observation?.vintage ?? 'preliminary');
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<'year' | 'value' | 'source' | null>(null);
  // The confirm step: a figure the checks warn about is saved only once the person says they checked it.
  const [confirmed, setConfirmed] = useState(false);
  const check = useGridPreview();
  const commit = useCommitImport();
  const discard = useDiscardImport();
  const resultRef = useRef<HTMLDivElement>(null);
  const unit = lang === 'en' ? indicator.unitEn : indicator.unit;

  const review = useReviewRequired();
  const [explanation, setExplanation] = useState('');
  const preview = check.data;
  const figure = preview?.rows[0];
  const issues = preview?.issues ?? [];
  const warned = preview && canCommit(preview) ? (preview.warnedRows ?? []) : [];

  useEffect(() => {
    if (check.isSuccess || commit.isSuccess) resultRef.current?.focus();
  }, [check.isSuccess, commit.isSuccess]);

  // A changed form makes the last check stale.
  const changed = () => {
    if (check.data?.import.status === 'preview' && !commit.isSuccess) discard.mutate(check.data.import.id);
    check.reset();
    commit.reset();
    setConfirmed(false);
    setExplanation('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const y = Number(year);
    if (!Number.isInteger(y) || y < 1949 || y > 2100) return setProblem('year');
    if (!value.trim()) return setProblem('value');
    if (!source.trim()) return setProblem('source');
    setProblem(null);
    setConfirmed(false);
    check.mutate({
      region: region.code,
      defaultVintage: vintage,
      defaultSource: source.trim(),
      figures: [{ indicator: indicator.code, year: y, value: value.trim(), ...(note.trim() ? { note: note.trim() } : {}) }],
    });
  };

  const field = (setter: (v: string) => void) => (event: { target: { value: string } }) => {
    setter(event.target.value);
    changed();
  };

  return (
    <form className="form figure-entry" onSubmit={submit} noValidate>
      <p className="muted">
        {t('imports.figure.for', {
          region: lang === 'en' ? region.nameEn : region.nameZh,
          indicator: lang === 'en' ? indicator.nameEn : indicator.nameZh,
        })}
      </p>
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('imports.preview.year')}</label>
          <input id={`${id}-year`} type="number" min={1949} max={2100} step={1} value={year} onChange={field(setYear)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('imports.figure.value', { unit })}</label>
          <input
            id={`${id}-value`}
            inputMode="decimal"
            value={value}
            aria-describedby={`${id}-value-hint`}
            onChange={field(setValue)}
          />
          <p id={`${id}-value-hint`} className="field__hint">
            {t('imports.figure.valueHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-vintage`}>{t('imports.entry.vintage')}</label>
          <select id={`${id}-vintage`} value={vintage} onChange={field((v) => setVintage(v as Vintage))}>
            {VINTAGES.map((v) => (
              <option key={v} value={v}>
                {t(`vintage.${v}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-source`}>{t('imports.figure.source')}</label>
        <input
          id={`${id}-source`}
          value={source}
          maxLength={300}
          placeholder={t('imports.form.sourcePlaceholder')}
          onChange={field(setSource)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('imports.figure.note')}</label>
        <input id={`${id}-note`} value={note} maxLength={1000} onChange={field(setNote)} />
      </div>
      {problem || check.isError ? (
        <p className="notice notice--error" role="alert">
          {problem ? t(`imports.figure.missing.${problem}`) : <ApiErrorText error={check.error} />}
        </p>
      ) : null}
      {preview ? (
        <div className="figure-entry__result" ref={resultRef} tabIndex={-1} role="status">
          {commit.isSuccess ? (
            <p className="notice notice--ok">
              {commit.data.pendingReview !== undefined
                ? t('imports.commit.pendingReview', { count: commit.data.pendingReview })
                : t('imports.figure.saved')}
            </p>
          ) : (
            <>
              {figure ? (
                <p>
                  <LineKindLabel kind={lineKindOf(figure.status)} />{' '}
                  {figure.old && figure.status !== 'new' ? (
                    <>
                      <FigureValue
                        value={figure.old.published ? figure.old.value : null}
                        indicator={indicator}
                        vintage={figure.old.vintage}
                      />
                      {figure.old.isSample ? (
                        <>
                          {' '}
                          <span className="badge badge--sample" title={t('target.sampleHint')}>
                            {t('target.sample')}
                          </span>
                        </>
                      ) : null}
                      {' → '}
                    </>
                  ) : null}
                  <FigureValue value={figure.value} indicator={indicator} vintage={figure.vintage} />
                </p>
              ) : null}
              {figure?.conversion ? (
                <p className="pline__note">
                  {t('imports.preview.conversion', {
                    from: figure.conversion.fromUnit,
                    to: figure.conversion.toUnit,
                    factor: String(figure.conversion.factor),
                  })}
                </p>
              ) : null}
              {issues.map((issue) => (
                <p key={`${issue.code}-${issue.column}`} className={`pline__issue pline__issue--${issue.severity}`}>
                  <LineKindLabel kind={issue.severity === 'error' ? 'error' : 'warning'} />{' '}
                  {withoutPosition(lang === 'en' ? issue.message.en : issue.message.zh)}
                </p>
              ))}
              {warned.length > 0 && review ? (
                <p className="field">
                  <label htmlFor={`${id}-explanation`}>{t('review.mine.explanation')}</label>
                  <textarea
                    id={`${id}-explanation`}
                    rows={2}
                    maxLength={2000}
                    value={explanation}
                    placeholder={t('imports.preview.explanationHint')}
                    onChange={(event) => setExplanation(event.target.value)}
                  />
                </p>
              ) : warned.length > 0 ? (
                <p className="figure-entry__confirm">
                  <input
                    type="checkbox"
                    id={`${id}-confirm`}
                    checked={confirmed}
                    aria-describedby={confirmed ? undefined : `${id}-confirm-hint`}
                    onChange={(event) => setConfirmed(event.target.checked)}
                  />
                  <label htmlFor={`${id}-confirm`}>{t('imports.figure.acknowledge')}</label>
                  {confirmed ? null : (
                    <span id={`${id}-confirm-hint`} className="field__hint">
                      {t('imports.figure.acknowledgeFirst')}
                    </span>
                  )}
                </p>
              ) : null}
            </>
          )}
        </div>
      ) : null}
      {commit.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={commit.error} />
        </p>
      ) : null}
      <p className="form__actions">
        {commit.isSuccess ? (
          <button type="button" className="button" onClick={onDone}>
            {t('imports.dialog.close')}
          </button>
        ) : (
          <>
            <button type="submit" className="button button--secondary" disabled={check.isPending}>
              {t('imports.figure.check')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={
                !preview ||
                !canCommit(preview) ||
                preview.import.summary.new + preview.import.summary.changed === 0 ||
                (warned.length > 0 && (review ? !explanation.trim() : !confirmed)) ||
                commit.isPending
              }
              onClick={() =>
                preview &&
                commit.mutate(
                  review
                    ? {
                        id: preview.import.id,
                        acknowledged: [],
                        explanations: Object.fromEntries(warned.map((row) => [String(row), explanation.trim()])),
                      }
                    : { id: preview.import.id, acknowledged: confirmed ? warned : [] },
                )
              }
            >
              {t('imports.figure.save')}
            </button>
          </>
        )}
      </p>
    </form>
  );
}
