import { ACTION_PHRASES, CLASS_TITLES, codeLabel, headline } from './explain';
import type { Explanation, Finding } from './types';

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
  causes: string[];
}

/** Everything a surface shows about a reply, in order; each surface only formats it. */
export interface ExplanationFacts {
  headline: string;
  /** The server's words, cut at 500 characters. */
  quote: string | null;
  codes: CodeFacts[];
  reason: { id: string; why: string; confidence: string };
  action: { id: string; phrase: string; advice: string };
  retry: string | null;
  provider: string | null;
  references: { title: string; url: string | null }[];
}

const QUOTE_CHARS = 500;

function meaningOf(m: { title: string; description: string }): string {
  return m.description ? `${m.title}: ${m.description}` : m.title;
}

export function explanationFacts(e: Explanation): ExplanationFacts {
  const codes: CodeFacts[] = [];
  if (e.basic) {
    const b = e.basic;
    const d = String(b.code);
    codes.push({
      code: d,
      meaning: b.detail ? `${b.detail.title}. ${b.detail.description}` : 'Not a code of RFC 5321 or its extensions; read from its digits.',
      note: null,
      digits: [{ digits: `${d[0]}xx`, meaning: meaningOf(b.class) }, { digits: `x${d[1]}x`, meaning: meaningOf(b.category) }],
      causes: b.causes,
    });
  }
  if (e.enhancedMeaning) {
    const m = e.enhancedMeaning;
    const [c, sub] = m.code.split('.');
    codes.push({
      code: m.code,
      meaning: m.detail ? meaningOf(m.detail) : 'No registered meaning for the full code; read from its class and subject.',
      note: m.registered ? null : m.definedBy ? `not in the IANA registry; defined by ${m.definedBy}` : 'not in the IANA registry',
      digits: [{ digits: `${c}.x.x`, meaning: meaningOf(m.class) }, { digits: `x.${sub}.x`, meaning: meaningOf(m.subject) }],
      causes: [],
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
    action: { id: e.action, phrase: capitalise(ACTION_PHRASES[e.action]), advice: e.advice },
    retry: e.retry?.description ?? null,
    provider: e.provider,
    references,
  };
}

/** The full explanation in Markdown. */
export function renderMarkdown(e: Explanation): string {
  const f = explanationFacts(e);
  const out: string[] = [`### ${escapeMarkdown(f.headline)}`, ''];
  if (f.quote) out.push(`> ${escapeMarkdown(f.quote)}`, '');
  for (const c of f.codes) {
    out.push(`**${c.code}** — ${escapeMarkdown(c.meaning)}${c.note ? ` _(${escapeMarkdown(c.note)})_` : ''}`, '');
    for (const d of c.digits) out.push(`- **${d.digits}** ${d.meaning}`);
    if (c.causes.length) out.push(`- Common causes: ${c.causes.join('; ')}.`);
    out.push('');
  }
  out.push(`**Reason:** \`${f.reason.id}\` — ${f.reason.why} _(confidence: ${f.reason.confidence})_`, '');
  out.push(`**What to do:** \`${f.action.id}\` — ${f.action.phrase}. ${f.action.advice}`);
  if (f.retry) out.push('', `**Retry schedule:** ${f.retry}`);
  if (f.provider) out.push('', `**Provider:** ${escapeMarkdown(f.provider)}`);
  const refs = f.references.map((r) => (r.url ? `[${r.title}](${r.url})` : escapeMarkdown(r.title)));
  out.push('', `References: ${refs.join(' · ')}`);
  return out.join('\n');
}

/** A recipient as inline Markdown code (a backtick in an address must not end it). */
export function renderRecipient(recipient: string): string {
  return `\`${recipient.replace(/`/g, "'")}\``;
}

/** `550 5.1.1 user unknown — permanent failure, do not retry jane@example.com`. */
export function renderDiagnosticMessage(f: Finding): string {
  const e = f.explanation;
  const label = codeLabel(e);
  const reason = e.reason.replace(/-/g, ' ');
  const who = f.recipient ? ` ${f.recipient}` : '';
  // A reply read from a decoded MIME part sits on that part's header lines: say why.
  const where = f.decodedFrom ? ` (in the decoded ${f.decodedFrom})` : '';
  return `${label ? `${label} ` : ''}${reason} — ${CLASS_TITLES[e.class].toLowerCase()}, ${ACTION_PHRASES[e.action]}${who}${where}`;
}
