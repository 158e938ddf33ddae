import type { DeliveryReport, TimeRow } from './report';
import { int, reportSections, type ReportTable, type SectionOptions } from './render';

// The report as one self-contained HTML page: no script, no network, charts as inline SVG, colours from CSS
// variables (VS Code's theme variables when a webview shows it, light or dark by the system otherwise). A pure
// function from the report to a string, so a VS Code webview renders the same page.

export interface HtmlOptions extends SectionOptions {
  /** The page title; default the report's headline. */
  title?: string;
  /** What was read, for the subtitle (file names). */
  source?: string;
  /**
   * Extra markup for the `<head>` (a webview's Content-Security-Policy with its nonce, its own stylesheet link).
   * Without it the page carries a policy that forbids every script and every fetch.
   */
  head?: string;
  /**
   * The nonce of a policy that allows styles by nonce only (a webview's): the page's `<style>` carries it. The page
   * has no `style` attribute, which such a policy would block.
   */
  nonce?: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Series of the time chart: the column of TimeRow, its label and its colour variable. */
const SERIES: readonly { key: keyof Omit<TimeRow, 'period'>; label: string; colour: string; swatch: string }[] = [
  { key: 'delivered', label: 'delivered', colour: 'var(--ok)', swatch: 'ok' },
  { key: 'deferrals', label: 'deferrals', colour: 'var(--defer)', swatch: 'defer' },
  { key: 'bounced', label: 'bounced', colour: 'var(--bounce)', swatch: 'bounce' },
  { key: 'expired', label: 'expired', colour: 'var(--expire)', swatch: 'expire' },
  { key: 'rejected', label: 'rejected', colour: 'var(--reject)', swatch: 'reject' },
];

const STYLE = `
:root { color-scheme: light dark;
  --fg: var(--vscode-editor-foreground, #1f2328); --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e); --border: var(--vscode-panel-border, #d1d9e0);
  --row: var(--vscode-list-hoverBackground, #f6f8fa);
  --ok: var(--vscode-charts-green, #1a7f37); --defer: var(--vscode-charts-blue, #0969da); --bounce: var(--vscode-charts-red, #cf222e);
  --expire: var(--vscode-charts-orange, #bc4c00); --reject: var(--vscode-charts-purple, #8250df);
  --font: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif); }
@media (prefers-color-scheme: dark) { :root {
  --fg: var(--vscode-editor-foreground, #e6edf3); --bg: var(--vscode-editor-background, #0d1117);
  --muted: var(--vscode-descriptionForeground, #9198a1); --border: var(--vscode-panel-border, #3d444d);
  --row: var(--vscode-list-hoverBackground, #151b23);
  --ok: var(--vscode-charts-green, #3fb950); --defer: var(--vscode-charts-blue, #4493f8); --bounce: var(--vscode-charts-red, #f85149);
  --expire: var(--vscode-charts-orange, #db6d28); --reject: var(--vscode-charts-purple, #ab7df8); } }
body { margin: 0; padding: 24px; background: var(--bg); color: var(--fg); font: 14px/1.45 var(--font); }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 28px 0 8px; }
.sub, .note, .legend { color: var(--muted); } .note { font-size: 12px; margin: 4px 0 0; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.card { border: 1px solid var(--border); border-radius: 6px; padding: 10px 14px; min-width: 120px; }
.card b { display: block; font-size: 22px; } .card span { color: var(--muted); font-size: 12px; }
.card.ok b { color: var(--ok); } .card.defer b { color: var(--defer); } .card.bounce b { color: var(--bounce); }
.card.expire b { color: var(--expire); } .card.reject b { color: var(--reject); }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-weight: 600; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
tr[data-line]:hover { background: var(--row); }
svg { width: 100%; height: auto; display: block; } svg text { fill: var(--muted); font: 11px var(--font); }
.legend span { margin-right: 14px; font-size: 12px; } .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.legend .ok { background: var(--ok); } .legend .defer { background: var(--defer); } .legend .bounce { background: var(--bounce); }
.legend .expire { background: var(--expire); } .legend .reject { background: var(--reject); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; } dt { color: var(--muted); }
`;

function legend(series: readonly { label: string; swatch: string }[] = SERIES): string {
  return `<div class="legend">${series.map((s) => `<span><i class="${s.swatch}"></i>${s.label}</span>`).join('')}</div>`;
}

/** Stacked columns, one per period: every outcome at a glance, over days or hours. */
function timeChart(rows: readonly TimeRow[], label: (p: string) => string): string {
  if (rows.length === 0) return '';
  const W = 800;
  const H = 220;
  const left = 48;
  const bottom = 24;
  const plotH = H - bottom - 10;
  const totals = rows.map((r) => SERIES.reduce((n, s) => n + r[s.key], 0));
  const maxV = Math.max(1, ...totals);
  const slot = (W - left) / rows.length;
  const bar = Math.max(1, slot * 0.8);
  const parts: string[] = [];
  for (const f of [0, 0.5, 1]) {
    const y = 10 + plotH * (1 - f);
    parts.push(`<line x1="${left}" x2="${W}" y1="${y}" y2="${y}" stroke="var(--border)"/><text x="${left - 6}" y="${y + 4}" text-anchor="end">${int(Math.round(maxV * f))}</text>`);
  }
  const every = Math.ceil(rows.length / 12);
  rows.forEach((r, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let y = 10 + plotH;
    for (const s of SERIES) {
      const h = (r[s.key] / maxV) * plotH;
      if (h <= 0) continue;
      y -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bar.toFixed(1)}" height="${h.toFixed(1)}" fill="${s.colour}"><title>${escapeHtml(r.period)}: ${int(r[s.key])} ${s.label}</title></rect>`);
    }
    if (i % every === 0) parts.push(`<text x="${(x + bar / 2).toFixed(1)}" y="${H - 6}" text-anchor="middle">${escapeHtml(label(r.period))}</text>`);
  });
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="outcomes over time">${parts.join('')}</svg>${legend()}`;
}

/** Horizontal bars of the most frequent failure reasons, each split by outcome. */
function reasonChart(r: DeliveryReport): string {
  const rows = r.byReason.filter((x) => x.reason !== 'accepted').slice(0, 10);
  if (rows.length === 0) return '';
  const series = [
    { key: 'deferrals', colour: 'var(--defer)' }, { key: 'bounced', colour: 'var(--bounce)' },
    { key: 'expired', colour: 'var(--expire)' }, { key: 'rejected', colour: 'var(--reject)' },
  ] as const;
  const W = 800;
  const rowH = 22;
  const left = 170;
  const H = rows.length * rowH + 6;
  const maxV = Math.max(1, ...rows.map((x) => x.deferrals + x.bounced + x.expired + x.rejected));
  const parts: string[] = [];
  rows.forEach((x, i) => {
    const y = i * rowH + 3;
    parts.push(`<text x="${left - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(x.reason)}</text>`);
    let cx = left;
    for (const s of series) {
      const w = (x[s.key] / maxV) * (W - left - 60);
      if (w <= 0) continue;
      parts.push(`<rect x="${cx.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${rowH - 6}" fill="${s.colour}"><title>${escapeHtml(x.reason)}: ${int(x[s.key])} ${s.key}</title></rect>`);
      cx += w;
    }
    parts.push(`<text x="${(cx + 6).toFixed(1)}" y="${y + 14}">${int(x.deferrals + x.bounced + x.expired + x.rejected)}</text>`);
  });
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="failures by reason">${parts.join('')}</svg>${legend(SERIES.filter((x) => x.key !== 'delivered'))}`;
}

function table(t: ReportTable): string {
  if (t.rows.length === 0) return `<h2>${escapeHtml(t.title)}</h2><p class="note">none</p>`;
  const head = t.columns.map((c, i) => `<th${t.numeric[i] ? ' class="n"' : ''}>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((row, ri) => {
    const w = t.where?.[ri];
    const attrs = w ? ` data-file="${escapeHtml(w.file)}" data-line="${w.line}"` : '';
    return `<tr${attrs}>${row.map((c, i) => `<td${t.numeric[i] ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`;
  }).join('\n');
  return `<h2 id="${t.id}">${escapeHtml(t.title)}</h2><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : ''}`;
}

export function renderReportHtml(r: DeliveryReport, o: HtmlOptions = {}): string {
  const s = reportSections(r, o);
  const rc = r.recipients;
  const cards = [
    ['Messages', r.messages, ''], ['Delivered', rc.delivered, 'ok'], ['Deferrals', r.deferrals, 'defer'], ['Bounced', rc.bounced, 'bounce'],
    ['Expired', rc.expired, 'expire'], ['Still deferred', rc.deferred, 'defer'], ['Rejected', r.rejected, 'reject'],
  ].map(([label, n, cls]) => `<div class="card ${cls}"><b>${int(n as number)}</b><span>${label}</span></div>`).join('');
  // Hours when the log covers three days or less, else days.
  const hourly = r.byDay.length <= 3 && r.byHour.length > 1;
  const chart = hourly ? timeChart(r.byHour, (p) => `${p.slice(5, 10)} ${p.slice(11)}h`) : timeChart(r.byDay, (p) => p.slice(5));
  const policy = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`;
  const title = o.title ?? s.headline;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${o.head ?? policy}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style${o.nonce ? ` nonce="${escapeHtml(o.nonce)}"` : ''}>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml([o.source, s.summary[0][1]].filter(Boolean).join(' · '))}</p>
<div class="cards">${cards}</div>
<dl>${s.summary.slice(1).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
${chart ? `<h2>Outcomes per ${hourly ? 'hour' : 'day'}</h2>${chart}` : ''}
${r.byReason.length ? `<h2>Failures by reason</h2>${reasonChart(r)}` : ''}
${s.tables.map(table).join('\n')}
</body></html>
`;
}
