import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Vintage } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { searchWithLang } from '../../i18n/lang';
import { useLocale } from '../../i18n/useLocale';
import { canEnterFigures, writableRegions } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { DropZone } from './components/DropZone';
import { ImportHistory } from './components/ImportHistory';
import { TemplateLinks } from './components/TemplateLinks';
import { UploadErrorText } from './components/UploadErrorText';
import { useUpload } from './mutations';
import { referenceQueries } from './reference';
import '../../styles/write.css';

export const VINTAGES: readonly Vintage[] = ['preliminary', 'final', 'revised'];
const MAX_MB = 10;

function UploadForm() {
  const { lang, t } = useLocale();
  const navigate = useNavigate();
  const id = useId();
  const user = useCurrentUser();
  const regions = useQuery(referenceQueries.regions());
  const mine = writableRegions(user, regions.data ?? []);
  const upload = useUpload();
  const [file, setFile] = useState<File | null>(null);
  const [vintage, setVintage] = useState<Vintage>('preliminary');
  const [source, setSource] = useState('');
  const [region, setRegion] = useState<string | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const defaultRegion = region ?? (user?.role === 'statistician' ? (user.regions[0] ?? '') : '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    upload.reset();
    setMissingFile(!file);
    // The server has the same limit; saying so here saves sending 10 MB to hear it.
    setTooLarge(file !== null && file.size > MAX_MB * 1024 * 1024);
    if (!file || file.size > MAX_MB * 1024 * 1024) return;
    upload.mutate(
      { file, defaultVintage: vintage, defaultSource: source, region: defaultRegion },
      { onSuccess: (preview) => navigate(`/uploads/${preview.import.id}${searchWithLang('', lang)}`) },
    );
  };

  return (
    <form className="form upload-form" onSubmit={submit} noValidate aria-describedby={`${id}-hint`}>
      <p id={`${id}-hint`} className="field__hint">
        {t('imports.form.hint', { mb: MAX_MB })}
      </p>
      <DropZone
        file={file}
        onFile={(f) => {
          setFile(f);
          setMissingFile(false);
          setTooLarge(false);
          upload.reset();
        }}
        describedBy={`${id}-hint`}
      />
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-vintage`}>{t('imports.form.vintage')}</label>
          <select
            id={`${id}-vintage`}
            value={vintage}
            onChange={(e) => setVintage(e.target.value as Vintage)}
            aria-describedby={`${id}-vintage-hint`}
          >
            {VINTAGES.map((v) => (
              <option key={v} value={v}>
                {t(`vintage.${v}`)}
              </option>
            ))}
          </select>
          <p id={`${id}-vintage-hint`} className="field__hint">
            {t('imports.form.vintageHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('imports.form.source')}</label>
          <input
            id={`${id}-source`}
            value={source}
            maxLength={300}
            placeholder={t('imports.form.sourcePlaceholder')}
            aria-describedby={`${id}-source-hint`}
            onChange={(e) => setSource(e.target.value)}
          />
          <p id={`${id}-source-hint`} className="field__hint">
            {t('imports.form.sourceHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('imports.form.region')}</label>
          <select
            id={`${id}-region`}
            value={defaultRegion}
            onChange={(e) => setRegion(e.target.value)}
            aria-describedby={`${id}-region-hint`}
          >
            <option value="">{t('imports.form.regionNone')}</option>
            {mine.map((r) => (
              <option key={r.code} value={r.code}>
                {lang === 'en' ? r.nameEn : r.nameZh} {r.code}
              </option>
            ))}
          </select>
          <p id={`${id}-region-hint`} className="field__hint">
            {t('imports.form.regionHint')}
          </p>
        </div>
      </div>
      {missingFile || tooLarge || upload.isError ? (
        <p className="notice notice--error" role="alert">
          {missingFile ? (
            t('imports.form.missingFile')
          ) : tooLarge ? (
            t('imports.form.tooLarge', { mb: MAX_MB })
          ) : (
            <UploadErrorText error={upload.error} maxMb={MAX_MB} />
          )}
        </p>
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button button--primary" disabled={upload.isPending}>
          {upload.isPending ? t('imports.form.working') : t('imports.form.submit')}
        </button>
        {upload.isPending ? (
          <span className="muted" role="status">
            <span className="spinner spinner--inline" aria-hidden="true" /> {t('imports.form.checking')}
          </span>
        ) : null}
      </p>
    </form>
  );
}

function Uploads() {
  const { t } = useLocale();
  return (
    <div className="page uploads">
      <title>{t('app.pageTitle', { page: t('imports.title') })}</title>
      <div className="page-intro">
        <h1>{t('imports.title')}</h1>
        <p className="lede">{t('imports.intro')}</p>
      </div>
      <div className="uploads__grid">
        <section className="panel" aria-labelledby="upload-h">
          <h2 id="upload-h">{t('imports.form.title')}</h2>
          <UploadForm />
        </section>
        <div className="uploads__aside">
          <section className="panel" aria-labelledby="template-h">
            <h2 id="template-h">{t('imports.template.title')}</h2>
            <TemplateLinks />
          </section>
          <section className="panel" aria-labelledby="bulletin-h">
            <h2 id="bulletin-h">{t('bulletin.title')}</h2>
            <p>{t('bulletin.teaser')}</p>
            <p>
              <LangLink to="/uploads/bulletin" className="button button--secondary">
                {t('bulletin.open')}
              </LangLink>
            </p>
          </section>
          <section className="panel" aria-labelledby="entry-h">
            <h2 id="entry-h">{t('imports.entry.title')}</h2>
            <p>{t('imports.entry.teaser')}</p>
            <p>
              <LangLink to="/uploads/entry" className="button button--secondary">
                {t('imports.entry.open')}
              </LangLink>
            </p>
          </section>
        </div>
      </div>
      <section aria-labelledby="history-h" className="uploads__history">
        <h2 id="history-h">{t('imports.history.title')}</h2>
        <ImportHistory />
      </section>
    </div>
  );
}

export default function UploadsPage() {
  return (
    <RequireSignIn allow={canEnterFigures}>
      <Uploads />
    </RequireSignIn>
  );
}
