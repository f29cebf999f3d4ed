/**
 * The Reports chart: sent, delivered, failed and received per row (day, week or month), drawn by
 * uPlot on a canvas (draw-chart.ts). To assistive technology it is one image named by a summary
 * of its figures and described by the table of the same figures below it; where it cannot be
 * drawn (no canvas, the chart's code did not load) the table alone remains, and says so.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canDraw, drawChart, type ChartInput, type DrawnChart } from './draw-chart.ts';

export interface UsageChartProps {
  input: ChartInput;
  /** The summary read out for the whole picture. */
  label: string;
  /** The id of the table with the same figures. */
  tableId: string;
}

export function UsageChart({ input, label, tableId }: UsageChartProps) {
  const { t } = useTranslation('reports');
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<DrawnChart | null>(null);
  const latest = useRef(input);
  latest.current = input;
  const [drawable] = useState(canDraw);
  const [failed, setFailed] = useState(false);

  // Created once, destroyed with the screen; later figures only update it.
  useEffect(() => {
    const el = box.current;
    if (!drawable || !el) return;
    let live = true;
    drawChart(el, latest.current).then(
      (drawn) => {
        if (live) {
          chart.current = drawn;
          drawn.update(latest.current);
        } else drawn.destroy();
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      chart.current?.destroy();
      chart.current = null;
    };
  }, [drawable]);

  useEffect(() => {
    chart.current?.update(input);
  }, [input]);

  return (
    <figure className="usage-chart">
      <div ref={box} className="usage-chart__canvas" role="img" aria-label={label} aria-describedby={tableId} />
      {(!drawable || failed) && <p className="usage-chart__none">{t('chart.unavailable')}</p>}
    </figure>
  );
}
