import 'uplot/dist/uPlot.min.css';

import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

import type { HistoryPoint } from '../types';

/** The rate the runs recorded, one point per run, with the policy's bars drawn across. */
export function TrendChart({ points, bars }: { points: HistoryPoint[]; bars: Array<{ label: string; value: number; color: string }> }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const xs = points.map((p) => Date.parse(`${p.asOf}T00:00:00Z`) / 1000);
    const rates = points.map((p) => (p.rate === null ? null : p.rate * 100));
    const series: uPlot.Series[] = [{}, { label: 'Rate %', stroke: '#1f5fbf', width: 2, points: { show: true, size: 6 }, spanGaps: false }];
    const data: uPlot.AlignedData = [xs, rates];
    for (const bar of bars) {
      series.push({ label: bar.label, stroke: bar.color, width: 1, dash: [6, 4], points: { show: false } });
      data.push(xs.map(() => bar.value * 100));
    }
    const chart = new uPlot(
      {
        width: Math.max(260, el.clientWidth),
        height: 220,
        series,
        scales: { x: { time: true }, y: { range: [0, 100] } },
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${t}%`) }],
        legend: { show: true },
      },
      data,
      el,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(260, el.clientWidth), height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points, bars]);
  if (points.length === 0) return <p class="muted">No scoring run has scored this supplier in the period yet.</p>;
  return (
    <figure class="chart">
      <div
        ref={box}
        role="img"
        aria-label={`Rate over ${points.length} scoring runs, from ${points[0].asOf} to ${points[points.length - 1].asOf}`}
      />
      <figcaption class="muted">Rate at each scoring run (dashed: the policy's bars).</figcaption>
    </figure>
  );
}
