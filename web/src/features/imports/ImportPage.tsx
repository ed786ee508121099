import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { useLocale } from '../../i18n/useLocale';
import { canEnterFigures } from '../session/permissions';
import { RequireSignIn } from '../session/RequireSignIn';
import { formatDateTime } from '../session/time';
import { PreviewView } from './components/PreviewView';
import { GRID_FILE_NAME } from './preview';
import { importQueries } from './queries';
import '../../styles/write.css';

function Breadcrumb({ current }: { current?: string }) {
  const { t } = useLocale();
  return (
    <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
      <ol>
        <li>
          <LangLink to="/uploads">{t('imports.title')}</LangLink>
        </li>
        {current ? <li aria-current="page">{current}</li> : null}
      </ol>
    </nav>
  );
}

function ImportDetail() {
  const { lang, t } = useLocale();
  const { id = '' } = useParams();
  const importId = Number(id);
  const valid = Number.isInteger(importId) && importId > 0;
  const preview = useQuery({ ...importQueries.preview(importId), enabled: valid });

  if (!valid || preview.isError) {
    const notFound = !valid || (preview.error instanceof ApiError && preview.error.status === 404);
    return (
      <div className="page">
        <title>{t('app.pageTitle', { page: t('imports.preview.notFound') })}</title>
        <Breadcrumb />
        <ErrorMessage
          error={preview.error ?? new ApiError(404, `No upload ${id}`)}
          title={notFound ? t('imports.preview.notFound') : undefined}
          headingLevel={1}
          onRetry={notFound ? undefined : () => void preview.refetch()}
        />
      </div>
    );
  }
  if (preview.isPending) return <Loading />;

  const record = preview.data.import;
  const fileName = record.fileName === GRID_FILE_NAME ? t('imports.history.gridEntry') : record.fileName;
  return (
    <div className="page">
      <title>{t('app.pageTitle', { page: t('imports.preview.title', { file: fileName }) })}</title>
      <Breadcrumb current={fileName} />
      <header className="page-intro">
        <h1>{t('imports.preview.title', { file: fileName })}</h1>
        <p className="lede">{record.status === 'preview' ? t('imports.preview.intro') : null}</p>
      </header>
      <dl className="import-facts">
        <div>
          <dt>{t('imports.preview.uploadedBy')}</dt>
          <dd>
            <code>{record.userName}</code>
          </dd>
        </div>
        <div>
          <dt>{t('imports.preview.uploadedAt')}</dt>
          <dd>
            <time dateTime={record.createdAt}>{formatDateTime(record.createdAt, lang)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('imports.preview.fileKind')}</dt>
          <dd>
            {[
              record.fileType?.toUpperCase(),
              record.encoding,
              record.sheet ? t('imports.preview.sheet', { sheet: record.sheet }) : null,
            ]
              .filter(Boolean)
              .join(' · ') || '—'}
          </dd>
        </div>
        <div>
          <dt>{t('imports.preview.layout')}</dt>
          <dd>
            {record.layout === 'long' || record.layout === 'wide' ? t(`imports.layout.${record.layout}`) : (record.layout ?? '—')}
          </dd>
        </div>
        <div>
          <dt>{t('imports.form.vintage')}</dt>
          <dd>{t(`vintage.${record.defaultVintage}`)}</dd>
        </div>
        <div>
          <dt>{t('imports.form.source')}</dt>
          <dd>{record.defaultSource ?? '—'}</dd>
        </div>
      </dl>
      <PreviewView preview={preview.data} />
    </div>
  );
}

export default function ImportPage() {
  return (
    <RequireSignIn allow={canEnterFigures}>
      <ImportDetail />
    </RequireSignIn>
  );
}
