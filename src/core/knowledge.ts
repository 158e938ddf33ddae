import { BASIC_CODES, CATEGORY_DIGITS, CLASS_DIGITS, type BasicCodeRow } from './data/basicCodes';
import { ENHANCED_CLASSES, ENHANCED_CODES, SUBJECTS, VENDOR_CODES, VENDOR_REUSED_CODES, type EnhancedCodeRow, type VendorCodeRow } from './data/enhancedCodes';
import { PROVIDER_MARKERS } from './data/providers';
import { TEXT_RULES, type TextRule } from './data/textRules';
import { CLASS_WORDS } from './data/classWords';
import { PhraseMatcher } from './phraseMatcher';
import type { BasicMeaning, EnhancedMeaning } from './types';

// Indexes over the data tables, built once on first use (not at import: activation stays cheap).

interface Indexes {
  basic: Map<number, BasicCodeRow>;
  enhanced: Map<string, EnhancedCodeRow>;
  vendor: Map<string, VendorCodeRow>;
  /** Registered codes a vendor uses with its own meaning, told apart by the reply's words. */
  reused: Map<string, VendorCodeRow[]>;
  /**
   * Every phrase of every text rule, every provider marker and every class word, in one automaton so the
   * reply's text is read once: for `id` < `classStart`, `owner[id]` >= 0 is a rule's index, < 0 a marker's
   * (-1 - index); from `classStart` on, `wordClass[id - classStart]` is the class the words give.
   */
  rules: PhraseMatcher;
  owner: number[];
  phrases: string[];
  classStart: number;
  wordClass: ('transient' | 'permanent')[];
  /** Rules that also match where the text starts with one of their `openings`: [rule index, opening]. */
  openings: [number, string][];
  /** Provider marker phrases alone, for what precedes a nested reply (`host mx.google.com said:`). */
  providers: PhraseMatcher;
  markerOf: number[];
}

let indexes: Indexes | null = null;

export function knowledge(): Indexes {
  if (indexes) return indexes;
  const markerPhrases = PROVIDER_MARKERS.flatMap((m) => m.phrases.map((p) => p.toLowerCase()));
  const markerOf = PROVIDER_MARKERS.flatMap((m, i) => m.phrases.map(() => i));
  const phrases = [...TEXT_RULES.flatMap((rule) => rule.phrases.map((p) => p.toLowerCase())), ...markerPhrases];
  const owner = [...TEXT_RULES.flatMap((rule, i) => rule.phrases.map(() => i)), ...markerOf.map((i) => -1 - i)];
  const classStart = phrases.length;
  const wordClass = CLASS_WORDS.flatMap((w) => w.phrases.map(() => w.class));
  phrases.push(...CLASS_WORDS.flatMap((w) => w.phrases.map((p) => p.toLowerCase())));
  indexes = {
    basic: new Map(BASIC_CODES.map((r) => [r.code, r])),
    enhanced: new Map(ENHANCED_CODES.map((r) => [r.code, r])),
    vendor: new Map(VENDOR_CODES.map((r) => [r.code, r])),
    reused: VENDOR_REUSED_CODES.reduce((m, r) => m.set(r.code, [...(m.get(r.code) ?? []), r]), new Map<string, VendorCodeRow[]>()),
    rules: new PhraseMatcher(phrases),
    owner,
    phrases,
    classStart,
    wordClass,
    openings: TEXT_RULES.flatMap((rule, i) => (rule.openings ?? []).map((o): [number, string] => [i, o])),
    providers: new PhraseMatcher(markerPhrases),
    markerOf,
  };
  return indexes;
}

export function textRule(i: number): TextRule {
  return TEXT_RULES[i];
}

const basicCache = new Map<number, BasicMeaning>();

/** The meaning of a basic code: from its table row, or from its digits when the code is not listed. */
export function basicMeaning(code: number): BasicMeaning {
  const cached = basicCache.get(code);
  if (cached) return cached;
  const row = knowledge().basic.get(code);
  const cls = CLASS_DIGITS[Math.floor(code / 100)];
  const cat = CATEGORY_DIGITS[Math.floor(code / 10) % 10] ?? { title: 'Unspecified', description: 'Not assigned by RFC 5321.' };
  const meaning: BasicMeaning = {
    code,
    known: row !== undefined,
    class: { title: cls?.title ?? 'Unknown class', description: cls?.description ?? 'Not a valid SMTP reply class.' },
    category: { title: cat.title, description: cat.description },
    detail: row ? { title: row.title, description: row.description } : null,
    causes: row ? row.causes : [],
    reference: row ? row.reference : 'RFC 5321 §4.2.1',
  };
  basicCache.set(code, meaning);
  return meaning;
}

/**
 * The vendor row for an enhanced code: an unregistered vendor code, or a registered code whose
 * vendor meaning the reply's (lower-cased) words select.
 */
export function vendorRow(code: string, lowerText: string): VendorCodeRow | undefined {
  const k = knowledge();
  return k.vendor.get(code) ?? k.reused.get(code)?.find((r) => r.phrases?.some((p) => lowerText.includes(p)));
}

const enhancedCache = new Map<string, EnhancedMeaning>();

/** The meaning of an enhanced code `C.S.D`: vendor row, registry row, or its class and subject alone. */
export function enhancedMeaning(code: string, vendor: VendorCodeRow | undefined = knowledge().vendor.get(code)): EnhancedMeaning {
  const key = vendor ? `${code} ${vendor.title}` : code;
  const cached = enhancedCache.get(key);
  if (cached) return cached;
  const [c, s] = code.split('.').map(Number);
  const k = knowledge();
  const row = k.enhanced.get('X' + code.slice(1));
  const cls = ENHANCED_CLASSES[c];
  const subject = SUBJECTS[s];
  const meaning: EnhancedMeaning = {
    code,
    registered: row !== undefined,
    class: { title: cls?.title ?? 'Unknown class', description: cls?.description ?? 'Not a valid enhanced status class.' },
    subject: { title: subject?.title ?? 'Unknown subject', description: subject?.description ?? 'Not a subject defined by RFC 3463.' },
    // A vendor's own meaning wins over the registry's where they reuse a registered number.
    detail: vendor ? { title: vendor.title, description: vendor.description } : row ? { title: row.title, description: row.description } : null,
    definedBy: vendor ? vendor.definedBy : row ? 'IANA registry' : null,
    reference: vendor?.reference ?? row?.reference ?? null,
  };
  enhancedCache.set(key, meaning);
  return meaning;
}
