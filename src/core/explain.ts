import { REASONS, RETRY_PLANS, type RetryPlanId, type Response } from './data/reasons';
import { PROVIDER_MARKERS } from './data/providers';
import { basicMeaning, enhancedMeaning, knowledge, textRule, vendorRow } from './knowledge';
import { EXPIRY_OUTRANKS } from './data/textRules';
import { REASON_AT_STAGE, STAGE_WORDS, type Stage } from './data/stages';
import { SUBJECT_OVERRIDES, type SubjectOverride } from './data/subjectOverrides';
import { innermostReply, LEADING_CODE_COLON, parseInnermost } from './parse';
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
  /** Phrase ids of the rules whose phrases the text holds, in the order found (repeats possible). */
  hits: number[];
  /** Index of the first provider marker named, or Infinity. */
  marker: number;
  /** The class the words give a text without a code, or null. */
  wordClass: 'transient' | 'permanent' | null;
}

// Reused between calls: explain is synchronous and never re-entered, and one array per call cost time.
const scratchHits: number[] = [];

/** One pass over the reply's text: the rules whose phrases it holds, the provider named, the class its words give. */
function readText(lowerText: string): TextFacts {
  const k = knowledge();
  const hits = scratchHits;
  hits.length = 0;
  let marker = Infinity;
  let transientWords = false;
  let permanentWords = false;
  k.rules.forEachMatch(lowerText, (id) => {
    if (id >= k.classStart) {
      if (k.wordClass[id - k.classStart] === 'permanent') permanentWords = true;
      else transientWords = true;
      return;
    }
    const index = k.owner[id];
    if (index < 0) marker = Math.min(marker, -1 - index);
    else hits.push(id);
  });
  const wordClass = permanentWords ? 'permanent' : transientWords ? 'transient' : null;
  return { hits, marker, wordClass };
}

const ADDRESS_EDGE = new Set([' ', '\t', '\n', '<', '>', '(', ')', '[', ']', '"', "'", ',', ';']);
const ADDRESS_WRAP = new Set(['<', '>', '(', ')', '[', ']', '"', "'"]);

/** Characters a side of an address that a second reading looks at: longer than any phrase's part. */
const WINDOW = 48;

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127;
}

/**
 * The words on both sides of each address that stands between two words, the address (with its brackets or
 * quotes) taken out: "user <jane@example.com> unknown" gives "user unknown". One line per such place, each at most
 * WINDOW characters a side: the rest of the text was read already. One pass: a scan from each '@' to the edges
 * of its word, never past the previous address. Empty when no address stands between words.
 */
export function aroundAddresses(text: string): string {
  let out = '';
  const gaps: number[] = [];
  let from = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at < from) continue;
    let s = at;
    while (s > from && !ADDRESS_EDGE.has(text[s - 1])) s--;
    let e = at + 1;
    while (e < text.length && !ADDRESS_EDGE.has(text[e])) e++;
    if (s === at || e === at + 1) continue;
    while (s > from && ADDRESS_WRAP.has(text[s - 1])) s--;
    while (e < text.length && ADDRESS_WRAP.has(text[e])) e++;
    let end = s;
    while (end > from && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    // Two addresses in a row leave one gap.
    if (end > from || gaps.length === 0 || gaps[gaps.length - 1] !== out.length) {
      out += text.slice(from, end);
      gaps.push(out.length);
    }
    from = e;
    while (from < text.length && (text[from] === ' ' || text[from] === '\t')) from++;
    at = e - 1;
  }
  if (gaps.length === 0) return '';
  out += text.slice(from);
  const lines: string[] = [];
  for (const g of gaps) {
    if (g === 0 || g >= out.length || !isWordChar(out.charCodeAt(g - 1)) || !isWordChar(out.charCodeAt(g))) continue;
    lines.push(`${out.slice(Math.max(0, g - WINDOW), g)} ${out.slice(g, g + WINDOW)}`);
  }
  return lines.join('\n');
}

/** Whether rule `a` (of priority `pa`) wins over the best so far, `b` (-1 for none): priority, then the earlier row. */
function beats(a: number, pa: number, b: number, pb: number): boolean {
  return b < 0 || pa > pb || (pa === pb && a < b);
}

/**
 * The rule that decides: the highest priority (ties: the earlier row) of those whose conditions hold. An
 * expiry notice gives way to any other rule, unless that rule names only a failure to connect or is weak.
 */
function bestRule(facts: TextFacts, lowerText: string, p: ParsedReply, cls: ReplyClass): TextMatch | null {
  if (cls === 'success' || cls === 'intermediate') return null;
  const k = knowledge();
  // [rule, priority, phrase id or -1 - opening] of the best ordinary rule and of the best expiry rule.
  let best = -1, bestPriority = 0, bestPhrase = 0;
  let expiry = -1, expiryPriority = 0, expiryPhrase = 0;
  const n = facts.hits.length + k.openings.length;
  for (let i = 0; i < n; i++) {
    let index: number;
    let phrase: number;
    if (i < facts.hits.length) {
      phrase = facts.hits[i];
      index = k.owner[phrase];
    } else {
      const o = i - facts.hits.length;
      if (!lowerText.startsWith(k.openings[o][1])) continue;
      phrase = -1 - o;
      index = k.openings[o][0];
    }
    const rule = textRule(index);
    const priority = rule.priority ?? 0;
    if (rule.expiry ? !beats(index, priority, expiry, expiryPriority) : !beats(index, priority, best, bestPriority)) continue;
    if (rule.classes && !rule.classes.includes(cls)) continue;
    if (rule.codes && (p.code === null || !rule.codes.includes(p.code))) continue;
    if (rule.all && !rule.all.every((w) => lowerText.includes(w))) continue;
    if (rule.expiry) [expiry, expiryPriority, expiryPhrase] = [index, priority, phrase];
    else [best, bestPriority, bestPhrase] = [index, priority, phrase];
  }
  const phraseOf = (id: number) => (id >= 0 ? k.phrases[id] : k.openings[-1 - id][1].trim());
  if (expiry >= 0 && (best < 0 || bestPriority < 0 || EXPIRY_OUTRANKS.includes(textRule(best).reason))) {
    return { rule: expiry, phrase: phraseOf(expiryPhrase), priority: expiryPriority };
  }
  return best < 0 ? null : { rule: best, phrase: phraseOf(bestPhrase), priority: bestPriority };
}

/** The first provider marker in what precedes a nested reply (`host gmail-smtp-in.l.google.com said:`). */
function markerIn(lowerPrefix: string): number {
  const k = knowledge();
  let first = Infinity;
  k.providers.forEachMatch(lowerPrefix, (id) => { first = Math.min(first, k.markerOf[id]); });
  return first;
}

/** The class the reply's codes give it, or null when it has none: then the log's hint, then the words decide. */
function classOf(p: ParsedReply): ReplyClass | null {
  if (p.code !== null) return classOfDigit(Math.floor(p.code / 100));
  if (p.enhanced !== null) return classOfDigit(Number(p.enhanced[0]));
  return null;
}

interface ReasonChoice {
  reason: ReasonId;
  source: Explanation['reasonSource'];
  why: string;
  confidence: Confidence;
}

function chooseReason(p: ParsedReply, cls: ReplyClass, match: TextMatch | null, fromEnhanced: ReasonChoice | null): ReasonChoice {
  if (cls === 'success') return { reason: 'accepted', source: { kind: 'code' }, why: REASONS.accepted.why, confidence: 'high' };
  if (cls === 'intermediate') return { reason: 'in-progress', source: { kind: 'code' }, why: REASONS['in-progress'].why, confidence: 'high' };
  // Vague words ("try again later") do not overrule an enhanced code that names a cause, even only
  // by its subject (4.4.0 network); a mere policy code (451 4.7.1) says less than they do.
  const enhancedNamesCause = fromEnhanced !== null && fromEnhanced.reason !== 'policy';
  const rule = match ? textRule(match.rule) : null;
  // An expiry notice, like vague words, yields to an enhanced code that names its cause (not a mere failure to connect).
  const yields = match !== null && (match.priority < 0 || (rule?.expiry === true && fromEnhanced !== null
    && fromEnhanced.reason !== 'expired' && !EXPIRY_OUTRANKS.includes(fromEnhanced.reason)));
  if (match && rule && !(yields && enhancedNamesCause)) {
    const overridden = match.priority <= GENERIC_PRIORITY ? subjectOverride(rule.reason, p.enhanced) : undefined;
    if (overridden) {
      return {
        reason: overridden.reason,
        source: { kind: 'enhanced' },
        why: `The server's text says "${match.phrase}", but the enhanced code ${p.enhanced} says ${overridden.why}.`,
        confidence: 'medium',
      };
    }
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

/** Text rules at or below this priority are generic wording (see the tiers in data/textRules.ts). */
const GENERIC_PRIORITY = 0;

/** The row of SUBJECT_OVERRIDES for generic words of `reason` against this enhanced code, if any. */
function subjectOverride(reason: ReasonId, enhanced: string | null): SubjectOverride | undefined {
  if (enhanced === null) return undefined;
  const x = 'X' + enhanced.slice(1);
  return SUBJECT_OVERRIDES.find((o) => o.textReason === reason && o.enhanced.includes(x));
}

function enhancedReason(p: ParsedReply, cls: ReplyClass, vendor: VendorCodeRow | undefined): ReasonChoice | null {
  if (p.enhanced === null) return null;
  const row = knowledge().enhanced.get('X' + p.enhanced.slice(1));
  const reason = vendor?.reason ?? (row ? (cls === 'transient' && row.transientReason) || row.reason : undefined);
  // A success code's meaning (X.1.5 destination valid) says nothing of why a failure failed.
  if (!reason || reason === 'unknown' || reason === 'accepted' || reason === 'in-progress') return null;
  const detail = p.enhanced.split('.')[2];
  return {
    reason,
    source: { kind: 'enhanced' },
    why: `The enhanced status code ${p.enhanced} means "${vendor?.title ?? row?.title ?? ''}": ${lowerFirst(REASONS[reason].why)}`,
    confidence: GENERIC_DETAIL.has(detail) ? 'medium' : 'high',
  };
}

/** The reasons some stage turns into another: only for these is the stage looked for. */
const STAGED_REASONS: ReadonlySet<ReasonId> = new Set(Object.values(REASON_AT_STAGE).flatMap((m) => Object.keys(m) as ReasonId[]));

// Every stage phrase in one case-insensitive alternation, so the whole text is neither lower-cased nor searched
// once per phrase. A bounce wraps long replies (`(in reply to end of DATA` / `command)`): a space of a phrase
// matches any run of white space, which keeps the pattern linear (each run is bounded by literals).
export const STAGE_PATTERN = new RegExp(STAGE_WORDS.flatMap((row) => row.phrases)
  .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|'), 'i');
const STAGE_OF_PHRASE: ReadonlyMap<string, Stage> = new Map(STAGE_WORDS.flatMap((row) => row.phrases.map((w): [string, Stage] => [w, row.stage])));

/** The command the refusal answered, where the whole text says so (the first stage phrase in it), or null. */
export function stageOf(whole: string): Stage | null {
  const m = STAGE_PATTERN.exec(whole);
  return m ? STAGE_OF_PHRASE.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? null : null;
}

const STAGE_NAMES: Readonly<Record<Stage, string>> = { connect: 'the connection or greeting, before any address was given', mail: 'MAIL FROM, before any recipient was named', data: 'the end of DATA, after the recipients were accepted' };

/** A reason read at the wrong stage becomes what it means there (data/stages.ts): only looked up where it could change. */
function atStage(choice: ReasonChoice, whole: string, enhancedSays: ReasonId | null): ReasonChoice {
  if (!STAGED_REASONS.has(choice.reason)) return choice;
  const stage = stageOf(whole);
  // After DATA, an enhanced code that says the same (5.1.1 and "User unknown") is believed: it names its subject.
  if (stage === null || (stage === 'data' && enhancedSays === choice.reason)) return choice;
  const reason = REASON_AT_STAGE[stage][choice.reason];
  if (!reason) return choice;
  return {
    ...choice,
    reason,
    why: `${choice.why.replace(/\.$/, '')}; but the server said so in reply to ${STAGE_NAMES[stage]}: ${lowerFirst(REASONS[reason].why)}`,
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
  const cut = reply.length > MAX_REPLY_CHARS ? reply.slice(0, MAX_REPLY_CHARS) : reply;
  // Yahoo's `550: <a@b>: User unknown`: a code and a colon open the reply (the bounce reader reads it so too).
  const input = LEADING_CODE_COLON.test(cut) ? cut.replace(LEADING_CODE_COLON, '$1 ') : cut;
  const inner = innermostReply(input);
  const whole = options.context ? `${options.context} ${input}` : input;
  return explainParsed(parseInnermost(inner), input.slice(0, input.length - inner.length), options, whole);
}

export interface ExplainOptions {
  /**
   * The class a log gives a failure that carries no code (Exim's `**` is permanent, `==` transient).
   * Used only when the reply has neither a basic nor an enhanced code.
   */
  classHint?: 'transient' | 'permanent';
  /**
   * The report that quotes this reply says delivery failed for good (a DSN's `Action: failed` beside a 4.X.X
   * `Status:`, a non-delivery report that calls itself no delay): the sending server retried a temporary failure
   * until it gave up. A 4XX reply then stands for a permanent outcome, and a failure to connect (or no reason at
   * all) is what an expiry is made of, as in a Postfix `status=expired`.
   */
  gaveUp?: boolean;
  /**
   * Words beside the reply that are not its text: the line above it that names the command it answered (Exim's
   * `SMTP error from remote mail server after MAIL FROM:<…>:`). Read for the stage only.
   */
  context?: string;
}

const GAVE_UP_WHY = 'The report says delivery failed for good after this temporary failure: the sending server stopped retrying when the message\'s queue lifetime ran out.';

/** The reason of a temporary failure the sending server stopped retrying: an expiry, unless its cause is more specific. */
function givenUp(choice: ReasonChoice): ReasonChoice {
  if (choice.reason === 'unknown' || EXPIRY_OUTRANKS.includes(choice.reason)) {
    return { ...choice, reason: 'expired', source: { kind: 'none' }, why: `${GAVE_UP_WHY} ${choice.why}` };
  }
  return { ...choice, why: `${choice.why} ${GAVE_UP_WHY}` };
}

/**
 * Explains a reply already taken apart. Text rules read the reply's own text; the provider is also
 * looked for in `prefix`, what preceded a nested reply, since a relaying host's name says who answered.
 */
export function explainParsed(p: ParsedReply, prefix = '', options: ExplainOptions = {}, whole = `${prefix} ${p.text}`): Explanation {
  const lowerText = p.text.toLowerCase();
  const facts = readText(lowerText);
  // The reply's own class decides which rules and enhanced-code meanings apply.
  const replyCls = classOf(p) ?? options.classHint ?? facts.wordClass ?? 'unknown';
  const marker = facts.marker;
  let match = bestRule(facts, lowerText, p, replyCls);
  if (match === null && replyCls !== 'success' && replyCls !== 'intermediate' && lowerText.includes('@')) {
    // "User <jane@example.com> unknown", "mailbox jane@example.com does not exist": the words around an address.
    const around = aroundAddresses(lowerText);
    if (around) match = bestRule(readText(around), around, p, replyCls);
  }
  const vendor = p.enhanced !== null ? vendorRow(p.enhanced, lowerText) : undefined;
  const fromEnhanced = replyCls === 'success' || replyCls === 'intermediate' ? null : enhancedReason(p, replyCls, vendor);
  const read = atStage(chooseReason(p, replyCls, match, fromEnhanced), whole, fromEnhanced?.reason ?? null);
  // A temporary failure that the report quoting it calls final: the outcome is permanent (ExplainOptions.gaveUp).
  const gaveUp = options.gaveUp === true && replyCls === 'transient';
  const cls: ReplyClass = gaveUp ? 'permanent' : replyCls;
  const choice = gaveUp ? givenUp(read) : read;
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
