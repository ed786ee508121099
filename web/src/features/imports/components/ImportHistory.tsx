import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LangLink } from '../../../app/LangLink';
import { ErrorMessage, Loading } from '../../../app/QueryStatus';
import { useLocale } from '../../../i18n/useLocale';
import { Dialog } from '../../figures/Dialog';
import { formatDateTime } from '../../session/time';
import { GRID_FILE_NAME } from '../preview';
import { importQueries } from '../queries';
import { ImportStatusBadge } from './ImportStatusBadge';
import { RevertUpload } from './RevertUpload';

/**
 * Every upload the user may see (administrators: everyone's), newest first, with who and when; a
 * committed one may be reverted (the list holds only uploads the user may revert: their own, or any
 * for an administrator).
 */
export function ImportHistory() {
  const { lang, t } = useLocale();
  const history = useQuery(importQueries.history());
  const [reverting, setReverting] = useState<{ id: number; name: string } | null>(null);
  const fileLabel = (fileName: string) => (fileName === GRID_FILE_NAME ? t('imports.history.gridEntry') : fileName);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorMessage error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <p className="empty">{t('imports.history.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table history-table">
        <caption className="visually-hidden">{t('imports.history.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.history.file')}</th>
            <th scope="col">{t('imports.history.by')}</th>
            <th scope="col">{t('imports.history.at')}</th>
            <th scope="col">{t('imports.history.counts')}</th>
            <th scope="col">{t('imports.history.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('imports.history.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {history.data.map((record) => (
            <tr key={record.id} data-import-id={record.id}>
              <th scope="row">
                <LangLink to={`/uploads/${record.id}`}>{fileLabel(record.fileName)}</LangLink>
              </th>
              <td>
                <code>{record.userName}</code>
              </td>
              <td className="nowrap">
                <time dateTime={record.createdAt}>{formatDateTime(record.createdAt, lang)}</time>
              </td>
              <td>
                {t('imports.history.countsText', {
                  rows: record.summary.rowsRead,
                  new: record.summary.new,
                  changed: record.summary.changed,
                  errors: record.summary.errors,
                })}
              </td>
              <td>
                <ImportStatusBadge status={record.status} />
                {record.status === 'reverted' && record.revertedAt ? (
                  <span className="muted history-table__decided">
                    {' '}
                    {t('imports.history.decided', { name: record.revertedBy ?? '', at: formatDateTime(record.revertedAt, lang) })}
                  </span>
                ) : record.decidedAt && record.status !== 'preview' ? (
                  <span className="muted history-table__decided">
                    {' '}
                    {t('imports.history.decided', { name: record.decidedBy ?? '', at: formatDateTime(record.decidedAt, lang) })}
                  </span>
                ) : null}
              </td>
              <td>
                {record.status === 'committed' ? (
                  <button
                    type="button"
                    className="button button--small button--secondary"
                    aria-haspopup="dialog"
                    onClick={() => setReverting({ id: record.id, name: fileLabel(record.fileName) })}
                  >
                    {t('imports.revert.open')}
                    <span className="visually-hidden"> {fileLabel(record.fileName)}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reverting ? (
        <Dialog wide onClose={() => setReverting(null)} title={t('imports.revert.title', { file: reverting.name })}>
          <RevertUpload importId={reverting.id} onDone={() => setReverting(null)} />
        </Dialog>
      ) : null}
    </div>
  );
}
