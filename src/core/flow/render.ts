import { escapeMarkdown } from '../render';
import type { DeliveryReport } from './report';

// The report as sections and tables, worded once for every surface: the CLI's text, Markdown and the HTML page.

export interface ReportTable {
  id: 'domains' | 'reasons' | 'providers' | 'days' | 'failed' | 'review';
  title: string;
  columns: string[];
  /** Per column: numbers align right. */
  numeric: boolean[];
  rows: string[][];
  /** Where each row's decision is in the log (failed recipients, review), for a viewer that opens it. */
  where?: ({ file: string; line: number } | null)[];
  /** Said under the table: rows left out, what the columns count. */
  note?: string;
}

export interface ReportSections {
  headline: string;
  summary: [string, string][];
  tables: ReportTable[];
}

export interface SectionOptions {
  /** Rows per table at most (the JSON and CSV have them all); default 25. */
  maxRows?: number;
}

export function int(n: number): string {
  return n.toLocaleString('en-US');
}

function top(counts: Record<string, number>, n = 3): string {
  return Object.entries(counts).slice(0, n).map(([k, v]) => `${k} ${int(v)}`).join(', ');
}

function cut<T>(rows: T[], max: number): { rows: T[]; note?: string } {
  return rows.length > max ? { rows: rows.slice(0, max), note: `${int(rows.length - max)} more not shown` } : { rows };
}

function short(s: string | null, n = 100): string {
  if (!s) return '';
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function duration(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${(seconds / 3600).toFixed(1)}h`;
}

export function reportSections(r: DeliveryReport, o: SectionOptions = {}): ReportSections {
  const max = o.maxRows ?? 25;
  const rc = r.recipients;
  const period = r.period.first ? `${r.period.first.replace('T', ' ')} – ${(r.period.last ?? '').replace('T', ' ')}` : 'no time stamps';
  const summary: [string, string][] = [
    ['Period', period],
    ['Messages received', int(r.messages)],
    ['Recipients delivered', int(rc.delivered)],
    ['Recipients bounced', int(rc.bounced)],
    ['Recipients expired', int(rc.expired)],
    ['Recipients still deferred', int(rc.deferred)],
  ];
  if (rc.forwarded) summary.push(['Recipients forwarded (re-queued in this log)', int(rc.forwarded)]);
  summary.push(['Deferral attempts', int(r.deferrals)], ['Rejected before queueing', int(r.rejected)]);
  const n = r.notifications;
  if (n.bounce || n.delay) summary.push(['Notifications sent', `${int(n.bounce)} bounce${n.bounce === 1 ? '' : 's'}, ${int(n.delay)} delay warning${n.delay === 1 ? '' : 's'}`]);
  const v = r.retryReview.verdicts;
  summary.push(['Retry review', `${int(r.retryReview.reviewed)} deferred recipients: ${int(v.ok)} ok, ${int(v['too-fast'])} too fast, ${int(v['too-long'])} too long, ${int(v['gave-up-early'])} gave up early`]);

  const tables: ReportTable[] = [];
  const domains = cut(r.byDomain, max);
  tables.push({
    id: 'domains', title: 'By recipient domain',
    columns: ['domain', 'delivered', 'deferrals', 'bounced', 'expired', 'deferred', 'rejected', 'top reasons'],
    numeric: [false, true, true, true, true, true, true, false],
    rows: domains.rows.map((d) => [d.domain, int(d.delivered), int(d.deferrals), int(d.bounced), int(d.expired), int(d.deferred), int(d.rejected), top(d.reasons)]),
    note: domains.note,
  });
  const reasons = cut(r.byReason, max);
  tables.push({
    id: 'reasons', title: 'By reason',
    columns: ['reason', 'deferrals', 'bounced', 'expired', 'rejected', 'action'],
    numeric: [false, true, true, true, true, false],
    rows: reasons.rows.map((x) => [x.reason, int(x.deferrals), int(x.bounced), int(x.expired), int(x.rejected), top(x.actions)]),
    note: reasons.note,
  });
  if (r.byProvider.length) {
    const providers = cut(r.byProvider, max);
    tables.push({
      id: 'providers', title: 'By provider',
      columns: ['provider', 'delivered', 'deferrals', 'bounced', 'expired', 'top reasons'],
      numeric: [false, true, true, true, true, false],
      rows: providers.rows.map((p) => [p.provider, int(p.delivered), int(p.deferrals), int(p.bounced), int(p.expired), top(p.reasons)]),
      note: providers.note,
    });
  }
  tables.push({
    id: 'days', title: 'By day',
    columns: ['day', 'received', 'delivered', 'deferrals', 'bounced', 'expired', 'rejected'],
    numeric: [false, true, true, true, true, true, true],
    rows: r.byDay.map((d) => [d.period, int(d.received), int(d.delivered), int(d.deferrals), int(d.bounced), int(d.expired), int(d.rejected)]),
  });
  const failed = cut(r.failedRecipients, max);
  tables.push({
    id: 'failed', title: `Failed recipients (${int(r.failedRecipients.length)})`,
    columns: ['recipient', 'state', 'reason', 'action', 'bounce', 'attempts', 'last', 'reply'],
    numeric: [false, false, false, false, false, true, false, false],
    rows: failed.rows.map((f) => [f.recipient, f.state, f.reason, f.action ?? '', f.bounce ?? '', int(f.attempts), f.last.replace('T', ' '), short(f.reply)]),
    where: failed.rows.map((f) => ({ file: f.file, line: f.line })),
    note: failed.note,
  });
  const review = r.retryReview;
  const rows = cut(review.recipients, max);
  const omitted = review.omitted ? `${int(review.omitted)} more beyond the report's cap` : undefined;
  tables.push({
    id: 'review', title: 'Retry review: recipients not retried as advised',
    columns: ['recipient', 'verdict', 'deferrals', 'intervals', 'why'],
    numeric: [false, false, true, false, false],
    rows: rows.rows.map((x) => [x.recipient, x.verdict, int(x.deferrals), x.intervals.slice(0, 8).map(duration).join(' ') + (x.intervals.length > 8 ? ' …' : ''), x.why]),
    where: rows.rows.map((x) => (x.lines.length ? { file: x.file, line: x.lines[0] } : null)),
    note: [rows.note, omitted].filter(Boolean).join('; ') || undefined,
  });
  const headline = `Delivery report: ${int(r.messages)} messages, ${int(rc.delivered)} delivered, ${int(rc.bounced)} bounced, ${int(rc.expired)} expired, ${int(rc.deferred)} still deferred`;
  return { headline, summary, tables };
}

function mdCell(s: string): string {
  // escapeMarkdown escapes `|` too, so a cell cannot end early.
  return escapeMarkdown(s);
}

/** The report as Markdown: GitHub tables, for a ticket, a wiki or a chat. */
export function renderReportMarkdown(r: DeliveryReport, o: SectionOptions = {}): string {
  const s = reportSections(r, o);
  const out: string[] = [`# ${s.headline}`, '', '| | |', '|---|---:|'];
  for (const [k, v] of s.summary) out.push(`| ${mdCell(k)} | ${mdCell(v)} |`);
  for (const t of s.tables) {
    if (t.rows.length === 0) continue;
    out.push('', `## ${mdCell(t.title)}`, '', `| ${t.columns.map(mdCell).join(' | ')} |`, `|${t.numeric.map((n) => (n ? '---:' : '---')).join('|')}|`);
    for (const row of t.rows) out.push(`| ${row.map(mdCell).join(' | ')} |`);
    if (t.note) out.push('', `*${mdCell(t.note)}*`);
  }
  return out.join('\n') + '\n';
}
