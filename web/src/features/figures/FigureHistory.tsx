import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FigureSubmission, Indicator, RegionRef } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { pointSource } from '../../format/chartText';
import { formatQuantity } from '../../format/numbers';
import { useLocale } from '../../i18n/useLocale';
import { FigureValue } from '../imports/components/FigureValue';
import { GRID_FILE_NAME } from '../imports/preview';
import { ApiErrorText } from '../session/ApiErrorText';
import { canEnterFigures, canRestoreFigure } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { formatDateTime } from '../session/time';
import { httpUrl } from './links';
import { useRestoreRevision } from './mutations';
import { figureQueries, type Revision } from './queries';
import { SuppliedApproved } from './SuppliedApproved';

function RestoreButton({
  revision,
  indicator,
  onRestored,
}: {
  revision: Revision;
  indicator: Indicator;
  onRestored: () => void;
}) {
  const { t } = useLocale();
  const restore = useRestoreRevision();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  if (restore.isError) {
    return (
      <p className="notice notice--error" role="alert">
        <ApiErrorText error={restore.error} />
      </p>
    );
  }
  if (!confirming) {
    return (
      <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(true)}>
        {t('imports.revisions.restore')}
        <span className="visually-hidden"> {t('imports.revisions.revisionNumber', { n: revision.id })}</span>
      </button>
    );
  }
  return (
    <div className="restore-confirm">
      <p>
        {t('imports.revisions.restoreConfirm')}{' '}
        <FigureValue value={revision.published ? revision.value : null} indicator={indicator} />
      </p>
      <p className="restore-confirm__actions">
        <button
          ref={confirmRef}
          type="button"
          className="button button--small"
          disabled={restore.isPending}
          onClick={() => restore.mutate(revision.id, { onSuccess: onRestored, onSettled: () => setConfirming(false) })}
        >
          {t('imports.revisions.restoreYes')}
        </button>
        <button type="button" className="button button--small button--secondary" onClick={() => setConfirming(false)}>
          {t('imports.revisions.restoreNo')}
        </button>
      </p>
    </div>
  );
}

/** An upload named in a revision: a link to its page for those who may open it, else its name. */
function UploadName({ upload, linked }: { upload: { id: number; fileName: string }; linked: boolean }) {
  const { t } = useLocale();
  const name = upload.fileName === GRID_FILE_NAME ? t('imports.history.gridEntry') : upload.fileName;
  const text = t('imports.revisions.uploadName', { name, id: upload.id });
  return linked ? <LangLink to={`/uploads/${upload.id}`}>{text}</LangLink> : text;
}

/** How a revision came in: the seed, by hand, an upload (named), a restore, or an upload's revert. */
function RevisionOrigin({
  revision,
  versionOf,
  linked,
}: {
  revision: Revision;
  versionOf: (id: number | null) => number | null;
  linked: boolean;
}) {
  const { t } = useLocale();
  const restored = versionOf(revision.restoredFromId);
  switch (revision.cameFrom) {
    case 'upload':
      return revision.import ? (
        <>
          {t('imports.revisions.from.upload')} <UploadName upload={revision.import} linked={linked} />
        </>
      ) : (
        t('imports.revisions.from.upload')
      );
    case 'revert':
      return (
        <>
          {t('imports.revisions.from.revert')}{' '}
          {revision.revertedImport ? <UploadName upload={revision.revertedImport} linked={linked} /> : null}
          {t('imports.revisions.from.separator')}
          {revision.withdrawn
            ? t('imports.revisions.from.revertWithdrawn')
            : t('imports.revisions.from.revertRestored', { n: restored ?? revision.restoredFromId })}
        </>
      );
    case 'restore':
      return t('imports.revisions.from.restore', { n: restored ?? revision.restoredFromId });
    default:
      return t(`imports.revisions.from.${revision.cameFrom}`);
  }
}

/** The figure's submissions for review, newest first: submitted, then approved, returned or replaced. */
function SubmissionEvents({ submissions, indicator }: { submissions: FigureSubmission[]; indicator: Indicator }) {
  const { lang, t } = useLocale();
  if (submissions.length === 0) return null;
  const unit = lang === 'en' ? indicator.unitEn : indicator.unit;
  const valueText = (s: FigureSubmission) =>
    s.value === null || !s.published ? t('target.notPublished') : formatQuantity(s.value, unit, lang);
  return (
    <section className="submission-events" aria-label={t('review.history.title')}>
      <h3>{t('review.history.title')}</h3>
      <ol>
        {[...submissions].reverse().map((s) => (
          <li key={s.id} data-submission={s.id} data-state={s.state}>
            <p>
              {t('review.history.submitted', {
                name: s.submittedBy,
                at: formatDateTime(s.submittedAt, lang),
                value: valueText(s),
              })}
            </p>
            {s.explanation ? <p className="muted">{t('review.history.explanation', { text: s.explanation })}</p> : null}
            {s.state === 'approved' && s.decidedBy && s.decidedAt ? (
              <p>{t('review.history.approved', { name: s.decidedBy, at: formatDateTime(s.decidedAt, lang) })}</p>
            ) : s.state === 'returned' && s.decidedBy && s.decidedAt ? (
              <p>
                {t('review.history.returned', {
                  name: s.decidedBy,
                  at: formatDateTime(s.decidedAt, lang),
                  reason: s.decisionReason ?? '',
                })}
              </p>
            ) : s.state === 'withdrawn' ? (
              <p className="muted">
                {s.decidedBy && s.decidedAt && s.decisionReason
                  ? `${t('review.history.returned', { name: s.decidedBy, at: formatDateTime(s.decidedAt, lang), reason: s.decisionReason })} `
                  : ''}
                {t('review.history.withdrawn')}
              </p>
            ) : (
              <p className="muted">{t('review.history.pending')}</p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Every stored version of one figure, newest first, with who entered it, when, and from where. */
export function FigureHistory({ region, indicator, year }: { region: RegionRef; indicator: Indicator; year: number }) {
  const { lang, t } = useLocale();
  const user = useCurrentUser();
  const history = useQuery(figureQueries.history(region.code, indicator.code, year));
  const mayRestore = canRestoreFigure(user, region.code);
  const [restored, setRestored] = useState(false);

  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />;
  const revisions = [...history.data.revisions].reverse();
  const latestId = revisions[0]?.id;
  // Revisions are numbered oldest first (第 1 版); a restore names the version it copies.
  const versions = new Map(history.data.revisions.map((r, index) => [r.id, index + 1]));
  const versionOf = (id: number | null) => (id === null ? null : (versions.get(id) ?? null));
  const linked = canEnterFigures(user);
  return (
    <div className="figure-history">
      <p className="muted">{t('imports.revisions.count', { count: revisions.length })}</p>
      {restored ? (
        <p className="notice notice--ok" role="status">
          {t('imports.revisions.restored')}
        </p>
      ) : null}
      <ol className="revision-list" aria-label={t('imports.revisions.listLabel')}>
        {revisions.map((revision, index) => {
          const url = httpUrl(revision.sourceUrl);
          const number = revisions.length - index;
          return (
            <li
              key={revision.id}
              className={`revision${revision.id === latestId ? ' revision--current' : ''}`}
              data-revision={revision.id}
            >
              <div className="revision__head">
                <span className="revision__number">{t('imports.revisions.version', { n: number })}</span>
                {revision.id === latestId && !revision.withdrawn ? (
                  <span className="badge badge--current">{t('imports.revisions.current')}</span>
                ) : null}
                <span className="revision__value">
                  {revision.withdrawn ? (
                    <span className="revision__withdrawn">{t('imports.revisions.withdrawn')}</span>
                  ) : (
                    <FigureValue
                      value={revision.published ? revision.value : null}
                      indicator={indicator}
                      vintage={revision.vintage}
                    />
                  )}
                </span>
                {revision.isSample ? <span className="badge badge--sample">{t('target.sample')}</span> : null}
              </div>
              <dl className="revision__facts">
                <div>
                  <dt>{t('imports.revisions.by')}</dt>
                  <dd>
                    <code>{revision.enteredBy}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t('imports.revisions.at')}</dt>
                  <dd>
                    <time dateTime={revision.enteredAt}>{formatDateTime(revision.enteredAt, lang)}</time>
                  </dd>
                </div>
                <div className="revision__origin">
                  <dt>{t('imports.revisions.from.label')}</dt>
                  <dd>
                    <RevisionOrigin revision={revision} versionOf={versionOf} linked={linked} />
                  </dd>
                </div>
                <div className="revision__source">
                  <dt>{t('imports.revisions.source')}</dt>
                  <dd>
                    {url ? (
                      <a href={url} rel="noreferrer">
                        {revision.sourceTitle}
                      </a>
                    ) : (
                      pointSource(revision, lang)
                    )}
                  </dd>
                </div>
                {revision.approvedBy && revision.submittedBy ? (
                  <div className="revision__review">
                    <dt>{t('review.history.title')}</dt>
                    <dd>
                      <SuppliedApproved figure={revision} />
                    </dd>
                  </div>
                ) : null}
                {revision.note ? (
                  <div className="revision__note">
                    <dt>{t('imports.revisions.note')}</dt>
                    <dd>{revision.note}</dd>
                  </div>
                ) : null}
              </dl>
              {mayRestore && revision.id !== latestId && !revision.withdrawn ? (
                <RestoreButton revision={revision} indicator={indicator} onRestored={() => setRestored(true)} />
              ) : null}
            </li>
          );
        })}
      </ol>
      <SubmissionEvents submissions={history.data.submissions ?? []} indicator={indicator} />
    </div>
  );
}
