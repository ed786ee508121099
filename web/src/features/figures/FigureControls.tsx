import { useState } from 'react';
import type { CurrentObservation, Indicator, RegionRef } from '../../api/types';
import { formatYear } from '../../format/plans';
import { useLocale } from '../../i18n/useLocale';
import { canWriteRegion } from '../session/permissions';
import { useCurrentUser } from '../session/queries';
import { Dialog } from './Dialog';
import { FigureEntry } from './FigureEntry';
import { FigureHistory } from './FigureHistory';
import '../../styles/write.css';

/**
 * Beside a figure: "History" (every revision, who, when, source; Restore for those allowed) for
 * anyone who can read it, and "Enter / correct" for statisticians of the region and administrators.
 */
export function FigureControls({
  region,
  indicator,
  observation,
}: {
  region: RegionRef;
  indicator: Indicator;
  observation: CurrentObservation | null;
}) {
  const { lang, t } = useLocale();
  const user = useCurrentUser();
  const [open, setOpen] = useState<'history' | 'entry' | null>(null);
  const mayWrite = canWriteRegion(user, region.code);
  if (!observation && !mayWrite) return null;
  const name = lang === 'en' ? indicator.nameEn : indicator.nameZh;
  const regionName = lang === 'en' ? region.nameEn : region.nameZh;
  return (
    <div className="figure-controls">
      {observation ? (
        <button
          type="button"
          className="link-button"
          aria-haspopup="dialog"
          onClick={() => setOpen('history')}
          data-action="history"
        >
          {t('imports.figure.history')}
          <span className="visually-hidden">
            {' '}
            {name} {formatYear(observation.year, lang)}
          </span>
        </button>
      ) : null}
      {mayWrite ? (
        <button type="button" className="link-button" aria-haspopup="dialog" onClick={() => setOpen('entry')} data-action="enter">
          {t('imports.figure.enter')}
          <span className="visually-hidden"> {name}</span>
        </button>
      ) : null}
      {open === 'history' && observation ? (
        <Dialog
          wide
          onClose={() => setOpen(null)}
          title={t('imports.revisions.title', { indicator: name, region: regionName, year: formatYear(observation.year, lang) })}
        >
          <FigureHistory region={region} indicator={indicator} year={observation.year} />
        </Dialog>
      ) : null}
      {open === 'entry' ? (
        <Dialog onClose={() => setOpen(null)} title={t('imports.figure.enterTitle', { indicator: name })}>
          <FigureEntry region={region} indicator={indicator} observation={observation} onDone={() => setOpen(null)} />
        </Dialog>
      ) : null}
    </div>
  );
}
