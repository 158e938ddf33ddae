import { REASONS, RETRY_PLANS, type RetryPlanId, type Response } from './data/reasons';
import { PROVIDER_MARKERS } from './data/providers';
import { basicMeaning, enhancedMeaning, knowledge, textRule, vendorRow } from './knowledge';
import { innermostReply, parseInnermost } from './parse';
import type { Confidence, Explanation, ParsedReply, RetrySchedule } from './types';
import type { VendorCodeRow } from './data/enhancedCodes';
import { classOfDigit, type Action, type ReasonId, type ReplyClass } from './vocabulary';
import { CATEGORY_DIGITS } from './data/basicCodes';

/** Longer input is cut: no reply is this long, and a 10 MB "reply" must not stall a hover. */
export const MAX_REPLY_CHARS = 16 * 1024;

// Basic codes too broad to stand for their table reason with confidence.
const AMBIGUOUS_CODES = new Set([450, 451, 550, 554]);
// Enhanced codes that name only a class and subject ("other or undefined …").
const GENERIC_DETAIL = new Set(['0', '']);

export const CLASS_TITLES: Readonly<Record<ReplyClass, string>> = {
  success: 'Success',
  intermediate: 'Intermediate reply',
  transient: 'Temporary failure',
  permanent: 'Permanent failure',
  unknown: 'Unknown',
};

export const ACTION_PHRASES: Readonly<Record<Action, string>> = {
  'none': 'nothing to do',
  'continue': 'continue the dialogue',
  'retry': 'retry with backoff',
  'slow-down': 'slow down, then retry',
  'fix-and-retry': 'fix on your side, then send again',
  'do-not-retry': 'do not retry',
};

interface TextMatch {
  rule: number;
  phrase: string;
  priority: number;
}

interface TextFacts {
  match: TextMatch | null;
  /** Index of the first provider marker named, or Infinity. */
  marker: number;
}

/** One pass over the reply's text: the highest-priority rule that applies, and the provider named. */
function readText(lowerText: string, p: ParsedReply, cls: ReplyClass): TextFacts {
  const k = knowledge();
  const rulesApply = cls !== 'success' && cls !== 'intermediate';
  let best: TextMatch | null = null;
  let marker = Infinity;
  k.rules.forEachMatch(lowerText, (id) => {
    const index = k.owner[id];
    if (index < 0) {
      marker = Math.min(marker, -1 - index);
      return;
    }
    if (!rulesApply) return;
    const rule = textRule(index);
    const priority = rule.priority ?? 0;
    if (best && (priority < best.priority || (priority === best.priority && best.rule <= index))) return;
    if (rule.classes && !rule.classes.includes(cls)) return;
    if (rule.codes && (p.code === null || !rule.codes.includes(p.code))) return;
    if (rule.all && !rule.all.every((w) => lowerText.includes(w))) return;
    best = { rule: index, phrase: k.phrases[id], priority };
  });
  return { match: best, marker };
}

/** The first provider marker in what precedes a nested reply (`host gmail-smtp-in.l.google.com said:`). */
function markerIn(lowerPrefix: string): number {
  const k = knowledge();
  let first = Infinity;
  k.providers.forEachMatch(lowerPrefix, (id) => { first = Math.min(first, k.markerOf[id]); });
  return first;
}

function classOf(p: ParsedReply): ReplyClass {
  if (p.code !== null) return classOfDigit(Math.floor(p.code / 100));
  if (p.enhanced !== null) return classOfDigit(Number(p.enhanced[0]));
  return 'unknown';
}

interface ReasonChoice {
  reason: ReasonId;
  source: Explanation['reasonSource'];
  why: string;
  confidence: Confidence;
}

function chooseReason(p: ParsedReply, cls: ReplyClass, match: TextMatch | null, vendor: VendorCodeRow | undefined): ReasonChoice {
  if (cls === 'success') return { reason: 'accepted', source: { kind: 'code' }, why: REASONS.accepted.why, confidence: 'high' };
  if (cls === 'intermediate') return { reason: 'in-progress', source: { kind: 'code' }, why: REASONS['in-progress'].why, confidence: 'high' };
  const fromEnhanced = enhancedReason(p, cls, vendor);
  // Vague words ("try again later") do not overrule an enhanced code that names a cause, even only
  // by its subject (4.4.0 network); a mere policy code (451 4.7.1) says less than they do.
  const enhancedNamesCause = fromEnhanced !== null && fromEnhanced.reason !== 'policy';
  if (match && !(match.priority < 0 && enhancedNamesCause)) {
    const rule = textRule(match.rule);
    const who = rule.provider ? ` (${rule.provider} wording)` : '';
    return {
      reason: rule.reason,
      source: { kind: 'text', ruleId: rule.id },
      why: `The server's text says "${match.phrase}"${who}: ${lowerFirst(REASONS[rule.reason].why)}`,
      confidence: match.priority < 0 ? 'medium' : 'high',
    };
  }
  if (fromEnhanced) return fromEnhanced;
  const k = knowledge();
  if (p.code !== null) {
    const row = k.basic.get(p.code);
    if (row && row.reason !== 'unknown') {
      return {
        reason: row.reason,
        source: { kind: 'code' },
        why: `Reply code ${p.code} usually means this (${row.title}); the text and enhanced code say nothing more specific.`,
        confidence: AMBIGUOUS_CODES.has(p.code) ? 'low' : 'medium',
      };
    }
  }
  return { reason: 'unknown', source: { kind: 'none' }, why: REASONS.unknown.why, confidence: 'low' };
}

function enhancedReason(p: ParsedReply, cls: ReplyClass, vendor: VendorCodeRow | undefined): ReasonChoice | null {
  if (p.enhanced === null) return null;
  const row = knowledge().enhanced.get('X' + p.enhanced.slice(1));
  const reason = vendor?.reason ?? (row ? (cls === 'transient' && row.transientReason) || row.reason : undefined);
  if (!reason || reason === 'unknown') return null;
  const detail = p.enhanced.split('.')[2];
  return {
    reason,
    source: { kind: 'enhanced' },
    why: `The enhanced status code ${p.enhanced} means "${vendor?.title ?? row?.title ?? ''}": ${lowerFirst(REASONS[reason].why)}`,
    confidence: GENERIC_DETAIL.has(detail) ? 'medium' : 'high',
  };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

/**
 * What to do, its hard or soft bounce and the sentence that says it: one cell of the reason table, so they
 * cannot disagree. Success and intermediate replies have their own reasons (accepted, in-progress).
 */
export function responseFor(cls: ReplyClass, reason: ReasonId): Response {
  const row = REASONS[reason];
  if (cls === 'transient') return row.transient;
  if (cls === 'unknown') return row.unknown;
  return row.permanent;
}

const scheduleCache = new Map<string, RetrySchedule>();

/** `6, 12, 24 and 48 hours` or `1, 2, 4 … minutes`. */
function delaysText(delays: readonly number[]): string {
  const hours = delays.every((d) => d >= 60 && d % 60 === 0);
  const list = (hours ? delays.map((d) => d / 60) : delays).join(', ');
  return `${list} ${hours ? 'hours' : 'minutes'}`;
}

/** The schedule of a retry plan: the first wait doubling each attempt, up to its longest wait. */
export function retrySchedule(planId: RetryPlanId, slowDown = false): RetrySchedule {
  const key = planId + (slowDown ? '/slow' : '');
  const cached = scheduleCache.get(key);
  if (cached) return cached;
  const plan = RETRY_PLANS[planId];
  const delaysMinutes = Array.from({ length: plan.attempts }, (_, i) => Math.min(plan.firstMinutes * 2 ** i, plan.maxDelayMinutes));
  const slow = slowDown ? ' with fewer connections and messages per minute to this server' : '';
  const stop = `${delaysMinutes.length} attempts or ${plan.giveUpHours % 24 === 0 && plan.giveUpHours > 24 ? `${plan.giveUpHours / 24} days` : `${plan.giveUpHours} hours`}`;
  const schedule: RetrySchedule = {
    delaysMinutes,
    maxAttempts: delaysMinutes.length,
    giveUpAfterHours: plan.giveUpHours,
    description: `Retry${slow} after ${delaysText(delaysMinutes)} (exponential backoff); give up after ${stop}.`,
  };
  scheduleCache.set(key, schedule);
  return schedule;
}

/** Whether a text held a reply at all: a basic or an enhanced code. */
export function hasReplyCode(e: { code: number | null; enhanced: string | null }): boolean {
  return e.code !== null || e.enhanced !== null;
}

/**
 * `550 5.1.1 — Permanent failure: the mailbox does not exist`: the one wording of a headline, for the
 * summary, the hover and the CLI. A text with no code and no class only "suggests" a reason.
 */
export function headline(label: string, cls: ReplyClass, reason: ReasonId): string {
  const title = REASONS[reason].title;
  if (!label && cls === 'unknown') return reason === 'unknown' ? 'No SMTP reply code found' : `No reply code — the text suggests: ${title}`;
  return `${label || 'No reply code'} — ${CLASS_TITLES[cls]}: ${title}`;
}

/** `Permanent failure: the mailbox does not exist; do not retry`: the summary after its codes. */
export function outcomeLine(cls: ReplyClass, reason: ReasonId, action: Action): string {
  return `${CLASS_TITLES[cls]}: ${REASONS[reason].title}; ${ACTION_PHRASES[action]}`;
}

/** `550 5.1.1` or `5.1.1` or `550`. */
export function codeLabel(e: { code: number | null; enhanced: string | null }): string {
  return [e.code, e.enhanced].filter((x) => x !== null).join(' ');
}

/** Explains a reply given as text: one or many lines, nested, flattened, or an enhanced code alone. */
export function explain(reply: string, options: ExplainOptions = {}): Explanation {
  const input = reply.length > MAX_REPLY_CHARS ? reply.slice(0, MAX_REPLY_CHARS) : reply;
  const inner = innermostReply(input);
  return explainParsed(parseInnermost(inner), input.slice(0, input.length - inner.length), options.classHint);
}

export interface ExplainOptions {
  /**
   * The class a log gives a failure that carries no code (Exim's `**` is permanent, `==` transient).
   * Used only when the reply has neither a basic nor an enhanced code.
   */
  classHint?: 'transient' | 'permanent';
}

/**
 * Explains a reply already taken apart. Text rules read the reply's own text; the provider is also
 * looked for in `prefix`, what preceded a nested reply, since a relaying host's name says who answered.
 */
export function explainParsed(p: ParsedReply, prefix = '', classHint?: ExplainOptions['classHint']): Explanation {
  const coded = classOf(p);
  const cls = coded === 'unknown' && classHint ? classHint : coded;
  const lowerText = p.text.toLowerCase();
  const { match, marker } = readText(lowerText, p, cls);
  const vendor = p.enhanced !== null ? vendorRow(p.enhanced, lowerText) : undefined;
  const choice = chooseReason(p, cls, match, vendor);
  const firstMarker = prefix ? Math.min(marker, markerIn(prefix.toLowerCase())) : marker;
  const provider = firstMarker !== Infinity ? PROVIDER_MARKERS[firstMarker].provider : match ? textRule(match.rule).provider ?? null : null;
  const response = responseFor(cls, choice.reason);
  const action = response.action;
  const label = codeLabel(p);
  const category = p.code !== null ? Math.floor(p.code / 10) % 10 : null;
  const head = headline(label, cls, choice.reason);
  const summary = label || cls !== 'unknown' ? `${head}; ${ACTION_PHRASES[action]}` : head;
  return {
    code: p.code,
    enhanced: p.enhanced,
    text: p.text,
    lines: p.lines,
    class: cls,
    category: category === null ? null : { digit: category, name: CATEGORY_DIGITS[category]?.name ?? 'unspecified' },
    basic: p.code !== null ? basicMeaning(p.code) : null,
    enhancedMeaning: p.enhanced !== null ? enhancedMeaning(p.enhanced, vendor) : null,
    reason: choice.reason,
    reasonSource: choice.source,
    reasonWhy: choice.why,
    action,
    bounce: response.bounce,
    retry: response.retry ? retrySchedule(response.retry, action === 'slow-down') : null,
    advice: response.advice,
    provider,
    confidence: hasReplyCode(p) ? choice.confidence : 'low',
    summary,
  };
}
