import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { ErrorMessage, Loading } from '../../../app/QueryStatus';
import { useLocale } from '../../../i18n/useLocale';
import { ApiErrorText } from '../../session/ApiErrorText';
import { formatDateTime } from '../../session/time';
import { useRevertImport } from '../mutations';
import { importQueries } from '../queries';
import { nameOf, referenceQueries } from '../reference';
import type { RevertFigure, RevertPlan, RevertResult } from '../types';
import { FigureValue } from './FigureValue';

type FigureState = RevertFigure['uploaded'];

/** A figure's state in a revert: its value, that it is withdrawn, or (null) that there was none before the upload. */
function StateValue({ state, indicatorCode }: { state: FigureState | null; indicatorCode: string }) {
  const { t } = useLocale();
  const indicators = useQuery(referenceQueries.indicators());
  if (state === null) return <span className="revert-figures__withdrawn">{t('imports.revert.noneBefore')}</span>;
  if (state.withdrawn) return <span className="revert-figures__withdrawn">{t('imports.revert.withdrawnValue')}</span>;
  return (
    <>
      <FigureValue
        value={state.published ? state.value : null}
        indicator={indicators.data?.find((i) => i.code === indicatorCode)}
        vintage={state.vintage}
      />
      {state.isSample ? (
        <>
          {' '}
          <span className="badge badge--sample">{t('target.sample')}</span>
        </>
      ) : null}
    </>
  );
}

/** Figures of a revert plan: which figure, what the upload wrote, what it is now, and what it was before. */
function FigureTable({ figures, caption, showRevised }: { figures: RevertFigure[]; caption: string; showRevised: boolean }) {
  const { lang, t } = useLocale();
  const regions = useQuery(referenceQueries.regions());
  const indicators = useQuery(referenceQueries.indicators());
  return (
    <div className="table-scroll">
      <table className="data-table revert-figures">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.preview.region')}</th>
            <th scope="col">{t('imports.preview.indicator')}</th>
            <th scope="col">{t('imports.preview.year')}</th>
            <th scope="col">{t('imports.revert.uploaded')}</th>
            <th scope="col">{t('imports.revert.now')}</th>
            <th scope="col">{t('imports.revert.beforeUpload')}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={`${f.regionCode}/${f.indicatorCode}/${f.year}`} data-year={f.year} data-indicator={f.indicatorCode}>
              <td>{nameOf(regions.data, f.regionCode, lang)}</td>
              <td>{nameOf(indicators.data, f.indicatorCode, lang)}</td>
              <th scope="row">{f.year}</th>
              <td>
                <StateValue state={f.uploaded} indicatorCode={f.indicatorCode} />
              </td>
              <td>
                <StateValue state={f.current} indicatorCode={f.indicatorCode} />
                {showRevised && f.revisedSince ? (
                  <span className="revert-figures__by muted">
                    {' '}
                    {t(f.current.importId === null ? 'imports.revert.revisedByHand' : 'imports.revert.revisedByUpload', {
                      name: f.current.enteredBy,
                      at: formatDateTime(f.current.enteredAt, lang),
                    })}
                  </span>
                ) : null}
              </td>
              <td>
                <StateValue state={f.restoreTo} indicatorCode={f.indicatorCode} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The counts of a plan (or of a revert done), one line each, only those that are not zero. */
function Counts({ plan }: { plan: RevertPlan }) {
  const { t } = useLocale();
  const lines = (['restore', 'withdraw', 'leftAlone', 'unchanged', 'openSubmissions'] as const).filter(
    (k) => (plan.summary[k] ?? 0) > 0,
  );
  if (lines.length === 0) return <p>{t('imports.revert.nothing')}</p>;
  return (
    <ul className="revert-counts">
      {lines.map((k) => (
        <li key={k} data-count={k}>
          {t(`imports.revert.count.${k}`, { count: plan.summary[k] })}
        </li>
      ))}
    </ul>
  );
}

/** What reverting an upload will do, the choice about figures revised since, and the confirmation. */
export function RevertUpload({ importId, onDone }: { importId: number; onDone: () => void }) {
  const { t } = useLocale();
  const id = useId();
  const [includeRevisedSince, setIncludeRevisedSince] = useState(false);
  const plan = useQuery({ ...importQueries.revertPlan(importId, includeRevisedSince), placeholderData: (previous) => previous });
  const revert = useRevertImport();
  const [done, setDone] = useState<RevertResult | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) statusRef.current?.focus();
  }, [done]);

  if (done) {
    return (
      <div className="revert-upload revert-upload--done">
        <p ref={statusRef} tabIndex={-1} role="status" className="notice notice--ok">
          {t('imports.revert.done', { count: done.written })}
        </p>
        <Counts plan={done} />
        <p>
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('imports.dialog.close')}
          </button>
        </p>
      </div>
    );
  }
  if (plan.isPending) return <Loading />;
  if (plan.isError) {
    // Refused before anything is shown (reverted already, regions no longer assigned): said as the server words it.
    if (plan.error instanceof ApiError && plan.error.messages) {
      return (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={plan.error} />
        </p>
      );
    }
    return <ErrorMessage error={plan.error} onRetry={() => void plan.refetch()} />;
  }
  const p = plan.data;
  const revised = [...p.restore, ...p.withdraw, ...p.unchanged, ...p.leftAlone].filter((f) => f.revisedSince);
  const toWrite = p.summary.restore + p.summary.withdraw;
  const stale = revert.error instanceof ApiError && revert.error.code === 'revert_stale';
  return (
    <div className="revert-upload" data-import-id={importId}>
      <p>{t('imports.revert.intro')}</p>
      <Counts plan={p} />
      {revised.length > 0 || p.summary.leftAlone > 0 ? (
        <section className="revert-upload__revised" aria-labelledby={`${id}-revised`}>
          <h3 id={`${id}-revised`}>{t('imports.revert.revisedTitle')}</h3>
          <p>{t('imports.revert.revisedIntro')}</p>
          <FigureTable figures={revised} caption={t('imports.revert.revisedTitle')} showRevised />
          <div className="field field--check">
            <input
              id={`${id}-include`}
              type="checkbox"
              checked={includeRevisedSince}
              disabled={revert.isPending || plan.isFetching}
              onChange={(e) => {
                revert.reset();
                setIncludeRevisedSince(e.target.checked);
              }}
            />
            <label htmlFor={`${id}-include`}>{t('imports.revert.include')}</label>
          </div>
        </section>
      ) : null}
      {p.restore.length + p.withdraw.length > 0 ? (
        <details className="revert-upload__details">
          <summary>{t('imports.revert.detailsTitle', { count: toWrite })}</summary>
          <FigureTable
            figures={[...p.restore, ...p.withdraw]}
            caption={t('imports.revert.detailsTitle', { count: toWrite })}
            showRevised={false}
          />
          {p.summary.restore > p.listed || p.summary.withdraw > p.listed ? (
            <p className="muted">{t('imports.revert.listed', { count: p.listed })}</p>
          ) : null}
        </details>
      ) : null}
      {revert.isError ? (
        <p className="notice notice--error" role="alert">
          <ApiErrorText error={revert.error} />
        </p>
      ) : null}
      <p className="form__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={revert.isPending || plan.isFetching || stale}
          onClick={() =>
            revert.mutate(
              { id: importId, includeRevisedSince, fingerprint: p.fingerprint },
              { onSuccess: (result) => setDone(result) },
            )
          }
        >
          {revert.isPending ? t('imports.revert.working') : t('imports.revert.confirm', { count: toWrite })}
        </button>
        {stale ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              revert.reset();
              void plan.refetch();
            }}
          >
            {t('imports.revert.lookAgain')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('imports.revisions.restoreNo')}
        </button>
      </p>
    </div>
  );
}
