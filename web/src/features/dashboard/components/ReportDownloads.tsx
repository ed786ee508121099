import { type MouseEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiDownload } from '../../../api/client';
import type { RegionRef } from '../../../api/types';
import { useLocale } from '../../../i18n/useLocale';
import { ApiErrorText } from '../../session/ApiErrorText';

/** A region the plan's targets name, and how many of them name it. */
export interface ReportScope {
  region: RegionRef;
  targetCount: number;
}

/**
 * The regions a report can be narrowed to: each region the plan's targets name, the plan's own
 * region first, then by code. One region only: nothing to choose.
 */
export function reportScopes(targets: { region: RegionRef }[], planRegionCode: string): ReportScope[] {
  const byCode = new Map<string, ReportScope>();
  for (const { region } of targets) {
    const found = byCode.get(region.code);
    if (found) found.targetCount++;
    else byCode.set(region.code, { region, targetCount: 1 });
  }
  return [...byCode.values()].sort(
    (a, b) =>
      Number(b.region.code === planRegionCode) - Number(a.region.code === planRegionCode) ||
      a.region.code.localeCompare(b.region.code),
  );
}

const WHOLE_PLAN = '';
/** The URL's name for the report scope (a region code; absent: the whole plan). */
const SCOPE_PARAM = 'reportRegion';

/**
 * The plan's progress report as PDF and as a Word briefing (in the page's language), Excel and CSV,
 * as of the year on screen. Links to the server's report routes (so "open in new tab" and a copied
 * link work), but a click fetches the file first: a refusal (too many of the reader's reports at once,
 * a session expired) is then said on the page in the reader's language, not shown as raw JSON. Where
 * the plan's targets name more than one region, a select narrows the files to one region's targets.
 */
export function ReportDownloads({ slug, asOf, scopes = [] }: { slug: string; asOf: number | null; scopes?: ReportScope[] }) {
  const { lang, t } = useLocale();
  const id = useId();
  // The scope lives in the URL like the rest of the view, so a shared link downloads the same report.
  const [params, setParams] = useSearchParams();
  const region = params.get(SCOPE_PARAM) ?? WHOLE_PLAN;
  const setRegion = (code: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (code === WHOLE_PLAN) next.delete(SCOPE_PARAM);
        else next.set(SCOPE_PARAM, code);
        return next;
      },
      { replace: true },
    );
  const chosen = scopes.some((s) => s.region.code === region) ? region : WHOLE_PLAN;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams({
      ...(asOf === null ? {} : { asOf: String(asOf) }),
      ...(chosen === WHOLE_PLAN ? {} : { region: chosen }),
      ...extra,
    });
    return `?${params.toString()}`;
  };
  const reportLang = lang === 'en' ? 'en' : 'zh';
  const base = `/api/reports/plans/${encodeURIComponent(slug)}`;
  // The CSV in two encodings, as the upload templates come: UTF-8 with a BOM, and GB18030 for older
  // Excel and tools that read a Chinese CSV only in the national encoding.
  const links = [
    { format: 'pdf', badge: 'PDF', label: t('dashboard.reports.pdf'), href: `${base}.pdf${query({ lang: reportLang })}` },
    { format: 'docx', badge: 'DOCX', label: t('dashboard.reports.docx'), href: `${base}.docx${query({ lang: reportLang })}` },
    { format: 'xlsx', badge: 'XLSX', label: t('dashboard.reports.xlsx'), href: `${base}.xlsx${query({ lang: reportLang })}` },
    { format: 'csv', badge: 'CSV', label: t('dashboard.reports.csv'), href: `${base}.csv${query({ lang: reportLang })}` },
    {
      format: 'csv-gb18030',
      badge: 'CSV',
      label: t('dashboard.reports.csvGb'),
      href: `${base}.csv${query({ lang: reportLang, encoding: 'gb18030' })}`,
    },
  ];
  const [pending, setPending] = useState<string | null>(null);
  const [refused, setRefused] = useState<unknown>(null);
  const download = async (event: MouseEvent<HTMLAnchorElement>, format: string, href: string) => {
    // A modified click (new tab, save link as) is the browser's own.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    setPending(format);
    setRefused(null);
    try {
      const { blob, fileName } = await apiDownload(href);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = fileName ?? '';
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // After the browser has taken the file.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      setRefused(error);
    } finally {
      setPending(null);
    }
  };
  const total = scopes.reduce((n, s) => n + s.targetCount, 0);
  return (
    // Not a heading: the plan page's sections are its headings; this is a toolbar of links.
    <nav className="report-downloads" aria-labelledby="report-downloads-label">
      <p className="report-downloads__heading">
        <span id="report-downloads-label">{t('dashboard.reports.heading')}</span>
        <span className="report-downloads__as-of">
          {asOf === null ? t('dashboard.reports.latest') : t('dashboard.reports.asOf', { year: asOf })}
        </span>
      </p>
      {scopes.length > 1 ? (
        <div className="report-downloads__scope">
          <label htmlFor={id} className="report-downloads__scope-label">
            {t('dashboard.reports.scope')}
          </label>
          <select
            id={id}
            className="as-of__select report-downloads__scope-select"
            value={chosen}
            onChange={(event) => setRegion(event.currentTarget.value)}
          >
            <option value={WHOLE_PLAN}>{t('dashboard.reports.wholePlan', { count: total })}</option>
            {scopes.map((s) => (
              <option key={s.region.code} value={s.region.code}>
                {t('dashboard.reports.regionScope', {
                  region: lang === 'en' ? s.region.nameEn : s.region.nameZh,
                  count: s.targetCount,
                })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <ul>
        {links.map((link) => (
          <li key={link.format}>
            <a
              href={link.href}
              download
              data-report={link.format}
              className="report-downloads__link"
              aria-busy={pending === link.format}
              onClick={(event) => void download(event, link.format, link.href)}
            >
              <span className="report-downloads__format" aria-hidden="true">
                {link.badge}
              </span>
              {link.label}
              {pending === link.format ? (
                <span className="report-downloads__pending">{t('dashboard.reports.making')}</span>
              ) : null}
            </a>
          </li>
        ))}
      </ul>
      {refused ? (
        <p className="notice notice--error report-downloads__refused" role="alert">
          <ApiErrorText error={refused} />
        </p>
      ) : null}
    </nav>
  );
}
