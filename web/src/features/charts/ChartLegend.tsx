import { type LegendItem, markerPath } from './symbols';

/** One legend symbol, drawn with the same geometry as the chart and the exported image. */
function LegendMark({ item }: { item: LegendItem }) {
  const { symbol } = item;
  return (
    <svg className="chart-legend__symbol" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true" focusable="false">
      {symbol.kind === 'line' ? (
        <>
          <path d="M1 7H27" stroke={symbol.stroke} strokeWidth={symbol.width ?? 2} strokeDasharray={symbol.dash} fill="none" />
          {symbol.marker ? (
            <path d={markerPath(symbol.marker, 14, 7, 3.5)} fill={symbol.stroke} stroke={symbol.stroke} strokeWidth="1.5" />
          ) : null}
        </>
      ) : symbol.kind === 'marker' ? (
        <path
          d={markerPath(symbol.shape, 14, 7, 4.5)}
          fill={symbol.hollow ? '#ffffff' : symbol.color}
          stroke={symbol.color}
          strokeWidth="1.75"
        />
      ) : (
        <rect x="2" y="2" width="24" height="10" rx="2" fill={symbol.fill} fillOpacity={symbol.opacity} />
      )}
    </svg>
  );
}

/** The legend in HTML (text that wraps and reads aloud), each entry with its drawn symbol. */
export function ChartLegend({ items, label }: { items: readonly LegendItem[]; label: string }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="chart-legend__item" data-legend={item.id}>
          <LegendMark item={item} />
          <span>{item.label}</span>
        </li>
      ))}
    </ul>
  );
}
