import type { TooltipLine } from '../../format/chartText';

export interface ChartTooltipProps {
  title: string;
  lines: readonly TooltipLine[];
}

/** The words of one year of a chart: each series' value, with vintage, sample and source. */
export function ChartTooltip({ title, lines }: ChartTooltipProps) {
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">{title}</p>
      <dl>
        {lines.map((line) => (
          <div key={`${line.key}-${line.label}`} className="chart-tooltip__line" data-line={line.key}>
            <dt>{line.label}</dt>
            <dd>
              <strong>{line.value}</strong>
              {line.notes.length > 0 ? <span className="chart-tooltip__notes"> {line.notes.join(' · ')}</span> : null}
              {line.source ? (
                <span
                  className="chart-tooltip__source"
                  data-source=""
                  lang={/[\u3400-\u9fff]/.test(line.source) ? 'zh' : undefined}
                >
                  {line.source}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
