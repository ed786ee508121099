import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { LangLink } from '../../../app/LangLink';
import { useLocale } from '../../../i18n/useLocale';
import { useReviewRequired } from '../../review/queries';
import { ApiErrorText } from '../../session/ApiErrorText';
import { formatDateTime } from '../../session/time';
import { useCommitImport, useDiscardImport } from '../mutations';
import {
  acknowledgedRows,
  canCommit,
  commitRefused,
  explanationsToSend,
  filterCounts,
  filterFromParam,
  GRID_FILE_NAME,
  matchesFilter,
  previewLines,
  unacknowledgedRows,
  unexplainedRows,
  withAcknowledged,
} from '../preview';
import { importQueries, PREVIEW_ROWS } from '../queries';
import type { ImportPreview, PreviewRow } from '../types';
import { CommitRefusedText } from './CommitRefusedText';
import { ImportStatusBadge } from './ImportStatusBadge';
import { ImportSummary } from './ImportSummary';
import { PreviewFilterNav, SHOW_PARAM } from './PreviewFilter';
import { PreviewTable } from './PreviewTable';

const NONE: ReadonlySet<number> = new Set();
const NO_TEXTS: Readonly<Record<number, string>> = {};

/** The rows past the first page, fetched one page at a time on request. */
function useMoreRows(id: number, pages: number) {
  const results = useQueries({
    queries: Array.from({ length: pages }, (_, k) => importQueries.moreRows(id, PREVIEW_ROWS * (k + 1))),
  });
  return {
    rows: results.flatMap((r) => r.data ?? []),
    loading: results.some((r) => r.isPending),
  };
}

function CommitBar({
  preview,
  acknowledged,
  onAcknowledge,
  review,
  explanations,
  onDecided,
}: {
  preview: ImportPreview;
  acknowledged: ReadonlySet<number>;
  onAcknowledge: (rows: readonly number[], on: boolean) => void;
  /** Review on: the figures are submitted for review, each flagged row with its explanation. */
  review: boolean;
  explanations: Readonly<Record<number, string>>;
  onDecided?: (what: 'committed' | 'discarded') => void;
}) {
  const { lang, t } = useLocale();
  const commit = useCommitImport();
  const discard = useDiscardImport();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const record = preview.import;
  const toWrite = record.summary.new + record.summary.changed;
  const committable = canCommit(preview);
  // Every row written with a warning must be acknowledged, here for all at once or line by line in
  // the table; the server refuses (409) a commit that leaves one out.
  const warned = preview.warnedRows ?? [];
  // With review on, an explanation stands in for the acknowledgement (the server takes it as one).
  const missing = review ? unexplainedRows(preview, explanations) : unacknowledgedRows(preview, acknowledged);
  const busy = commit.isPending || discard.isPending;
  // Refused by a check made again at commit (age, regions, figures changed since): said in the
  // user's words, not the server's, with the region names of the reference data.
  const refused = commitRefused(commit.error instanceof ApiError ? commit.error : null);

  useEffect(() => {
    if (commit.isSuccess || discard.isSuccess) statusRef.current?.focus();
  }, [commit.isSuccess, discard.isSuccess]);

  if (record.status !== 'preview' || commit.isSuccess) {
    return (
      <div className="commit-bar commit-bar--decided">
        <p
          ref={statusRef}
          tabIndex={-1}
          role="status"
          className={`notice ${record.status === 'committed' || commit.isSuccess ? 'notice--ok' : 'notice--info'}`}
        >
          {commit.isSuccess && commit.data.pendingReview !== undefined
            ? t('imports.commit.pendingReview', { count: commit.data.pendingReview })
            : commit.isSuccess
              ? t('imports.commit.done', { count: commit.data.written })
              : record.status === 'reverted'
                ? t('imports.commit.revertedBy', {
                    name: record.decidedBy ?? record.userName,
                    at: record.decidedAt ? formatDateTime(record.decidedAt, lang) : '',
                    by: record.revertedBy ?? '',
                    when: record.revertedAt ? formatDateTime(record.revertedAt, lang) : '',
                  })
                : record.status === 'committed'
                  ? `${t('imports.commit.committedBy', {
                      name: record.decidedBy ?? record.userName,
                      at: record.decidedAt ? formatDateTime(record.decidedAt, lang) : '',
                    })}${
                      record.acknowledgement
                        ? ` ${t('imports.commit.acknowledgedBy', { name: record.acknowledgement.by, count: record.acknowledgement.rows.length })}`
                        : ''
                    }`
                  : t('imports.commit.discardedBy', {
                      name: record.decidedBy ?? record.userName,
                      at: record.decidedAt ? formatDateTime(record.decidedAt, lang) : '',
                    })}
        </p>
        <p>
          <LangLink to="/uploads">{t('imports.commit.backToUploads')}</LangLink>
        </p>
      </div>
    );
  }

  return (
    <div className="commit-bar">
      {committable && missing.length > 0 ? (
        <p className="commit-bar__text commit-bar__text--blocked" id={`commit-${record.id}-why`}>
          {review
            ? t('imports.commit.unexplained', { count: missing.length })
            : t('imports.commit.unacknowledged', { count: missing.length })}
        </p>
      ) : committable ? (
        <p className="commit-bar__text" id={`commit-${record.id}-why`}>
          {toWrite === 0 ? t('imports.commit.nothing') : t('imports.commit.ready', { count: toWrite })}
        </p>
      ) : (
        <p className="commit-bar__text commit-bar__text--blocked" id={`commit-${record.id}-why`}>
          {t('imports.commit.blocked', { count: record.summary.errors })}
        </p>
      )}
      {committable && warned.length > 0 && review ? (
        <div className="commit-bar__warnings">
          <p>{t('imports.commit.explainNeeded', { count: warned.length })}</p>
        </div>
      ) : committable && warned.length > 0 ? (
        <div className="commit-bar__warnings">
          <p>{t('imports.commit.warnings', { count: warned.length })}</p>
          <p className="commit-bar__acknowledge">
            <input
              type="checkbox"
              id={`commit-${record.id}-ack`}
              checked={missing.length === 0}
              disabled={busy}
              onChange={(event) => onAcknowledge(warned, event.target.checked)}
            />
            <label htmlFor={`commit-${record.id}-ack`}>{t('imports.commit.acknowledgeAll', { count: warned.length })}</label>
          </p>
        </div>
      ) : null}
      {commit.isError || discard.isError ? (
        <p className="notice notice--error" role="alert">
          {refused ? <CommitRefusedText refused={refused} /> : <ApiErrorText error={commit.error ?? discard.error} />}
        </p>
      ) : null}
      <p className="commit-bar__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={!committable || missing.length > 0 || busy}
          aria-describedby={`commit-${record.id}-why`}
          onClick={() =>
            commit.mutate(
              review
                ? { id: record.id, acknowledged: [], explanations: explanationsToSend(preview, explanations) }
                : { id: record.id, acknowledged: acknowledgedRows(preview, acknowledged) },
              { onSuccess: () => onDecided?.('committed') },
            )
          }
        >
          {commit.isPending
            ? t('imports.commit.working')
            : review
              ? t('imports.commit.submit', { count: toWrite })
              : t('imports.commit.commit', { count: toWrite })}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={busy}
          onClick={() => discard.mutate(record.id, { onSuccess: () => onDecided?.('discarded') })}
        >
          {t('imports.commit.discard')}
        </button>
      </p>
    </div>
  );
}

/** The counts, commit and discard, the filter and the table of one preview. */
export function PreviewView({
  preview,
  onDecided,
}: {
  preview: ImportPreview;
  onDecided?: (what: 'committed' | 'discarded') => void;
}) {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const filter = filterFromParam(params.get(SHOW_PARAM));
  const record = preview.import;
  const figuresTotal = record.summary.new + record.summary.changed + record.summary.unchanged;
  const [pages, setPages] = useState(0);
  const more = useMoreRows(record.id, pages);
  const rows: PreviewRow[] = useMemo(() => [...preview.rows, ...more.rows], [preview.rows, more.rows]);
  const lines = useMemo(() => previewLines({ issues: preview.issues, rows }), [preview.issues, rows]);
  const counts = useMemo(() => filterCounts(lines), [lines]);
  const shown = lines.filter((line) => matchesFilter(line, filter));
  const issuesLeftOut = record.summary.errors + record.summary.warnings - preview.issues.length;
  // Kept with the preview's id: a new check of the entry grid (a new preview in the same view) starts
  // with nothing acknowledged, so no tick is carried over to warnings not yet seen.
  const [ticked, setTicked] = useState<{ id: number; rows: ReadonlySet<number> }>(() => ({ id: record.id, rows: new Set() }));
  const acknowledged = ticked.id === record.id ? ticked.rows : NONE;
  const onAcknowledge = (rows: readonly number[], on: boolean) =>
    setTicked((now) => ({ id: record.id, rows: withAcknowledged(now.id === record.id ? now.rows : NONE, rows, on) }));
  const review = useReviewRequired();
  // The explanations written so far, kept with the preview's id like the ticks.
  const [written, setWritten] = useState<{ id: number; texts: Readonly<Record<number, string>> }>(() => ({
    id: record.id,
    texts: NO_TEXTS,
  }));
  const explanations = written.id === record.id ? written.texts : NO_TEXTS;
  const onExplain = (row: number, text: string) =>
    setWritten((now) => ({ id: record.id, texts: { ...(now.id === record.id ? now.texts : NO_TEXTS), [row]: text } }));

  return (
    <div className="preview-view" data-import-id={record.id}>
      <div className="preview-view__head">
        <ImportStatusBadge status={record.status} />
        <ImportSummary summary={record.summary} />
      </div>
      <CommitBar
        preview={preview}
        acknowledged={acknowledged}
        onAcknowledge={onAcknowledge}
        review={review}
        explanations={explanations}
        onDecided={onDecided}
      />
      <section aria-labelledby={`preview-${record.id}-h`} className="preview-view__table">
        <h2 id={`preview-${record.id}-h`}>{t('imports.preview.heading')}</h2>
        {record.fileName === GRID_FILE_NAME ? <p className="muted">{t('imports.preview.gridRows')}</p> : null}
        <PreviewFilterNav current={filter} counts={counts} />
        <p className="filter-result" role="status">
          {t('imports.preview.showing', { shown: shown.length, total: lines.length })}
        </p>
        {shown.length === 0 ? (
          <p className="empty-state">{t('imports.preview.emptyFilter')}</p>
        ) : (
          <PreviewTable
            lines={shown}
            caption={t('imports.preview.heading')}
            explanations={
              review && canCommit(preview)
                ? { texts: explanations, onChange: onExplain, idPrefix: `preview-${record.id}` }
                : undefined
            }
            acknowledgement={
              !review && canCommit(preview)
                ? { rows: acknowledged, onChange: (row, on) => onAcknowledge([row], on), idPrefix: `preview-${record.id}` }
                : undefined
            }
          />
        )}
        {issuesLeftOut > 0 ? <p className="muted">{t('imports.preview.issuesLeftOut', { count: issuesLeftOut })}</p> : null}
        {rows.length < figuresTotal ? (
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={more.loading}
              onClick={() => setPages((n) => n + 1)}
            >
              {t('imports.preview.more', { shown: rows.length, total: figuresTotal })}
            </button>
          </p>
        ) : null}
      </section>
    </div>
  );
}
