import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  color: string;
  /** Points only (a scatter), rather than a line. */
  points?: boolean;
}

interface Props {
  /** Seconds since the epoch, ascending. */
  times: number[];
  series: ChartSeries[];
  yLabel: string;
  /** What the chart shows, for screen readers (the table beside it holds the figures). */
  summary: string;
  height?: number;
  /** Horizontal lines, e.g. a threshold. */
  rules?: { value: number; color: string }[];
}

/** A small time-series chart (uPlot: canvas, ~50 KB, fast with 100,000 points) that follows its box's width. */
export function TimeChart({ times, series, yLabel, summary, height = 220, rules = [] }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const drawRules = (u: uPlot) => {
      const { ctx } = u;
      for (const rule of rules) {
        const y = u.valToPos(rule.value, 'y', true);
        ctx.save();
        ctx.strokeStyle = rule.color;
        ctx.setLineDash([6, 4]);
        ctx.beginPath();
        ctx.moveTo(u.bbox.left, y);
        ctx.lineTo(u.bbox.left + u.bbox.width, y);
        ctx.stroke();
        ctx.restore();
      }
    };
    const chart = new uPlot(
      {
        width: element.clientWidth || 600,
        height,
        legend: { show: series.length > 1 },
        cursor: { drag: { x: false, y: false } },
        scales: {
          // Points all at one instant (a batch is stored at once) get a minute around them, not years.
          x: {
            time: true,
            range: (_u, min, max) => (max - min >= 60 ? [min, max] : [min - 30, max + 30]),
          },
          // The y range always holds the rules: a threshold drawn outside the plot reads as a wrong axis.
          y: {
            range: (_u, min, max) => {
              const values = [min, max, ...rules.map((r) => r.value)].filter((v) => Number.isFinite(v));
              if (values.length === 0) return [0, 1];
              return uPlot.rangeNum(Math.min(...values), Math.max(...values), 0.1, true);
            },
          },
        },
        axes: [{}, { label: yLabel }],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.points ? 0 : 2,
            ...(s.points ? { paths: () => null, points: { show: true, size: 5, fill: s.color } } : {}),
          })),
        ],
        hooks: { draw: [drawRules] },
      },
      [times, ...series.map((s) => s.values)],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, yLabel, height, rules]);
  return <div className="chart" ref={box} role="img" aria-label={summary} />;
}
