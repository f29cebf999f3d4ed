/**
 * The Reports chart's drawing, through uPlot (a canvas chart, ~50 KB, loaded only when the
 * Reports screen draws: a dynamic import, so it is its own chunk of the build). Lines with a
 * point per row: sent, delivered, failed, received. The x axis is the rows' index, labelled with
 * their dates, so a day, a week and a month are drawn the same way.
 *
 * A canvas says nothing to assistive technology: the screen names the chart and gives the same
 * figures in a table. Where there is no canvas to draw on (jsdom, which also has no matchMedia,
 * which uPlot reads when it is imported) `canDraw()` is false and nothing is loaded.
 */
import type uPlot from 'uplot';

export const CHART_SERIES = ['sent', 'delivered', 'failed', 'received'] as const;
export type ChartSeries = (typeof CHART_SERIES)[number];

export interface ChartInput {
  /** The x labels, one per row. */
  labels: readonly string[];
  /** One value per row for each series. */
  values: Record<ChartSeries, readonly number[]>;
  /** Each series' name in the UI language (the hover legend). */
  names: Record<ChartSeries, string>;
  /** What a row is ("Date", "Week", "Month"): the hover legend's first entry. */
  rowName: string;
}

export interface DrawnChart {
  update(input: ChartInput): void;
  destroy(): void;
}

/** The CSS variable each series takes its colour from (styles.css), as the totals do. */
const COLOUR_VARIABLES: Record<ChartSeries, [variable: string, fallback: string]> = {
  sent: ['--primary', '#0b5cad'],
  delivered: ['--ok', '#0a6b38'],
  failed: ['--danger', '#b1120b'],
  received: ['--warn-line', '#c28a00'],
};

/** Lines apart by their dash too, for greyscale print and colour-blind eyes (equal figures draw over each other). */
const DASHES: Record<ChartSeries, number[] | undefined> = { sent: undefined, delivered: [8, 4], failed: [2, 3], received: [12, 3, 2, 3] };

const HEIGHT = 220;
/** Room per x label, in CSS pixels. */
const LABEL_SPACE = 72;

export function canDraw(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function' || typeof ResizeObserver !== 'function') return false;
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** Integers from 0 to n - 1, every `step`-th, as many as fit in the width. */
function labelledIndexes(count: number, width: number): number[] {
  const fit = Math.max(1, Math.floor(width / LABEL_SPACE));
  const step = Math.max(1, Math.ceil(count / fit));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  return out;
}

/**
 * Draws into `box` (emptied first).
 * @throws whatever loading uPlot throws (a chunk that cannot load): the caller shows the table only.
 */
export async function drawChart(box: HTMLElement, first: ChartInput): Promise<DrawnChart> {
  const [{ default: UPlot }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]);
  const style = getComputedStyle(box);
  const colour = (s: ChartSeries) => style.getPropertyValue(COLOUR_VARIABLES[s][0]).trim() || COLOUR_VARIABLES[s][1];
  const ink = style.getPropertyValue('--ink-soft').trim() || '#3d4347';
  const grid = style.getPropertyValue('--line').trim() || '#b1b4b6';
  let input = first;

  const options = (width: number): uPlot.Options => ({
    width,
    height: HEIGHT,
    scales: {
      x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
      y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
    },
    axes: [
      {
        stroke: ink,
        grid: { show: false },
        ticks: { stroke: grid },
        splits: (u) => labelledIndexes(input.labels.length, u.width),
        values: (_u, splits) => splits.map((i) => input.labels[i] ?? ''),
      },
      { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000] },
    ],
    series: [
      { label: input.rowName, value: (_u, i) => (i === null ? '' : (input.labels[i] ?? '')) },
      ...CHART_SERIES.map((s): uPlot.Series => ({ label: input.names[s], stroke: colour(s), width: 2, dash: DASHES[s], points: { show: true, size: 6, fill: colour(s) } })),
    ],
    legend: { show: true, live: true },
    cursor: { drag: { x: false, y: false } },
  });
  const data = (): uPlot.AlignedData => [input.labels.map((_, i) => i), ...CHART_SERIES.map((s) => [...input.values[s]])];

  box.replaceChildren();
  const width = () => Math.max(240, Math.floor(box.clientWidth || 640));
  let chart = new UPlot(options(width()), data(), box);
  const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: HEIGHT }));
  resize.observe(box);
  return {
    update(next) {
      const sameShape = next.labels.length === input.labels.length && next.rowName === input.rowName && CHART_SERIES.every((s) => next.names[s] === input.names[s]);
      input = next;
      if (sameShape) chart.setData(data());
      else {
        chart.destroy();
        chart = new UPlot(options(width()), data(), box);
      }
    },
    destroy() {
      resize.disconnect();
      chart.destroy();
    },
  };
}
