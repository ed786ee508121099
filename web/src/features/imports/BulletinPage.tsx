import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { apiSend } from '../../api/client';
import type { BulletinReadingListed, BulletinRequest, ImportPreview, Vintage } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { formatQuantity } from '../../format/numbers';
import { searchWithLang } from '../../i18n/lang';
import { useLocale } from '../../i18n/useLocale';
import { canEnterFigures, writableRegions } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { UploadErrorText } from './components/UploadErrorText';
import { importQueries } from './queries';
import { nameOf, referenceQueries } from './reference';
import { VINTAGES } from './UploadsPage';
import '../../styles/write.css';

// A bulletin paragraph pasted by a statistician (POST /api/imports/bulletin): the figures found are
// listed with their sentences and growth rates apart; the ticked ones are previewed like an upload's
// rows (the ordinary preview page, /uploads/:id), and committed there.

function useReadBulletin() {
  return useMutation({
    mutationFn: (body: BulletinRequest) => apiSend<{ reading: BulletinReadingListed }>('POST', '/api/imports/bulletin', body),
  });
}

function usePreviewBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulletinRequest) =>
      apiSend<ImportPreview & { reading: BulletinReadingListed }>('POST', '/api/imports/bulletin', body),
    onSuccess: ({ reading: _reading, ...preview }) => {
      queryClient.setQueryData(importQueries.preview(preview.import.id).queryKey, preview);
      return queryClient.invalidateQueries({ queryKey: importQueries.history().queryKey });
    },
  });
}

function Bulletin() {
  const { lang, t } = useLocale();
  const id = useId();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const regions = useQuery(referenceQueries.regions());
  const indicators = useQuery(referenceQueries.indicators());
  const mine = writableRegions(user, regions.data ?? []);
  const [region, setRegion] = useState<string | null>(null);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [sourceTitle, setSourceTitle] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [vintage, setVintage] = useState<Vintage>('final');
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [accepted, setAccepted] = useState<Set<number>>(new Set());
  const [noneChosen, setNoneChosen] = useState(false);
  const read = useReadBulletin();
  const preview = usePreviewBulletin();
  const chosenRegion = region ?? (user?.role === 'statistician' ? (user.regions[0] ?? '') : (mine[0]?.code ?? ''));

  const request = (): BulletinRequest => ({
    region: chosenRegion,
    year: Number(year),
    sourceTitle: sourceTitle.trim(),
    ...(sourceUrl.trim() ? { sourceUrl: sourceUrl.trim() } : {}),
    vintage,
    text,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    preview.reset();
    const incomplete = !chosenRegion || !/^\d{4}$/.test(year) || !sourceTitle.trim() || !text.trim();
    setMissing(incomplete);
    if (incomplete) return;
    read.mutate(request(), {
      onSuccess: ({ reading }) => setAccepted(new Set(reading.proposals.map((p) => p.index))),
    });
  };

  const toPreview = () => {
    setNoneChosen(accepted.size === 0);
    if (accepted.size === 0) return;
    preview.mutate(
      { ...request(), accept: [...accepted].sort((a, b) => a - b) },
      { onSuccess: (answer) => navigate(`/uploads/${answer.import.id}${searchWithLang('', lang)}`) },
    );
  };

  const reading = read.data?.reading;
  const colon = lang === 'en' ? ': ' : '：';
  return (
    <div className="page uploads bulletin">
      <title>{t('app.pageTitle', { page: t('bulletin.title') })}</title>
      <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
        <ol>
          <li>
            <LangLink to="/uploads">{t('imports.title')}</LangLink>
          </li>
          <li aria-current="page">{t('bulletin.title')}</li>
        </ol>
      </nav>
      <div className="page-intro">
        <h1>{t('bulletin.title')}</h1>
        <p className="lede">{t('bulletin.intro')}</p>
      </div>
      <section className="panel">
        <form className="form bulletin-form" onSubmit={submit} noValidate>
          <div className="form__grid">
            <div className="field">
              <label htmlFor={`${id}-region`}>{t('bulletin.form.region')}</label>
              <select id={`${id}-region`} value={chosenRegion} onChange={(e) => setRegion(e.target.value)}>
                {mine.map((r) => (
                  <option key={r.code} value={r.code}>
                    {lang === 'en' ? r.nameEn : r.nameZh} {r.code}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-year`}>{t('bulletin.form.year')}</label>
              <input
                id={`${id}-year`}
                inputMode="numeric"
                value={year}
                maxLength={4}
                aria-describedby={`${id}-year-hint`}
                onChange={(e) => setYear(e.target.value.trim())}
              />
              <p id={`${id}-year-hint`} className="field__hint">
                {t('bulletin.form.yearHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-vintage`}>{t('bulletin.form.vintage')}</label>
              <select id={`${id}-vintage`} value={vintage} onChange={(e) => setVintage(e.target.value as Vintage)}>
                {VINTAGES.map((v) => (
                  <option key={v} value={v}>
                    {t(`vintage.${v}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-title`}>{t('bulletin.form.sourceTitle')}</label>
              <input
                id={`${id}-title`}
                value={sourceTitle}
                maxLength={300}
                placeholder={t('bulletin.form.sourceTitlePlaceholder')}
                onChange={(e) => setSourceTitle(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-url`}>{t('bulletin.form.sourceUrl')}</label>
              <input
                id={`${id}-url`}
                type="url"
                value={sourceUrl}
                maxLength={1000}
                onChange={(e) => setSourceUrl(e.target.value)}
              />
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('bulletin.form.text')}</label>
            <textarea
              id={`${id}-text`}
              rows={8}
              value={text}
              aria-describedby={`${id}-text-hint`}
              onChange={(e) => setText(e.target.value)}
            />
            <p id={`${id}-text-hint`} className="field__hint">
              {t('bulletin.form.textHint')}
            </p>
          </div>
          {missing || read.isError ? (
            <p className="notice notice--error" role="alert">
              {missing ? t('bulletin.form.missing') : <UploadErrorText error={read.error} maxMb={10} />}
            </p>
          ) : null}
          <p className="form__actions">
            <button type="submit" className="button button--primary" disabled={read.isPending}>
              {read.isPending ? t('bulletin.form.reading') : t('bulletin.form.read')}
            </button>
          </p>
        </form>
      </section>

      {reading ? (
        <section className="panel bulletin-proposals" aria-labelledby={`${id}-found`}>
          <h2 id={`${id}-found`}>
            {t('bulletin.proposals.title')}{' '}
            <span className="muted">{t('bulletin.proposals.count', { count: reading.proposals.length })}</span>
          </h2>
          {reading.proposals.length === 0 ? <p>{t('bulletin.proposals.none')}</p> : null}
          <ol className="bulletin-proposals__list">
            {reading.proposals.map((p) => {
              const indicator = indicators.data?.find((i) => i.code === p.indicatorCode);
              const unit = lang === 'en' ? (indicator?.unitEn ?? p.unit) : p.unit;
              return (
                <li key={p.index} className="bulletin-proposal" data-proposal={p.index} data-indicator={p.indicatorCode}>
                  <label className="bulletin-proposal__head">
                    <input
                      type="checkbox"
                      checked={accepted.has(p.index)}
                      onChange={(e) => {
                        const next = new Set(accepted);
                        if (e.target.checked) next.add(p.index);
                        else next.delete(p.index);
                        setAccepted(next);
                        setNoneChosen(false);
                      }}
                    />{' '}
                    <span className="visually-hidden">{t('bulletin.proposals.accept')} </span>
                    <strong>{nameOf(indicators.data, p.indicatorCode, lang)}</strong>
                    {colon}
                    <span className="bulletin-proposal__value">{formatQuantity(p.value, unit, lang)}</span>{' '}
                    {p.conversion ? (
                      <span className="muted">
                        ({t('bulletin.proposals.printed', { printed: `${p.printed.value}${p.printed.unit}` })})
                      </span>
                    ) : null}
                  </label>
                  <blockquote className="bulletin-proposal__sentence">
                    <span className="visually-hidden">{t('bulletin.proposals.sentence')} </span>
                    {p.sentence}
                  </blockquote>
                  {p.changes.length > 0 ? (
                    <p className="bulletin-proposal__changes" data-changes>
                      <span className="label">{t('bulletin.proposals.changes')}</span>
                      {colon}
                      {p.changes.map((c) => c.text).join(lang === 'en' ? '; ' : '；')}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
          {reading.skipped.length > 0 ? (
            <details className="bulletin-skipped">
              <summary>
                {t('bulletin.skipped.title')} ({reading.skipped.length})
              </summary>
              <ul>
                {reading.skipped.map((s) => (
                  <li key={`${s.sentence}:${s.text}:${s.reason}`} data-skipped={s.reason}>
                    {s.text} — {t(`bulletin.skipped.${s.reason}`)}
                    {s.changes.length > 0 ? ` (${s.changes.map((c) => c.text).join(lang === 'en' ? '; ' : '；')})` : ''}
                    {colon}
                    <q>{s.sentence}</q>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {noneChosen || preview.isError ? (
            <p className="notice notice--error" role="alert">
              {noneChosen ? t('bulletin.proposals.chooseOne') : <UploadErrorText error={preview.error} maxMb={10} />}
            </p>
          ) : null}
          {reading.proposals.length > 0 ? (
            <p className="form__actions">
              <button type="button" className="button button--primary" onClick={toPreview} disabled={preview.isPending}>
                {preview.isPending ? t('bulletin.proposals.previewing') : t('bulletin.proposals.preview')}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export default function BulletinPage() {
  return (
    <RequireSignIn allow={canEnterFigures}>
      <Bulletin />
    </RequireSignIn>
  );
}
