import { CLASS_TITLES, codeLabel, headline } from './explain';
import { factMeaning } from './facts';
import { consequenceNote, guidance, inboundAdvice, reasonWords, viewpoint, type ReplyContext } from './pointOfView';
import { RECONCILE, REGISTRY_CLASS_WORDS } from './data/registryClass';
import type { Explanation, Fact, Finding } from './types';

// One rendering for every surface: hover, the "Explain SMTP Reply" document and the CLI say the same.

const LINKS = {
  rfc5321: 'https://www.rfc-editor.org/rfc/rfc5321#section-4.2',
  rfc3463: 'https://www.rfc-editor.org/rfc/rfc3463',
  iana: 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml',
};

/** Markdown special characters in server text must not become formatting or links. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => '\\' + c);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `550 5.1.1 — Permanent failure: the mailbox does not exist`. */
export function renderHeadline(e: Explanation): string {
  return headline(codeLabel(e), e.class, e.reason);
}

/** One code of a reply and what each of its parts means. */
export interface CodeFacts {
  /** `550` or `5.1.1`. */
  code: string;
  /** Title and description of the whole code, or why there is none. */
  meaning: string;
  /** Who defines an unregistered enhanced code, e.g. "(not in the IANA registry; defined by Microsoft 365)". */
  note: string | null;
  /** Each digit's meaning: `5xx Permanent negative completion: …`, `x5x Mail system: …`. */
  digits: { digits: string; meaning: string }[];
  /** Typical causes of the code: shown only when the reply itself says no specific reason. */
  causes: string[];
  /**
   * Registry text that contradicts this reply's class (X.7.1 is "useful only as a permanent error", yet sent
   * with a 4XX): kept apart from the meaning, with the sentence that reconciles it.
   */
  registry: { text: string; reconcile: string } | null;
}

/** Everything a surface shows about a reply, in the order a person decides: what to do, why, then reference. */
export interface ExplanationFacts {
  headline: string;
  /** The server's words, cut at 500 characters. */
  quote: string | null;
  codes: CodeFacts[];
  reason: { id: string; why: string; confidence: string };
  /** `audience`: the sender of the message, or (for an inbound refusal) the operator of the refusing server. */
  action: { id: string; phrase: string; advice: string; audience: 'sender' | 'operator' };
  /** `hard bounce: remove this address` or `soft bounce: keep the address`; null when nothing failed or for the operator. */
  bounce: { id: 'hard' | 'soft'; phrase: string } | null;
  retry: string | null;
  /** Whose reply this is (outbound, inbound), when the document says. */
  viewpoint: string | null;
  /** For a reply that only follows from an earlier refusal: where that is. */
  consequence: string | null;
  provider: string | null;
  references: { title: string; url: string | null }[];
}

const QUOTE_CHARS = 500;

export const BOUNCE_PHRASES = { hard: 'hard bounce: remove this address', soft: 'soft bounce: keep the address' } as const;

function meaningOf(m: { title: string; description: string }): string {
  return m.description ? `${m.title}: ${m.description}` : m.title;
}

/** The registry's description when it ties the code to the other class than the reply's, with its reconciliation. */
function registryConflict(description: string, cls: Explanation['class']): CodeFacts['registry'] {
  const lower = description.toLowerCase();
  const implied = REGISTRY_CLASS_WORDS.find((w) => lower.includes(w.phrase))?.class;
  const reconcile = implied && RECONCILE[implied]?.[cls];
  return reconcile ? { text: description, reconcile } : null;
}

export function explanationFacts(e: Explanation, context?: ReplyContext): ExplanationFacts {
  const direction = context?.direction ?? null;
  const g = guidance(e, direction);
  const operator = g.audience === 'operator';
  const codes: CodeFacts[] = [];
  if (e.basic) {
    const b = e.basic;
    const d = String(b.code);
    codes.push({
      code: d,
      meaning: b.detail ? `${b.detail.title}. ${b.detail.description}` : 'Not a code of RFC 5321 or its extensions; read from its digits.',
      note: null,
      digits: [{ digits: `${d[0]}xx`, meaning: meaningOf(b.class) }, { digits: `x${d[1]}x`, meaning: meaningOf(b.category) }],
      // A code's typical causes are a guess: shown only when the reply names no reason, and never to the operator.
      causes: e.reason === 'unknown' && !operator ? b.causes : [],
      registry: null,
    });
  }
  if (e.enhancedMeaning) {
    const m = e.enhancedMeaning;
    const [c, sub] = m.code.split('.');
    // A vendor's own meaning (Microsoft's 5.1.10 RecipientNotFound) is its own: only the registry's text can contradict.
    const registry = m.detail && m.definedBy === 'IANA registry' ? registryConflict(m.detail.description, e.class) : null;
    const notes = [m.registered ? null : m.definedBy ? `not in the IANA registry; defined by ${m.definedBy}` : 'not in the IANA registry'];
    if (e.code !== null && String(e.code)[0] !== c) notes.push(`its class digit ${c} disagrees with the reply code ${e.code}, which decides`);
    codes.push({
      code: m.code,
      meaning: m.detail ? (registry ? m.detail.title : meaningOf(m.detail)) : 'No registered meaning for the full code; read from its class and subject.',
      note: notes.filter((n) => n !== null).join('; ') || null,
      digits: [{ digits: `${c}.x.x`, meaning: meaningOf(m.class) }, { digits: `x.${sub}.x`, meaning: meaningOf(m.subject) }],
      causes: [],
      registry,
    });
  }
  const references: ExplanationFacts['references'] = [{ title: 'RFC 5321 §4.2', url: LINKS.rfc5321 }];
  if (e.enhanced) references.push({ title: 'RFC 3463', url: LINKS.rfc3463 }, { title: 'IANA registry', url: LINKS.iana });
  if (e.basic?.reference && !e.basic.reference.startsWith('RFC 5321')) references.push({ title: e.basic.reference, url: null });
  if (e.enhancedMeaning?.reference && !/RFC ?3463/.test(e.enhancedMeaning.reference)) references.push({ title: e.enhancedMeaning.reference, url: null });
  return {
    headline: renderHeadline(e),
    quote: e.text ? (e.text.length > QUOTE_CHARS ? e.text.slice(0, QUOTE_CHARS) + '…' : e.text) : null,
    codes,
    reason: { id: e.reason, why: e.reasonWhy, confidence: e.confidence },
    action: { id: e.action, phrase: capitalise(g.phrase), advice: g.advice, audience: g.audience },
    // Hard or soft and a retry schedule are the sender's: the operator of a refusing server retries nothing.
    bounce: e.bounce && g.audience === 'sender' ? { id: e.bounce, phrase: BOUNCE_PHRASES[e.bounce] } : null,
    retry: g.audience === 'sender' ? e.retry?.description ?? null : null,
    viewpoint: viewpoint(e, direction),
    consequence: context?.consequenceOf ? consequenceNote(context.consequenceOf) : null,
    provider: e.provider,
    references,
  };
}

/**
 * The full explanation in Markdown, read top-down as a decision: the headline, what to do (hard or soft, when to
 * retry), why, the server's words; then the reference (what each code means, registry text, links). A hover
 * shows its first lines without scrolling, so what to do comes before anything else.
 */
export function renderMarkdown(e: Explanation, context?: ReplyContext): string {
  const f = explanationFacts(e, context);
  const out: string[] = [`### ${escapeMarkdown(f.headline)}`, ''];
  if (f.consequence) out.push(`**${escapeMarkdown(f.consequence)}**`, '');
  const who = f.action.audience === 'operator' ? ' (this server\'s operator)' : '';
  const bounce = f.bounce ? ` — ${f.bounce.phrase}` : '';
  out.push(`**What to do${who}:** ${f.action.phrase}${bounce}. ${f.action.advice}`, '');
  if (f.retry) out.push(`**Retry schedule:** ${f.retry}`, '');
  const from = f.provider ? ` _(${escapeMarkdown(f.provider)})_` : '';
  out.push(`**Why:** ${f.reason.why}${from}`, '');
  if (f.quote) out.push(`> ${escapeMarkdown(f.quote)}`, '');
  if (f.viewpoint) out.push(`_${escapeMarkdown(f.viewpoint)}_`, '');
  out.push('---', '');
  for (const c of f.codes) {
    out.push(`**${c.code}** — ${escapeMarkdown(c.meaning)}${c.note ? ` _(${escapeMarkdown(c.note)})_` : ''}`, '');
    for (const d of c.digits) out.push(`- **${d.digits}** ${d.meaning}`);
    if (c.causes.length) out.push(`- Common causes: ${c.causes.join('; ')}.`);
    if (c.registry) out.push(`- Registry text: "${escapeMarkdown(c.registry.text)}" ${escapeMarkdown(c.registry.reconcile)}`);
    out.push('');
  }
  const ids = [`action \`${f.action.id}\``, `reason \`${f.reason.id}\``, ...(f.bounce ? [`bounce \`${f.bounce.id}\``] : []), `confidence ${f.reason.confidence}`];
  out.push(`_${ids.join(' · ')}_`, '');
  const refs = f.references.map((r) => (r.url ? `[${r.title}](${r.url})` : escapeMarkdown(r.title)));
  out.push(`References: ${refs.join(' · ')}`);
  return out.join('\n');
}

/** A recipient as inline Markdown code (a backtick in an address must not end it). */
export function renderRecipient(recipient: string): string {
  return `\`${recipient.replace(/`/g, "'")}\``;
}

/** A finding's explanation in Markdown, with its place in the document; on one of its facts, that fact first. */
export function renderFindingMarkdown(f: Finding, fact?: Fact): string {
  const md = renderMarkdown(f.explanation, f);
  return fact ? `**${escapeMarkdown(fact.text)}** — ${escapeMarkdown(factMeaning(fact))}\n\n---\n\n${md}` : md;
}

/**
 * `550 5.1.1 user unknown — permanent failure (outbound), do not retry jane@example.com`; an inbound refusal
 * is said to its operator: `535 auth failed — refused by this server (inbound): a client's login was refused; act on …`.
 */
export function renderDiagnosticMessage(f: Finding): string {
  const e = f.explanation;
  const label = codeLabel(e);
  const head = `${label ? `${label} ` : ''}${reasonWords(e)}`;
  const who = f.recipient ? ` ${f.recipient}` : '';
  const row = inboundAdvice(e, f.direction);
  if (row) return `${head} — refused by this server (inbound): ${row.short}; ${row.actShort}${who}`;
  const side = f.direction === 'outbound' ? ' (outbound)' : '';
  // A reply read from a decoded MIME part sits on that part's header lines: say why.
  const where = f.decodedFrom ? ` (in the decoded ${f.decodedFrom})` : '';
  return `${head} — ${CLASS_TITLES[e.class].toLowerCase()}${side}, ${guidance(e, f.direction).phrase}${who}${where}`;
}
