import type { ProgressBrief } from '../../../api/types';
import { formatQuantity } from '../../../format/numbers';
import { formatYear } from '../../../format/plans';
import {
  describeBadge,
  describeBasis,
  describeConfidence,
  describeCumulative,
  describeFlags,
  describeJudgedYear,
  describePublishedOnly,
  describeTargetStatus,
  formatPace,
  formatPacePeriod,
  judgedObservation,
} from '../../../format/progress';
import { useLocale } from '../../../i18n/useLocale';
import { ProgressStatusBadge } from './ProgressStatusBadge';

function WarningIcon() {
  return (
    <svg className="flag__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d="M8 1.5 15 14H1L8 1.5Z" fill="currentColor" />
      <path d="M8 6v3.5" stroke="#fff" strokeWidth="1.75" strokeLinecap="round" />
      <circle cx="8" cy="11.75" r="1" fill="#fff" />
    </svg>
  );
}

/**
 * The verdict on one target: the status (word and shape), the flags beside it, the engine's sentence,
 * and the paces in words. `unit` is the indicator's unit in the current language.
 */
export function TargetVerdict({
  result,
  unit,
  yesNo,
  targetYear,
}: {
  result: ProgressBrief;
  unit: string;
  yesNo: boolean;
  targetYear: number | null;
}) {
  const { lang, t } = useLocale();
  const flags = describeFlags(result.flags, unit, lang);
  const detailOf = (code: string) => result.flags.find((f) => f.code === code)?.detail;
  const prominent = flags.filter((f) => f.prominent);
  const notes = flags.filter((f) => !f.prominent);
  const confidence = describeConfidence(result, lang);
  const required = result.requiredAnnualPace;
  const achieved = result.paceAchieved;
  // A yes/no deliverable has no pace: its figures are 0 and 1.
  const showPaces = !yesNo && (required !== null || achieved !== null);
  // The figure the verdict rests on: with an earlier as-of year it is not the latest figure beside it.
  const figure = yesNo ? null : judgedObservation(result);
  const basis = describeBasis(result, lang);
  const publishedOnly = describePublishedOnly(result, lang);
  const judgedYear = describeJudgedYear(result, targetYear, lang);

  return (
    <div className={`verdict pstatus-tone--${result.status}`}>
      <div className="verdict__head">
        <p className="verdict__status">
          <span className="visually-hidden">{t('progress.statusLabel')} </span>
          <ProgressStatusBadge
            status={result.status}
            size="large"
            basis={result.basis}
            label={describeTargetStatus(result, yesNo, lang).label}
          />
          {judgedYear ? (
            <span className="verdict__year" data-judged-year={result.asOf}>
              {t('progress.judgedYear')} {judgedYear.year}
              {judgedYear.why ? <span className="verdict__year-why"> · {judgedYear.why}</span> : null}
            </span>
          ) : null}
        </p>
        {notes.length > 0 || result.badges.length > 0 ? (
          <ul className="verdict__notes" aria-label={t('progress.flagsLabel')}>
            {result.badges.map((badge) => (
              <li key={badge} className="vnote vbadge" data-badge={badge}>
                {describeBadge(badge, lang)}
              </li>
            ))}
            {notes.map((flag) => (
              // The engine's detail is English and technical: a tooltip on English pages; in Chinese the text says it.
              <li
                key={flag.code}
                className={`vnote flag flag--${flag.code}`}
                data-flag={flag.code}
                title={lang === 'en' ? detailOf(flag.code) : undefined}
              >
                {flag.text}
              </li>
            ))}
          </ul>
        ) : null}
      </div>

      {prominent.map((flag) => (
        <div key={flag.code} className="flag flag--prominent" data-flag={flag.code}>
          <WarningIcon />
          <div className="flag__body">
            <p className="flag__text">{flag.text}</p>
            <details className="flag__details">
              <summary>{t('progress.flagDetail')}</summary>
              <p lang="en">{detailOf(flag.code)}</p>
            </details>
          </div>
        </div>
      ))}

      {basis ? (
        <p className="verdict__basis" data-basis="sample">
          <strong>{basis.text}</strong>
          {publishedOnly ? <span className="verdict__published-only"> · {publishedOnly}</span> : null}
        </p>
      ) : null}

      <p className="verdict__explanation" lang={lang === 'en' ? 'en' : 'zh'}>
        {lang === 'en' ? result.explanation.en : result.explanation.zh}
      </p>

      {showPaces || confidence || result.cumulative ? (
        <dl className="verdict__facts">
          {figure ? (
            <div>
              <dt>{t('progress.judgedFigure')}</dt>
              <dd>
                <span className="pace__value">{formatQuantity(figure.value, unit, lang)}</span>{' '}
                <span className="pace__period">{formatYear(figure.year, lang)}</span>
                {figure.isSample ? <span className="badge badge--sample">{t('target.sample')}</span> : null}
              </dd>
            </div>
          ) : null}
          {required ? (
            <div className="pace pace--required">
              <dt>{t('progress.required')}</dt>
              <dd>
                <span className="pace__value">{formatPace(required, unit, 'required', lang)}</span>{' '}
                <span className="pace__period">{formatPacePeriod(required, lang)}</span>
              </dd>
            </div>
          ) : null}
          {achieved && !yesNo ? (
            <div className="pace pace--achieved">
              <dt>{t('progress.achieved')}</dt>
              <dd>
                <span className="pace__value">{formatPace(achieved, unit, 'achieved', lang)}</span>{' '}
                <span className="pace__period">{formatPacePeriod(achieved, lang)}</span>
              </dd>
            </div>
          ) : null}
          {result.cumulative ? (
            <div>
              <dt>{t('progress.cumulative')}</dt>
              <dd>
                <span className="pace__value">{describeCumulative(result.cumulative, unit, lang)}</span>
              </dd>
            </div>
          ) : null}
          {confidence ? (
            <div className="pace pace--confidence" data-confidence="low_confidence">
              <dt>{t('progress.outlook')}</dt>
              <dd>
                <span className="pace__value">{confidence.label}</span> <span className="pace__period">{confidence.why}</span>
              </dd>
            </div>
          ) : null}
        </dl>
      ) : null}
    </div>
  );
}
