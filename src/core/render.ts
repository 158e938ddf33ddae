import { ACTION_PHRASES, CLASS_TITLES, codeLabel } from './explain';
import { REASONS } from './data/reasons';
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
  const label = codeLabel(e);
  const title = REASONS[e.reason].title;
  if (!label) return e.reason === 'unknown' ? 'No SMTP reply code found' : `No reply code — ${capitalise(title)}`;
  return `${label} — ${CLASS_TITLES[e.class]}: ${title}`;
}

/** The full explanation in Markdown. */
export function renderMarkdown(e: Explanation): string {
  const out: string[] = [`### ${escapeMarkdown(renderHeadline(e))}`, ''];
  if (e.text) out.push(`> ${escapeMarkdown(e.text.length > 500 ? e.text.slice(0, 500) + '…' : e.text)}`, '');
  if (e.basic) {
    const b = e.basic;
    out.push(b.detail
      ? `**${b.code}** — ${escapeMarkdown(b.detail.title)}. ${b.detail.description}`
      : `**${b.code}** — not a code of RFC 5321 or its extensions; read from its digits.`);
    out.push('', `- **${String(b.code)[0]}xx** ${b.class.title}: ${b.class.description}`);
    out.push(`- **x${String(b.code)[1]}x** ${b.category.title}: ${b.category.description}`);
    if (b.causes.length) out.push(`- Common causes: ${b.causes.join('; ')}.`);
    out.push('');
  }
  if (e.enhancedMeaning) {
    const m = e.enhancedMeaning;
    const who = m.registered ? '' : m.definedBy ? ` (not in the IANA registry; defined by ${m.definedBy})` : ' (not in the IANA registry)';
    out.push(`**${m.code}**${who}`, '');
    out.push(`- **${m.code.split('.')[0]}.x.x** ${m.class.title}: ${m.class.description}`);
    out.push(`- **x.${m.code.split('.')[1]}.x** ${m.subject.title}: ${m.subject.description}`);
    if (m.detail) out.push(`- **${m.code}** ${escapeMarkdown(m.detail.title)}: ${m.detail.description}`);
    out.push('');
  }
  out.push(`**Reason:** \`${e.reason}\` — ${e.reasonWhy} _(confidence: ${e.confidence})_`, '');
  out.push(`**What to do:** \`${e.action}\` — ${capitalise(ACTION_PHRASES[e.action])}. ${e.advice}`);
  if (e.retry) out.push('', `**Retry schedule:** ${e.retry.description}`);
  if (e.provider) out.push('', `**Provider:** ${escapeMarkdown(e.provider)}`);
  const refs = [`[RFC 5321 §4.2](${LINKS.rfc5321})`];
  if (e.enhanced) refs.push(`[RFC 3463](${LINKS.rfc3463})`, `[IANA registry](${LINKS.iana})`);
  if (e.basic?.reference && !e.basic.reference.startsWith('RFC 5321')) refs.push(e.basic.reference);
  if (e.enhancedMeaning?.reference && !/RFC ?3463/.test(e.enhancedMeaning.reference)) refs.push(escapeMarkdown(e.enhancedMeaning.reference));
  out.push('', `References: ${refs.join(' · ')}`);
  return out.join('\n');
}

/** `550 5.1.1 user unknown — permanent failure, do not retry jane@example.com`. */
export function renderDiagnosticMessage(f: Finding): string {
  const e = f.explanation;
  const label = codeLabel(e);
  const reason = e.reason.replace(/-/g, ' ');
  const who = f.recipient ? ` ${f.recipient}` : '';
  return `${label} ${reason} — ${CLASS_TITLES[e.class].toLowerCase()}, ${ACTION_PHRASES[e.action]}${who}`;
}
