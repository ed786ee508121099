import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import type { CollectionRound, CollectionUnit, RoundTodoItem, Vintage } from '../../api/types';
import { LangLink } from '../../app/LangLink';
import { ErrorMessage, Loading } from '../../app/QueryStatus';
import { formatQuantity } from '../../format/numbers';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { PreviewView } from '../imports/components/PreviewView';
import { UploadErrorText } from '../imports/components/UploadErrorText';
import { useDiscardImport, useGridPreview } from '../imports/mutations';
import { importQueries } from '../imports/queries';
import { VINTAGES } from '../imports/UploadsPage';
import { RequireSignIn } from '../session/RequireSignIn';
import { roundQueries } from './queries';
import { unitName } from './rounds';
import { StatusBadge } from './StatusBadge';
import { EARLIER_COLUMNS, fillable, type TodoLine, todoFigures } from './todo';
import '../../styles/write.css';
import '../../styles/rounds.css';

/**
 * One region's figures of one round, in a grid: the last three years beside each field. What is
 * typed goes through the entry grid's own path (POST /api/imports/grid, then the preview and its
 * commit), so the figure checks, their acknowledgement or explanation, and review all apply.
 */
function RoundGrid({
  round,
  items,
  units,
}: {
  round: CollectionRound;
  items: RoundTodoItem[];
  units: Readonly<Record<string, CollectionUnit>>;
}) {
  const { lang, t } = useLocale();
  const id = useId();
  const region = items[0]?.regionCode ?? '';
  const unit = unitName(units, items[0]?.unitId ?? null, lang);
  const roundTitle = lang === 'en' ? round.titleEn : round.titleZh;
  const [lines, setLines] = useState<Record<string, TodoLine>>({});
  const [vintage, setVintage] = useState<Vintage>('preliminary');
  const [source, setSource] = useState(unit ? t('rounds.todo.sourceDefault', { unit, round: roundTitle }) : roundTitle);
  const [empty, setEmpty] = useState(false);
  const preview = useGridPreview();
  const previewId = preview.data?.import.id;
  const stored = useQuery({ ...importQueries.preview(previewId ?? 0), enabled: previewId !== undefined });
  const shown = previewId !== undefined && stored.data?.import.id === previewId ? stored.data : preview.data;
  const discard = useDiscardImport();
  const previewRef = useRef<HTMLElement>(null);
  const years = EARLIER_COLUMNS.map((k) => round.year - k);

  const edit = (code: string, field: keyof TodoLine, value: string) =>
    setLines((all) => ({ ...all, [code]: { ...(all[code] ?? { value: '', note: '' }), [field]: value } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const figures = todoFigures(items, lines, round.year);
    setEmpty(figures.length === 0);
    if (figures.length === 0) return;
    const previous = preview.data?.import;
    if (previous?.status === 'preview') discard.mutate(previous.id);
    preview.mutate(
      { region, defaultVintage: vintage, ...(source.trim() ? { defaultSource: source.trim() } : {}), figures },
      { onSuccess: () => requestAnimationFrame(() => previewRef.current?.focus()) },
    );
  };

  const regionName = lang === 'en' ? (items[0]?.regionNameEn ?? region) : (items[0]?.regionNameZh ?? region);
  return (
    <form className="form entry-form todo-grid" onSubmit={submit} noValidate aria-label={`${roundTitle} · ${regionName}`}>
      <h3>{t('rounds.todo.regionHeading', { region: regionName })}</h3>
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
          <label htmlFor={`${id}-source`}>{t('rounds.todo.source')}</label>
          <input id={`${id}-source`} value={source} maxLength={300} onChange={(e) => setSource(e.target.value)} />
        </div>
      </div>
      <div className="table-scroll">
        <table className="data-table entry-grid">
          <thead>
            <tr>
              <th scope="col">{t('rounds.detail.indicator')}</th>
              {years.map((y) => (
                <th key={y} scope="col" className="num">
                  {t('rounds.todo.earlier', { year: formatYear(y, lang) })}
                </th>
              ))}
              <th scope="col">{t('rounds.list.state')}</th>
              <th scope="col">{t('rounds.todo.newValue', { year: formatYear(round.year, lang) })}</th>
              <th scope="col">{t('rounds.todo.note')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const name = lang === 'en' ? item.indicatorNameEn : item.indicatorNameZh;
              const unitText = lang === 'en' ? item.unitEn : item.unit;
              const line = lines[item.indicatorCode] ?? { value: '', note: '' };
              const open = fillable(item.status);
              return (
                <tr key={item.indicatorCode} data-indicator={item.indicatorCode} data-status={item.status}>
                  <th scope="row">
                    {name}
                    <span className="entry-grid__unit">{unitText}</span>
                  </th>
                  {years.map((y) => {
                    const earlier = item.earlier.find((e) => e.year === y);
                    return (
                      <td key={y} className="num">
                        {earlier?.value != null ? formatQuantity(earlier.value, item.unit, lang) : t('rounds.todo.noEarlier')}
                        {earlier?.isSample ? <span className="badge badge--sample">{t('target.sample')}</span> : null}
                      </td>
                    );
                  })}
                  <td>
                    <StatusBadge status={item.status} />
                    {item.reason ? (
                      <p className="round-items__reason">{t('rounds.detail.reason', { reason: item.reason })}</p>
                    ) : null}
                  </td>
                  <td>
                    {open ? (
                      <input
                        className="entry-grid__value"
                        inputMode="decimal"
                        value={line.value}
                        aria-label={t('rounds.todo.valueFor', { name, year: formatYear(round.year, lang) })}
                        onChange={(e) => edit(item.indicatorCode, 'value', e.target.value)}
                      />
                    ) : null}
                  </td>
                  <td>
                    {open ? (
                      <input
                        aria-label={t('rounds.todo.noteFor', { name })}
                        value={line.note}
                        maxLength={1000}
                        onChange={(e) => edit(item.indicatorCode, 'note', e.target.value)}
                      />
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {empty || preview.isError ? (
        <p className="notice notice--error" role="alert">
          {empty ? t('rounds.todo.empty') : <UploadErrorText error={preview.error} />}
        </p>
      ) : null}
      <p className="form__actions">
        <button type="submit" className="button button--primary" disabled={preview.isPending}>
          {t('rounds.todo.check')}
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

function Todo() {
  const { lang, t } = useLocale();
  const todo = useQuery(roundQueries.todo());
  if (todo.isPending) return <Loading />;
  if (todo.isError) return <ErrorMessage error={todo.error} onRetry={() => void todo.refetch()} />;
  const rounds = todo.data.rounds.filter((r) => r.items.length > 0);
  if (rounds.length === 0) return <p className="empty">{t('rounds.todo.none')}</p>;
  return (
    <>
      {rounds.map(({ round, items }) => {
        const regions = [...new Set(items.map((i) => i.regionCode))];
        return (
          <section key={round.id} className="panel todo-round" aria-labelledby={`round-${round.id}`}>
            <h2 id={`round-${round.id}`}>
              <LangLink to={`/rounds/${round.id}`}>{lang === 'en' ? round.titleEn : round.titleZh}</LangLink>{' '}
              <span className="muted">{t('rounds.todo.due', { due: round.dueDate })}</span>
            </h2>
            <p className="field__hint">
              {t('rounds.todo.upload')}{' '}
              <a href={`/api/rounds/${round.id}/template.csv?lang=${lang === 'en' ? 'en' : 'zh'}`} download>
                {t('rounds.todo.template')}
              </a>{' '}
              · <LangLink to="/uploads">{t('rounds.todo.uploadPage')}</LangLink>
            </p>
            {regions.map((code) => (
              <RoundGrid key={code} round={round} items={items.filter((i) => i.regionCode === code)} units={todo.data.units} />
            ))}
          </section>
        );
      })}
    </>
  );
}

export default function TodoPage() {
  const { t } = useLocale();
  return (
    <RequireSignIn>
      <div className="page todo">
        <title>{t('app.pageTitle', { page: t('rounds.todo.title') })}</title>
        <div className="page-intro">
          <h1>{t('rounds.todo.title')}</h1>
          <p className="lede">{t('rounds.todo.intro')}</p>
        </div>
        <Todo />
      </div>
    </RequireSignIn>
  );
}
