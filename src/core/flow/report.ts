import type { Finding } from '../types';
import type { Action, ReasonId } from '../vocabulary';
import type { LinkKind } from './events';
import type { MessageTrail, RecipientState, RecipientTrail } from './model';
import { providerOfHost } from './providers';
import { RETRY_THRESHOLDS, type RetryReview, type RetryThresholds, type RetryVerdict } from './review';
import { DAY_MS, dayKey, formatTime, HOUR_MS, hourKey } from './time';

const NO_ROWS: readonly TimeRow[] = [];

// The delivery report: counts kept as the flow goes, so that a message can be forgotten once it is done. Its JSON
// shape is a contract (the README's CLI section documents every field).

export type BounceType = 'hard' | 'soft';

export interface StateCounts {
  delivered: number;
  bounced: number;
  expired: number;
  /** Still queued when the log ends. */
  deferred: number;
  /** Handed to another message of this log (a content filter, an alias forward): its outcome is counted there. */
  forwarded: number;
}

export interface DomainRow extends StateCounts {
  domain: string;
  /** Deferred attempts. */
  deferrals: number;
  rejected: number;
  /** Deferrals, bounces, expiries and rejections by reason, most frequent first. */
  reasons: Record<string, number>;
}

export interface ReasonRow {
  reason: ReasonId;
  deferrals: number;
  bounced: number;
  expired: number;
  rejected: number;
  /** By the action the explanations advise (a 4XX and a 5XX of one reason differ). */
  actions: Record<string, number>;
}

export interface ProviderRow {
  /** From the relay's host name, else the reply's wording. */
  provider: string;
  delivered: number;
  deferrals: number;
  bounced: number;
  expired: number;
  reasons: Record<string, number>;
}

export interface TimeRow {
  /** `2026-11-29` in `byDay`, `2026-11-29T10` in `byHour`. */
  period: string;
  received: number;
  delivered: number;
  deferrals: number;
  bounced: number;
  expired: number;
  rejected: number;
}

export interface FailedRecipient {
  recipient: string;
  /** `bounced`, `expired` or `deferred` (still queued at the end of the log). */
  state: 'bounced' | 'expired' | 'deferred';
  reason: ReasonId;
  action: Action | null;
  /** From the explanation's `bounce` (hard: remove the address); null when it does not say. */
  bounce: BounceType | null;
  /** Delivery attempts, over every message it failed in. */
  attempts: number;
  /** Messages it failed in. */
  messages: number;
  first: string;
  last: string;
  /** The last reply (the one that decided, for an expiry the last deferral's). */
  reply: string | null;
  queueId: string;
  /** Where the last decision is: input file and 1-based line. */
  file: string;
  line: number;
}

export interface ReviewRow {
  recipient: string;
  queueId: string;
  verdict: RetryVerdict;
  why: string;
  deferrals: number;
  /** Seconds between consecutive attempts. */
  intervals: number[];
  reason: ReasonId;
  first: string;
  last: string;
  file: string;
  /** 1-based lines of the attempts that broke the rule. */
  lines: number[];
}

export interface DeliveryReport {
  /** First and last time stamp read (the log's wall-clock time, `2026-11-29T10:00:01`). */
  period: { first: string | null; last: string | null };
  lines: number;
  /** Messages that entered the queue (received over SMTP or submitted locally); not the server's own notifications. */
  messages: number;
  /** Notifications the server made: bounces (non-delivery), delay warnings, success DSNs. */
  notifications: Record<LinkKind, number>;
  /** Final state of each recipient of each queued message (one per message and address). */
  recipients: StateCounts;
  /** Deferred delivery attempts. */
  deferrals: number;
  /** Recipients (or, where none is named, messages and connections) refused before queueing. */
  rejected: number;
  byDomain: DomainRow[];
  byReason: ReasonRow[];
  byAction: Record<string, number>;
  byProvider: ProviderRow[];
  byDay: TimeRow[];
  byHour: TimeRow[];
  failedRecipients: FailedRecipient[];
  retryReview: {
    thresholds: RetryThresholds;
    /** Recipients that were deferred at least once. */
    reviewed: number;
    verdicts: Record<RetryVerdict, number>;
    /** The recipients whose verdict is not `ok`, up to `MAX_REVIEW_ROWS`. */
    recipients: ReviewRow[];
    /** Rows left out beyond the cap. */
    omitted: number;
  };
}

/** The review lists this many recipients at most (the counts stay exact): memory stays flat on a huge log. */
export const MAX_REVIEW_ROWS = 2_000;

/**
 * A copy that shares no memory with the line it was sliced from: V8 keeps the parent of a slice alive, so what the
 * report keeps must not keep its line (or the 64 KB chunk of input the line is itself a slice of).
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function bump(o: Record<string, number>, k: string, n = 1): void {
  o[k] = (o[k] ?? 0) + n;
}

function sortedCounts(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : '(local)';
}

/** The explanation's `bounce` when it has one: read defensively, the field is being added to `Explanation`. */
export function bounceTypeOf(f: Finding | null): BounceType | null {
  if (!f) return null;
  const b = (f.explanation as { bounce?: unknown }).bounce;
  return b === 'hard' || b === 'soft' ? b : null;
}

interface FailedAcc {
  row: FailedRecipient;
  lastTime: number;
  firstTime: number;
}

export class ReportBuilder {
  private first = Infinity;
  private last = -Infinity;
  lines = 0;
  private messages = 0;
  private readonly notifications: Record<LinkKind, number> = { bounce: 0, delay: 0, success: 0, requeue: 0 };
  private readonly recipients: StateCounts = { delivered: 0, bounced: 0, expired: 0, deferred: 0, forwarded: 0 };
  private deferrals = 0;
  private rejected = 0;
  private readonly domains = new Map<string, DomainRow>();
  private readonly reasons = new Map<ReasonId, ReasonRow>();
  private readonly actions: Record<string, number> = {};
  private readonly providers = new Map<string, ProviderRow>();
  private readonly days = new Map<number, TimeRow>();
  private readonly hours = new Map<number, TimeRow>();
  private lastDay = NaN;
  private lastHour = NaN;
  private lastRows: readonly TimeRow[] = NO_ROWS;
  private readonly failed = new Map<string, FailedAcc>();
  private readonly verdicts: Record<RetryVerdict, number> = { 'ok': 0, 'too-fast': 0, 'too-long': 0, 'gave-up-early': 0 };
  private reviewed = 0;
  private readonly reviewRows: ReviewRow[] = [];
  private omitted = 0;

  constructor(private readonly fileName: (input: number) => string) {}

  seen(time: number): void {
    if (time < this.first) this.first = time;
    if (time > this.last) this.last = time;
  }

  private domain(d: string): DomainRow {
    let r = this.domains.get(d);
    if (!r) this.domains.set((d = ownCopy(d)), (r = { domain: d, delivered: 0, deferrals: 0, bounced: 0, expired: 0, deferred: 0, forwarded: 0, rejected: 0, reasons: {} }));
    return r;
  }

  private reason(id: ReasonId): ReasonRow {
    let r = this.reasons.get(id);
    if (!r) this.reasons.set(id, (r = { reason: id, deferrals: 0, bounced: 0, expired: 0, rejected: 0, actions: {} }));
    return r;
  }

  private provider(name: string): ProviderRow {
    let r = this.providers.get(name);
    if (!r) this.providers.set(name, (r = { provider: name, delivered: 0, deferrals: 0, bounced: 0, expired: 0, reasons: {} }));
    return r;
  }

  /** The day's and the hour's rows of a time; keyed by number, named once (formatting a date per event is costly). */
  private timeRows(t: number): readonly TimeRow[] {
    if (!Number.isFinite(t)) return NO_ROWS;
    const d = Math.floor(t / DAY_MS);
    const h = Math.floor(t / HOUR_MS);
    if (d === this.lastDay && h === this.lastHour) return this.lastRows;
    let dr = this.days.get(d);
    if (!dr) this.days.set(d, (dr = emptyTimeRow(dayKey(t))));
    let hr = this.hours.get(h);
    if (!hr) this.hours.set(h, (hr = emptyTimeRow(hourKey(t))));
    this.lastDay = d;
    this.lastHour = h;
    this.lastRows = [dr, hr];
    return this.lastRows;
  }

  /** A failure counted under its reason and action: `kind` is the column. */
  private failure(kind: 'deferrals' | 'bounced' | 'expired' | 'rejected', domain: string | null, f: Finding | null, relay: string | null): void {
    const e = f?.explanation;
    const reason: ReasonId = e?.reason ?? 'unknown';
    const row = this.reason(reason);
    row[kind]++;
    if (e) {
      bump(row.actions, e.action);
      bump(this.actions, e.action);
    }
    if (domain !== null) bump(this.domain(domain).reasons, reason);
    if (kind !== 'rejected') {
      const p = (relay ? providerOfHost(relay) : null) ?? e?.provider ?? null;
      if (p) {
        const pr = this.provider(p);
        pr[kind]++;
        bump(pr.reasons, reason);
      }
    }
  }

  received(t: number, n: 1 | -1): void {
    this.messages += n;
    for (const r of this.timeRows(t)) r.received += n;
  }

  notification(kind: LinkKind): void {
    this.notifications[kind]++;
  }

  /** A deferred attempt to a recipient of domain `d` (see domainOf). */
  deferral(d: string, t: number, f: Finding | null, relay: string | null): void {
    this.deferrals++;
    this.domain(d).deferrals++;
    for (const r of this.timeRows(t)) r.deferrals++;
    this.failure('deferrals', d, f, relay);
  }

  rejection(address: string | null, t: number, f: Finding | null): void {
    this.rejected++;
    const d = address ? domainOf(address) : null;
    if (d !== null) this.domain(d).rejected++;
    for (const r of this.timeRows(t)) r.rejected++;
    this.failure('rejected', d, f, null);
  }

  /** A recipient's final state, once its message is done (or the log ends). */
  recipient(m: MessageTrail, r: RecipientTrail): void {
    const s = r.state;
    if (s === 'rejected' || s === 'unknown') return;
    this.recipients[s]++;
    const d = r.domain;
    this.domain(d)[s]++;
    const finalAttempt = r.attempts.length > 0 ? r.attempts[r.attempts.length - 1] : null;
    const t = r.finalTime;
    if (s === 'delivered') {
      for (const row of this.timeRows(t)) row.delivered++;
      const p = finalAttempt?.relay ? providerOfHost(finalAttempt.relay) : null;
      if (p) this.provider(p).delivered++;
      return;
    }
    if (s === 'forwarded') return;
    if (s === 'bounced' || s === 'expired') {
      for (const row of this.timeRows(t)) row[s]++;
      this.failure(s, d, r.finding, finalAttempt?.relay ?? null);
    }
    this.failedRecipient(m, r);
  }

  private failedRecipient(m: MessageTrail, r: RecipientTrail): void {
    const times = r.attempts.map((a) => a.time).filter(Number.isFinite);
    const first = times.length ? Math.min(...times) : m.firstTime;
    const last = times.length ? Math.max(...times) : m.lastTime;
    const e = r.finding?.explanation;
    const acc = this.failed.get(r.address.toLowerCase());
    const key = acc ? '' : ownCopy(r.address.toLowerCase());
    const row: FailedRecipient = {
      recipient: ownCopy(r.address),
      state: r.state as FailedRecipient['state'],
      reason: e?.reason ?? 'unknown',
      action: e?.action ?? null,
      bounce: bounceTypeOf(r.finding),
      attempts: r.attempts.length,
      messages: 1,
      first: formatTime(first),
      last: formatTime(last),
      reply: r.finding ? ownCopy(r.finding.replyText ?? r.finding.explanation.text) : null,
      queueId: m.queueId,
      file: this.fileName(r.finalInput),
      line: (r.finalLine ?? 0) + 1,
    };
    if (!acc) {
      this.failed.set(key, { row, firstTime: first, lastTime: last });
      return;
    }
    // One row per address: the latest failure decides its state, reason and reply; the counts add up.
    const newer = !(last < acc.lastTime);
    const keep = newer ? row : acc.row;
    keep.attempts = acc.row.attempts + row.attempts;
    keep.messages = acc.row.messages + 1;
    const firstTime = minTime(acc.firstTime, first);
    keep.first = formatTime(firstTime);
    acc.row = keep;
    acc.firstTime = firstTime;
    acc.lastTime = newer ? last : acc.lastTime;
  }

  review(m: MessageTrail, r: RecipientTrail, v: RetryReview): void {
    this.reviewed++;
    this.verdicts[v.verdict]++;
    if (v.verdict === 'ok') return;
    if (this.reviewRows.length >= MAX_REVIEW_ROWS) {
      this.omitted++;
      return;
    }
    const times = r.attempts.map((a) => a.time).filter(Number.isFinite);
    this.reviewRows.push({
      recipient: r.address, queueId: m.queueId, verdict: v.verdict, why: v.why, deferrals: v.deferrals, intervals: v.intervals,
      reason: r.finding?.explanation.reason ?? 'unknown',
      first: times.length ? formatTime(Math.min(...times)) : '', last: times.length ? formatTime(Math.max(...times)) : '',
      file: this.fileName(r.finalInput), lines: v.lines.map((l) => l + 1),
    });
  }

  build(): DeliveryReport {
    const domainTotal = (d: DomainRow) => d.delivered + d.deferrals + d.bounced + d.expired + d.deferred + d.rejected + d.forwarded;
    const reasonTotal = (r: ReasonRow) => r.deferrals + r.bounced + r.expired + r.rejected;
    const providerTotal = (p: ProviderRow) => p.delivered + p.deferrals + p.bounced + p.expired;
    const byName = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
    const stateRank: Record<string, number> = { bounced: 0, expired: 1, deferred: 2 };
    return {
      period: { first: Number.isFinite(this.first) ? formatTime(this.first) : null, last: Number.isFinite(this.last) ? formatTime(this.last) : null },
      lines: this.lines,
      messages: this.messages,
      notifications: { ...this.notifications },
      recipients: { ...this.recipients },
      deferrals: this.deferrals,
      rejected: this.rejected,
      byDomain: [...this.domains.values()].map((d) => ({ ...d, reasons: sortedCounts(d.reasons) }))
        .sort((a, b) => domainTotal(b) - domainTotal(a) || byName<DomainRow>((x) => x.domain)(a, b)),
      byReason: [...this.reasons.values()].map((r) => ({ ...r, actions: sortedCounts(r.actions) }))
        .sort((a, b) => reasonTotal(b) - reasonTotal(a) || byName<ReasonRow>((x) => x.reason)(a, b)),
      byAction: sortedCounts(this.actions),
      byProvider: [...this.providers.values()].map((p) => ({ ...p, reasons: sortedCounts(p.reasons) }))
        .sort((a, b) => providerTotal(b) - providerTotal(a) || byName<ProviderRow>((x) => x.provider)(a, b)),
      byDay: [...this.days.values()].sort(byName((x) => x.period)),
      byHour: [...this.hours.values()].sort(byName((x) => x.period)),
      // Each key made once, not twice per comparison: a log with 10,000 failed addresses sorts in milliseconds.
      failedRecipients: [...this.failed.entries()].map(([key, f]) => ({ key, rank: stateRank[f.row.state], row: f.row }))
        .sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.row),
      retryReview: {
        thresholds: RETRY_THRESHOLDS,
        reviewed: this.reviewed,
        verdicts: { ...this.verdicts },
        recipients: [...this.reviewRows].sort((a, b) => byName<ReviewRow>((x) => x.verdict)(a, b) || byName<ReviewRow>((x) => x.first)(a, b)),
        omitted: this.omitted,
      },
    };
  }
}

function minTime(a: number, b: number): number {
  return !Number.isFinite(a) ? b : !Number.isFinite(b) ? a : Math.min(a, b);
}

function emptyTimeRow(period: string): TimeRow {
  return { period, received: 0, delivered: 0, deferrals: 0, bounced: 0, expired: 0, rejected: 0 };
}

/** The states a report's recipients can end in, in the order the report lists them. */
export const REPORT_STATES: readonly Exclude<RecipientState, 'rejected' | 'unknown'>[] = ['delivered', 'bounced', 'expired', 'deferred', 'forwarded'];
