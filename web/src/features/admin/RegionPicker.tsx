import { useId } from 'react';
import type { Region } from '../../api/types';
import { useLocale } from '../../i18n/useLocale';

/** The regions a statistician writes for: checkboxes, provinces and cities first, then counties. */
export function RegionPicker({
  regions,
  value,
  onChange,
  legend,
}: {
  regions: Region[];
  value: string[];
  onChange: (codes: string[]) => void;
  legend: string;
}) {
  const { lang } = useLocale();
  const id = useId();
  const order = { country: 0, province: 1, prefecture: 2, county: 3 } as const;
  const sorted = [...regions].sort((a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code));
  const toggle = (code: string, on: boolean) => onChange(on ? [...new Set([...value, code])] : value.filter((c) => c !== code));
  return (
    <fieldset className="region-picker">
      <legend>{legend}</legend>
      <ul>
        {sorted.map((region) => (
          <li key={region.code}>
            <input
              type="checkbox"
              id={`${id}-${region.code}`}
              checked={value.includes(region.code)}
              onChange={(e) => toggle(region.code, e.target.checked)}
            />
            <label htmlFor={`${id}-${region.code}`}>
              {lang === 'en' ? region.nameEn : region.nameZh} <span className="muted">{region.code}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
