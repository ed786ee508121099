import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Indicator, RegionRef } from '../../api/types';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { pointSource } from '../../format/chartText';
import { useLocale } from '../../i18n/useLocale';
import { FigureValue } from '../imports/components/FigureValue';
import { ApiErrorText } from '../session/ApiErrorText';
import { canRestoreFigure } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { formatDateTime } from '../session/time';
import { httpUrl } from './links';
import { useRestoreRevision } from './mutations';
import { figureQueries, type Revision } from './queries';

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
                {revision.id === latestId ? <span className="badge badge--current">{t('imports.revisions.current')}</span> : null}
                <span className="revision__value">
                  <FigureValue
                    value={revision.published ? revision.value : null}
                    indicator={indicator}
                    vintage={revision.vintage}
                  />
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
                {revision.note ? (
                  <div className="revision__note">
                    <dt>{t('imports.revisions.note')}</dt>
                    <dd>{revision.note}</dd>
                  </div>
                ) : null}
              </dl>
              {mayRestore && revision.id !== latestId ? (
                <RestoreButton revision={revision} indicator={indicator} onRestored={() => setRestored(true)} />
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
