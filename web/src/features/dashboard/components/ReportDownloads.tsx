import { useLocale } from '../../../i18n/useLocale';

/**
 * The plan's progress report as PDF (in the page's language), Excel and CSV, as of the year on
 * screen. Plain links to the server's report routes: the browser downloads them itself.
 */
export function ReportDownloads({ slug, asOf }: { slug: string; asOf: number | null }) {
  const { lang, t } = useLocale();
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ ...(asOf === null ? {} : { asOf: String(asOf) }), ...extra });
    return `?${params.toString()}`;
  };
  const reportLang = lang === 'en' ? 'en' : 'zh';
  const base = `/api/reports/plans/${encodeURIComponent(slug)}`;
  const links = [
    { format: 'pdf', label: t('dashboard.reports.pdf'), href: `${base}.pdf${query({ lang: reportLang })}` },
    { format: 'xlsx', label: t('dashboard.reports.xlsx'), href: `${base}.xlsx${query({ lang: reportLang })}` },
    { format: 'csv', label: t('dashboard.reports.csv'), href: `${base}.csv${query({ lang: reportLang })}` },
  ];
  return (
    // Not a heading: the plan page's sections are its headings; this is a toolbar of links.
    <nav className="report-downloads" aria-labelledby="report-downloads-label">
      <p className="report-downloads__heading">
        <span id="report-downloads-label">{t('dashboard.reports.heading')}</span>
        <span className="report-downloads__as-of">
          {asOf === null ? t('dashboard.reports.latest') : t('dashboard.reports.asOf', { year: asOf })}
        </span>
      </p>
      <ul>
        {links.map((link) => (
          <li key={link.format}>
            <a href={link.href} download data-report={link.format} className="report-downloads__link">
              <span className="report-downloads__format" aria-hidden="true">
                {link.format.toUpperCase()}
              </span>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
