// A grouped bar chart as an SVG document, drawn without a browser or a charting service: one group of bars per
// category, one colour per series, a value on each bar, a y axis from zero with round ticks.
import type { Chart } from './row.js';

const COLOURS = ['#2563eb', '#9ca3af', '#f59e0b', '#10b981', '#ef4444'];
const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 16, bottom: 64, left: 64 };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A figure with three significant digits at most, for labels. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(value >= 1 ? 3 : 2)).toString();
}

/** The smallest 1, 2 or 5 × 10^n at or above `value / 4`: a tick step giving four or five ticks. */
function tickStep(value: number): number {
  const rough = value / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= rough)!;
}

export function barChartSvg(chart: Chart): string {
  const values = chart.series.flatMap((s) => s.values.filter(Number.isFinite));
  const step = tickStep(Math.max(...values, Number.MIN_VALUE));
  const top = Math.ceil(Math.max(...values, Number.MIN_VALUE) / step) * step;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const groupWidth = plotWidth / chart.categories.length;
  const barWidth = (groupWidth * 0.8) / chart.series.length;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="11">`,
    // The chart's accessible name (screen readers, and a tooltip in browsers).
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  for (let tick = 0; tick <= top + step / 2; tick += step) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${formatValue(tick)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.unit)}</text>`,
  );
  chart.categories.forEach((category, c) => {
    const x0 = MARGIN.left + c * groupWidth + groupWidth * 0.1;
    chart.series.forEach((series, s) => {
      const value = series.values[c] ?? Number.NaN;
      const x = x0 + s * barWidth;
      if (Number.isFinite(value)) {
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(MARGIN.top + plotHeight - y(value)).toFixed(1)}" fill="${COLOURS[s % COLOURS.length]}"/>`,
        );
      }
      parts.push(
        `<text x="${(x + barWidth / 2 - 1).toFixed(1)}" y="${(y(Number.isFinite(value) ? value : 0) - 3).toFixed(1)}" text-anchor="middle" font-size="10">${formatValue(value)}</text>`,
      );
    });
    parts.push(
      `<text x="${x0 + groupWidth * 0.4}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${escapeXml(category)}</text>`,
    );
  });
  chart.series.forEach((series, s) => {
    const x = MARGIN.left + s * 150;
    const yLegend = HEIGHT - 18;
    parts.push(
      `<rect x="${x}" y="${yLegend - 9}" width="10" height="10" fill="${COLOURS[s % COLOURS.length]}"/>`,
      `<text x="${x + 14}" y="${yLegend}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
