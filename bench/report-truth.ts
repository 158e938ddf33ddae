// Compares `smtp-lens report --json` with the truth of bench/postfix-log.ts: every figure the generator knows.
import type { Truth } from './postfix-log';

/** The part of the report's JSON the comparison reads (see the README's CLI section). */
export interface ReportJson {
  messages: number;
  notifications: { bounce: number };
  recipients: Truth['recipients'];
  deferrals: number;
  rejected: number;
  period: { first: string; last: string };
  byDomain: { domain: string; delivered: number; deferrals: number; bounced: number; expired: number; deferred: number; rejected: number; reasons: Record<string, number> }[];
  byReason: { reason: string; deferrals: number; bounced: number; expired: number; rejected: number }[];
  byDay: { period: string; received: number; delivered: number; deferrals: number; bounced: number; expired: number; rejected: number }[];
  byProvider: { provider: string; delivered: number; deferrals: number; bounced: number; expired: number }[];
  failedRecipients: { recipient: string; state: string; reason: string; attempts: number; messages: number; first: string; last: string }[];
  retryReview: { verdicts: Record<string, number>; recipients: { recipient: string; verdict: string }[]; omitted: number };
}

/** Providers the relay host names: the generator knows their figures (others are named from reply wordings). */
export const RELAY_PROVIDERS = ['Gmail', 'Microsoft 365', 'Yahoo / AOL'];

function sameCounts(where: string, got: Record<string, number>, want: Record<string, number>, out: string[]): void {
  const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
  for (const k of keys) if ((got[k] ?? 0) !== (want[k] ?? 0)) out.push(`${where}.${k}: report ${got[k] ?? 0}, truth ${want[k] ?? 0}`);
}

/** Every figure that differs, as `where: report X, truth Y`; empty when the report is exact. */
export function compareWithTruth(r: ReportJson, t: Truth): string[] {
  const out: string[] = [];
  const eq = (where: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${where}: report ${JSON.stringify(got)}, truth ${JSON.stringify(want)}`);
  };
  eq('messages', r.messages, t.messages);
  eq('notifications.bounce', r.notifications.bounce, t.notifications);
  eq('recipients', r.recipients, t.recipients);
  eq('deferrals', r.deferrals, t.deferrals);
  eq('rejected', r.rejected, t.rejected);
  eq('period', r.period, t.period);

  const domains = new Set([...r.byDomain.map((d) => d.domain), ...Object.keys(t.byDomain)]);
  for (const d of domains) {
    const got = r.byDomain.find((x) => x.domain === d);
    const want = t.byDomain[d];
    if (!got || !want) {
      out.push(`byDomain ${d}: ${got ? 'not in the truth' : 'missing from the report'}`);
      continue;
    }
    sameCounts(`byDomain ${d}`, { delivered: got.delivered, deferrals: got.deferrals, bounced: got.bounced, expired: got.expired, deferred: got.deferred, rejected: got.rejected },
      { delivered: want.delivered, deferrals: want.deferrals, bounced: want.bounced, expired: want.expired, deferred: want.deferred, rejected: want.rejected }, out);
    sameCounts(`byDomain ${d}.reasons`, got.reasons, want.reasons, out);
  }
  const reasons = new Set([...r.byReason.map((x) => x.reason), ...Object.keys(t.byReason)]);
  for (const k of reasons) {
    const got = r.byReason.find((x) => x.reason === k);
    sameCounts(`byReason ${k}`, got ? { deferrals: got.deferrals, bounced: got.bounced, expired: got.expired, rejected: got.rejected } : {}, t.byReason[k] ?? {}, out);
  }
  const days = new Set([...r.byDay.map((x) => x.period), ...Object.keys(t.byDay)]);
  for (const d of days) {
    const got = r.byDay.find((x) => x.period === d);
    const { period: _p, ...counts } = got ?? { period: d };
    void _p;
    sameCounts(`byDay ${d}`, counts as Record<string, number>, t.byDay[d] ?? {}, out);
  }
  for (const p of RELAY_PROVIDERS) {
    const got = r.byProvider.find((x) => x.provider === p);
    sameCounts(`byProvider ${p}`, got ? { delivered: got.delivered, deferrals: got.deferrals, bounced: got.bounced, expired: got.expired } : {}, t.byProvider[p] ?? {}, out);
  }

  eq('failedRecipients (count)', r.failedRecipients.length, Object.keys(t.failed).length);
  for (const f of r.failedRecipients) {
    const want = t.failed[f.recipient.toLowerCase()];
    if (!want) {
      out.push(`failedRecipients ${f.recipient}: not in the truth`);
      continue;
    }
    eq(`failedRecipients ${f.recipient}`, { state: f.state, reason: f.reason, attempts: f.attempts, messages: f.messages, first: f.first, last: f.last }, want);
  }

  eq('retryReview.verdicts', r.retryReview.verdicts, t.verdicts);
  // The report lists the recipients that were not retried as advised, up to a cap; the rest are counted as omitted.
  eq('retryReview rows', r.retryReview.recipients.length + r.retryReview.omitted, t.review.length);
  const want = new Map<string, number>();
  for (const [a, v] of t.review) want.set(`${a} ${v}`, (want.get(`${a} ${v}`) ?? 0) + 1);
  for (const x of r.retryReview.recipients) {
    const k = `${x.recipient} ${x.verdict}`;
    const n = want.get(k) ?? 0;
    if (n === 0) out.push(`retryReview ${x.recipient}: report ${x.verdict}, not so in the truth`);
    else want.set(k, n - 1);
  }
  if (r.retryReview.omitted === 0) for (const [k, n] of want) if (n > 0) out.push(`retryReview ${k}: in the truth, not listed`);
  return out;
}

