/** Inline SVG charts of the executive summary (no script, no external resource). */
import { html, type SafeHtml } from './html.js';

export interface Segment {
  label: string;
  value: number;
  color: string;
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** One stacked bar (100 % wide) with a legend under it. */
export function stackedBar(title: string, segments: readonly Segment[]): SafeHtml {
  const total = segments.reduce((s, x) => s + x.value, 0);
  const width = 600;
  let x = 0;
  const bars = segments
    .filter((s) => s.value > 0)
    .map((s) => {
      const w = total ? (s.value / total) * width : 0;
      const rect = html`<rect x="${fmt(x)}" y="24" width="${fmt(w)}" height="26" fill="${s.color}"><title>${s.label}: ${s.value}</title></rect>`;
      x += w;
      return rect;
    });
  const legend = segments.map((s, i) => {
    const col = i % 2;
    const row = Math.floor(i / 2);
    const lx = col * 300;
    const ly = 74 + row * 22;
    const pct = total ? Math.round((s.value / total) * 1000) / 10 : 0;
    return html`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${s.color}"></rect><text x="${lx + 18}" y="${ly}">${s.label}: ${s.value} (${pct} %)</text>`;
  });
  const height = 74 + Math.ceil(segments.length / 2) * 22;
  return html`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}"><title>${title}</title>
<text x="0" y="14" font-weight="600">${title}</text>${bars}${legend}</svg>`;
}

export interface Bar {
  label: string;
  value: number;
  text: string;
}

/** Horizontal bars, largest first as given. */
export function barChart(title: string, bars: readonly Bar[], color = '#2f4b8f'): SafeHtml {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelWidth = 190;
  const barWidth = 320;
  const rowHeight = 24;
  const rows = bars.map((b, i) => {
    const y = 24 + i * rowHeight;
    const w = (b.value / max) * barWidth;
    return html`<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${b.label}</text><rect x="${labelWidth}" y="${y + 3}" width="${fmt(w)}" height="15" fill="${color}"><title>${b.label}: ${b.text}</title></rect><text x="${fmt(labelWidth + w + 6)}" y="${y + 14}">${b.text}</text>`;
  });
  const height = 30 + Math.max(1, bars.length) * rowHeight;
  return html`<svg viewBox="0 0 600 ${height}" role="img" aria-label="${title}"><title>${title}</title>
<text x="0" y="14" font-weight="600">${title}</text>${rows}</svg>`;
}
