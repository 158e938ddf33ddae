import { REASONS } from './data/reasons';
import { PROVIDER_MARKERS } from './data/providers';
import { basicMeaning, enhancedMeaning, knowledge, textRule, vendorRow } from './knowledge';
import { innermostReply, parseReply } from './parse';
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
}

interface TextFacts {
  match: TextMatch | null;
  provider: string | null;
}

/** One pass of the phrase automaton: the best text rule for the reply and the provider named anywhere. */
function readText(lower: string, innerStart: number, cls: ReplyClass): TextFacts {
  const k = knowledge();
  let best: TextMatch | null = null;
  let bestPriority = -Infinity;
  let providerIdx = Infinity;
  k.matcher.forEachMatch(lower, (id, end) => {
    const owner = k.owner[id];
    if (owner < 0) {
      providerIdx = Math.min(providerIdx, -1 - owner);
      return;
    }
    // A relaying server's own words (before the last `said:`) do not decide the reason.
    if (end - k.phrases[id].length < innerStart) return;
    const rule = textRule(owner);
    const priority = rule.priority ?? 0;
    if (priority < bestPriority || (priority === bestPriority && best !== null && best.rule <= owner)) return;
    if (rule.classes && !rule.classes.includes(cls)) return;
    if (rule.all && !rule.all.every((p) => lower.includes(p, innerStart))) return;
    best = { rule: owner, phrase: k.phrases[id] };
    bestPriority = priority;
  });
  const match = best as TextMatch | null;
  const provider = providerIdx !== Infinity ? PROVIDER_MARKERS[providerIdx].provider : match ? textRule(match.rule).provider ?? null : null;
  return { match, provider };
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

function chooseReason(p: ParsedReply, cls: ReplyClass, facts: TextFacts, vendor: VendorCodeRow | undefined): ReasonChoice {
  if (cls === 'success') return { reason: 'accepted', source: { kind: 'code' }, why: REASONS.accepted.why, confidence: 'high' };
  if (cls === 'intermediate') return { reason: 'in-progress', source: { kind: 'code' }, why: REASONS['in-progress'].why, confidence: 'high' };
  if (facts.match) {
    const rule = textRule(facts.match.rule);
    const who = rule.provider ? ` (${rule.provider} wording)` : '';
    return {
      reason: rule.reason,
      source: { kind: 'text', ruleId: rule.id },
      why: `The server's text says "${facts.match.phrase}"${who}: ${lowerFirst(REASONS[rule.reason].why)}`,
      confidence: 'high',
    };
  }
  const k = knowledge();
  if (p.enhanced !== null) {
    const row = k.enhanced.get('X' + p.enhanced.slice(1));
    const reason = vendor?.reason ?? (row ? (cls === 'transient' && row.transientReason) || row.reason : undefined);
    if (reason && reason !== 'unknown') {
      const detail = p.enhanced.split('.')[2];
      const title = vendor?.title ?? row?.title ?? '';
      return {
        reason,
        source: { kind: 'enhanced' },
        why: `The enhanced status code ${p.enhanced} means "${title}": ${lowerFirst(REASONS[reason].why)}`,
        confidence: GENERIC_DETAIL.has(detail) ? 'medium' : 'high',
      };
    }
  }
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

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function actionFor(cls: ReplyClass, reason: ReasonId, hasCode: boolean): Action {
  if (cls === 'success') return 'none';
  if (cls === 'intermediate') return 'continue';
  if (cls === 'transient') return REASONS[reason].transient;
  if (!hasCode && reason === 'unknown') return 'none';
  return REASONS[reason].permanent;
}

const scheduleCache = new Map<string, RetrySchedule>();

/** Exponential backoff: first delay doubling each attempt, 8 attempts, give up after a day. */
export function retrySchedule(action: Action, reason: ReasonId): RetrySchedule | null {
  if (action !== 'retry' && action !== 'slow-down') return null;
  const key = action + reason;
  const cached = scheduleCache.get(key);
  if (cached) return cached;
  const first = REASONS[reason].firstRetryMinutes ?? 1;
  const delaysMinutes = Array.from({ length: 8 }, (_, i) => Math.min(first * 2 ** i, 240));
  const slow = action === 'slow-down' ? ' with fewer connections and messages per minute to this server' : '';
  const schedule: RetrySchedule = {
    delaysMinutes,
    maxAttempts: delaysMinutes.length,
    giveUpAfterHours: 24,
    description: `Retry${slow} after ${delaysMinutes.join(', ')} minutes (exponential backoff); give up after ${delaysMinutes.length} attempts or 24 hours.`,
  };
  scheduleCache.set(key, schedule);
  return schedule;
}

function adviceFor(cls: ReplyClass, reason: ReasonId): string {
  const row = REASONS[reason];
  if (cls === 'transient') return row.adviceTransient;
  return row.advicePermanent;
}

/** `550 5.1.1` or `5.1.1` or `550`. */
export function codeLabel(e: { code: number | null; enhanced: string | null }): string {
  return [e.code, e.enhanced].filter((x) => x !== null).join(' ');
}

/** Explains a reply given as text: one or many lines, nested, flattened, or an enhanced code alone. */
export function explain(reply: string): Explanation {
  const input = reply.length > MAX_REPLY_CHARS ? reply.slice(0, MAX_REPLY_CHARS) : reply;
  const parsed = parseReply(input);
  const innerStart = input.length - innermostReply(input).length;
  return explainParsed(parsed, input, innerStart);
}

/** Explains a reply already taken apart; `source` is the text the provider and rules are read from. */
export function explainParsed(p: ParsedReply, source = p.text, innerStart = 0): Explanation {
  const cls = classOf(p);
  const lower = source.toLowerCase();
  const facts = readText(lower, innerStart, cls);
  const vendor = p.enhanced !== null ? vendorRow(p.enhanced, lower) : undefined;
  const choice = chooseReason(p, cls, facts, vendor);
  const hasCode = p.code !== null || p.enhanced !== null;
  const action = actionFor(cls, choice.reason, hasCode);
  const label = codeLabel(p);
  const category = p.code !== null ? Math.floor(p.code / 10) % 10 : null;
  const summary = hasCode
    ? `${label} — ${CLASS_TITLES[cls]}: ${REASONS[choice.reason].title}; ${ACTION_PHRASES[action]}`
    : choice.reason !== 'unknown'
      ? `No reply code — the text suggests: ${REASONS[choice.reason].title}`
      : 'No SMTP reply code found';
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
    retry: retrySchedule(action, choice.reason),
    advice: cls === 'success' || cls === 'intermediate' ? REASONS[choice.reason].advicePermanent : adviceFor(cls, choice.reason),
    provider: facts.provider,
    confidence: hasCode ? choice.confidence : 'low',
    summary,
  };
}
