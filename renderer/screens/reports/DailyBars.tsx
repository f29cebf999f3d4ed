/**
 * A per-day bar chart of sent / delivered / failed / received, drawn as plain SVG (no chart
 * library). The picture is one image to assistive technology, named by a summary of its
 * figures; the Reports screen also gives every figure in a table.
 */
import { useTranslation } from 'react-i18next';
import type { DayFigures } from './figures.ts';

export const CHART_SERIES = ['sent', 'delivered', 'failed', 'received'] as const;
export type ChartSeries = (typeof CHART_SERIES)[number];

const HEIGHT = 120;
const BAR = 4;
const GAP = 4;
const GROUP = CHART_SERIES.length * BAR + GAP;

export interface DailyBarsProps {
  days: readonly DayFigures[];
  /** The summary read out for the whole picture. */
  label: string;
  /** A date as words ("3 Jan"). */
  dayWords: (date: string) => string;
}

export function DailyBars({ days, label, dayWords }: DailyBarsProps) {
  const { t } = useTranslation('reports');
  const max = Math.max(1, ...days.flatMap((d) => CHART_SERIES.map((s) => d[s])));
  const width = Math.max(1, days.length * GROUP);
  return (
    <figure className="daily-bars">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${HEIGHT}`} preserveAspectRatio="none" width="100%" height="160" focusable="false">
        <line x1="0" y1={HEIGHT - 0.5} x2={width} y2={HEIGHT - 0.5} className="daily-bars__axis" />
        {days.map((d, i) => (
          <g key={d.date}>
            <title>{`${dayWords(d.date)}: ${CHART_SERIES.map((s) => `${t(`figure.${s}`)} ${d[s]}`).join(', ')}`}</title>
            {CHART_SERIES.map((s, j) => {
              const h = (d[s] / max) * (HEIGHT - 4);
              return <rect key={s} className={`daily-bars__bar daily-bars__bar--${s}`} x={i * GROUP + GAP / 2 + j * BAR} y={HEIGHT - h} width={BAR} height={h} />;
            })}
          </g>
        ))}
      </svg>
      {days.length > 0 && (
        <div className="daily-bars__ends" aria-hidden="true">
          <span>{dayWords(days[0]!.date)}</span>
          <span>{dayWords(days[days.length - 1]!.date)}</span>
        </div>
      )}
      <figcaption>
        <ul className="daily-bars__legend">
          {CHART_SERIES.map((s) => (
            <li key={s}>
              <span className={`daily-bars__swatch daily-bars__bar--${s}`} aria-hidden="true" />
              {t(`figure.${s}`)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
