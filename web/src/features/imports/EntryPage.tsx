import { useQueries, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Indicator, PlanDetail, Vintage } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { figureQueries } from '../figures/queries';
import { planQueries } from '../plans/queries';
import { canEnterFigures, canWriteRegion } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { RequireSignIn } from '../session/RequireSignIn';
import { FigureValue } from './components/FigureValue';
import { LineKindLabel } from './components/LineKindLabel';
import { PreviewView } from './components/PreviewView';
import { UploadErrorText } from './components/UploadErrorText';
import {
  defaultGridYear,
  EMPTY_LINE,
  type GridLine,
  gridFigures,
  gridIndicators,
  gridYears,
  planRegions,
  resultsByIndicator,
} from './entry';
import { useDiscardImport, useGridPreview } from './mutations';
import { lineKindOf, withoutPosition } from './preview';
import { importQueries } from './queries';
import { VINTAGES } from './UploadsPage';
import '../../styles/write.css';

function Grid({ plan, region, year }: { plan: PlanDetail; region: string; year: number }) {
  const { lang, t } = useLocale();
  const id = useId();
  const indicators = gridIndicators(plan, region);
  const current = useQueries({ queries: indicators.map((i) => figureQueries.series(region, i.code)) });
  const [lines, setLines] = useState<Record<string, GridLine>>({});
  const [vintage, setVintage] = useState<Vintage>('preliminary');
  const [source, setSource] = useState('');
  const [empty, setEmpty] = useState(false);
  const [sent, setSent] = useState<string[]>([]);
  const preview = useGridPreview();
  // The preview as the server now has it (seeded by the check; refetched once committed).
  const previewId = preview.data?.import.id;
  const stored = useQuery({ ...importQueries.preview(previewId ?? 0), enabled: previewId !== undefined });
  const shown = previewId !== undefined && stored.data?.import.id === previewId ? stored.data : preview.data;
  const discard = useDiscardImport();
  const previewRef = useRef<HTMLDivElement>(null);
  const results = preview.data ? resultsByIndicator(sent, preview.data) : null;

  // A refused figure is named by its indicator: the answer counts the figures sent, from 1.
  const sentName = (item: number) => {
    const code = preview.variables?.figures[item - 1]?.indicator;
    const found = indicators.find((i) => i.code === code);
    return found ? (lang === 'en' ? found.nameEn : found.nameZh) : null;
  };

  const edit = (code: string, field: keyof GridLine, value: string) =>
    setLines((all) => ({ ...all, [code]: { ...(all[code] ?? EMPTY_LINE), [field]: value } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { figures, codes } = gridFigures(indicators, lines, year);
    setEmpty(figures.length === 0);
    if (figures.length === 0) return;
    // A preview replaced by a corrected one is discarded, so the history keeps only what matters.
    const previous = preview.data?.import;
    if (previous?.status === 'preview') discard.mutate(previous.id);
    setSent(codes);
    preview.mutate(
      { region, defaultVintage: vintage, ...(source.trim() ? { defaultSource: source.trim() } : {}), figures },
      { onSuccess: () => requestAnimationFrame(() => previewRef.current?.focus()) },
    );
  };

  const storedValue = (indicator: Indicator, index: number) => {
    const series = current[index]?.data?.observations;
    const found = series?.find((o) => o.year === year);
    if (current[index]?.isPending) return <span className="muted">…</span>;
    if (!found) return <span className="muted">{t('imports.entry.noValue')}</span>;
    return (
      <>
        <FigureValue value={found.published ? found.value : null} indicator={indicator} vintage={found.vintage} />
        {found.isSample ? <span className="badge badge--sample">{t('target.sample')}</span> : null}
      </>
    );
  };

  return (
    <form className="form entry-form" onSubmit={submit} noValidate>
      <div className="form__grid">
        <div className="field">
          <label htmlFor={`${id}-vintage`}>{t('imports.form.vintage')}</label>
          <select id={`${id}-vintage`} value={vintage} onChange={(e) => setVintage(e.target.value as Vintage)}>
            {VINTAGES.map((v) => (
              <option key={v} value={v}>
                {t(`vintage.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-source`}>{t('imports.form.source')}</label>
          <input
            id={`${id}-source`}
            value={source}
            maxLength={300}
            placeholder={t('imports.form.sourcePlaceholder')}
            onChange={(e) => setSource(e.target.value)}
          />
        </div>
      </div>
      <p className="field__hint">{t('imports.entry.valueHint')}</p>
      <div className="table-scroll">
        <table className="data-table entry-grid">
          <caption className="visually-hidden">{t('imports.entry.caption', { year: formatYear(year, lang) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('imports.preview.indicator')}</th>
              <th scope="col">{t('imports.entry.current', { year: formatYear(year, lang) })}</th>
              <th scope="col">{t('imports.entry.newValue')}</th>
              <th scope="col">{t('imports.entry.vintage')}</th>
              <th scope="col">{t('imports.entry.source')}</th>
              <th scope="col">{t('imports.entry.note')}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator, index) => {
              const line = lines[indicator.code] ?? EMPTY_LINE;
              const result = results?.get(indicator.code);
              const hasError = result?.issues.some((i) => i.severity === 'error') ?? false;
              const name = lang === 'en' ? indicator.nameEn : indicator.nameZh;
              const rowId = `${id}-${indicator.code}`;
              return (
                <tr key={indicator.code} data-indicator={indicator.code} className={hasError ? 'is-invalid' : undefined}>
                  <th scope="row" id={`${rowId}-name`}>
                    {name}
                    <span className="entry-grid__unit">{lang === 'en' ? indicator.unitEn : indicator.unit}</span>
                  </th>
                  <td>{storedValue(indicator, index)}</td>
                  <td>
                    <input
                      className="entry-grid__value"
                      inputMode="decimal"
                      value={line.value}
                      aria-label={t('imports.entry.valueFor', { name })}
                      aria-invalid={hasError || undefined}
                      aria-describedby={result ? `${rowId}-result` : undefined}
                      onChange={(e) => edit(indicator.code, 'value', e.target.value)}
                    />
                    {result ? (
                      <div id={`${rowId}-result`} className="entry-grid__result">
                        {result.figure ? <LineKindLabel kind={lineKindOf(result.figure.status)} /> : null}
                        {result.issues.map((issue) => (
                          <p key={issue.code} className={`pline__issue pline__issue--${issue.severity}`}>
                            {issue.severity === 'error' ? <LineKindLabel kind="error" /> : <LineKindLabel kind="warning" />}{' '}
                            {withoutPosition(lang === 'en' ? issue.message.en : issue.message.zh)}
                          </p>
                        ))}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <select
                      aria-label={t('imports.entry.vintageFor', { name })}
                      value={line.vintage}
                      onChange={(e) => edit(indicator.code, 'vintage', e.target.value)}
                    >
                      <option value="">{t('imports.entry.asDefault')}</option>
                      {VINTAGES.map((v) => (
                        <option key={v} value={v}>
                          {t(`vintage.${v}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={t('imports.entry.sourceFor', { name })}
                      value={line.source}
                      maxLength={300}
                      onChange={(e) => edit(indicator.code, 'source', e.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('imports.entry.noteFor', { name })}
                      value={line.note}
                      maxLength={1000}
                      onChange={(e) => edit(indicator.code, 'note', e.target.value)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {empty || preview.isError ? (
        <p className="notice notice--error" role="alert">
          {empty ? t('imports.entry.empty') : <UploadErrorText error={preview.error} itemName={sentName} />}
        </p>
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button button--primary" disabled={preview.isPending}>
          {t('imports.entry.check')}
        </button>
      </p>
      {shown ? (
        <section ref={previewRef} tabIndex={-1} className="entry-preview" aria-label={t('imports.preview.heading')}>
          <PreviewView
            preview={shown}
            onDecided={(what) => {
              if (what === 'committed') setLines({});
            }}
          />
        </section>
      ) : null}
    </form>
  );
}

function Entry() {
  const { lang, t } = useLocale();
  const user = useCurrentUser();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const plans = useQuery(planQueries.list());
  const choices = (plans.data ?? []).filter((p) => p.targetCount > 0 && p.periodStart !== null);
  const mine = choices.filter((p) => canWriteRegion(user, p.region.code));
  const offered = mine.length > 0 ? mine : choices;
  const slug = offered.find((p) => p.slug === params.get('plan'))?.slug ?? offered[0]?.slug ?? '';
  const plan = useQuery({ ...planQueries.detail(slug), enabled: slug !== '' });
  const currentYear = new Date().getFullYear();

  const set = (name: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name === 'plan') {
          next.delete('region');
          next.delete('year');
        }
        next.delete('show');
        return next;
      },
      { replace: true },
    );

  if (plans.isPending || (slug && plan.isPending)) return <Loading />;
  if (plans.isError) return <ErrorMessage error={plans.error} onRetry={() => void plans.refetch()} />;
  if (plan.isError) return <ErrorMessage error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <p className="empty">{t('imports.entry.noPlans')}</p>;

  const regions = planRegions(plan.data).filter((r) => canWriteRegion(user, r.code));
  const region = regions.find((r) => r.code === params.get('region'))?.code ?? regions[0]?.code ?? '';
  const years = gridYears(plan.data, currentYear);
  const askedYear = Number(params.get('year'));
  const year = years.includes(askedYear) ? askedYear : defaultGridYear(plan.data, currentYear);

  return (
    <>
      <fieldset className="form__grid entry-choice">
        <legend className="visually-hidden">{t('imports.entry.choose')}</legend>
        <div className="field field--wide">
          <label htmlFor={`${id}-plan`}>{t('imports.template.plan')}</label>
          <select id={`${id}-plan`} value={slug} onChange={(e) => set('plan', e.target.value)}>
            {offered.map((p) => (
              <option key={p.slug} value={p.slug}>
                {lang === 'en' ? p.titleEn : p.titleZh}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-region`}>{t('imports.preview.region')}</label>
          <select
            id={`${id}-region`}
            value={region}
            onChange={(e) => set('region', e.target.value)}
            disabled={regions.length === 0}
          >
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {lang === 'en' ? r.nameEn : r.nameZh}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-year`}>{t('imports.preview.year')}</label>
          <select id={`${id}-year`} value={year} onChange={(e) => set('year', e.target.value)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatYear(y, lang)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {regions.length === 0 ? (
        <p className="notice notice--info">{t('imports.entry.noRegion')}</p>
      ) : (
        <Grid key={`${slug}|${region}|${year}`} plan={plan.data} region={region} year={year} />
      )}
    </>
  );
}

export default function EntryPage() {
  const { t } = useLocale();
  return (
    <RequireSignIn allow={canEnterFigures}>
      <div className="page">
        <title>{t('app.pageTitle', { page: t('imports.entry.title') })}</title>
        <nav className="breadcrumb" aria-label={t('plan.breadcrumb')}>
          <ol>
            <li>
              <LangLink to="/uploads">{t('imports.title')}</LangLink>
            </li>
            <li aria-current="page">{t('imports.entry.title')}</li>
          </ol>
        </nav>
        <div className="page-intro">
          <h1>{t('imports.entry.title')}</h1>
          <p className="lede">{t('imports.entry.intro')}</p>
        </div>
        <Entry />
      </div>
    </RequireSignIn>
  );
}
