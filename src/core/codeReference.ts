import { REASONS } from './data/reasons';
import { basicMeaning, enhancedMeaning, knowledge } from './knowledge';
import { escapeMarkdown } from './render';
import type { ReasonId } from './vocabulary';

// A code on its own, as the code list shows it: its meaning, what its digits say, its typical causes and the
// reason it usually stands for. No advice: what to do depends on the words of a real reply, which a code
// alone does not have.

export interface CodeReference {
  code: string;
  title: string;
  description: string;
  /** Who defines an enhanced code outside the IANA registry (Microsoft 365 …), or null. */
  definedBy: string | null;
  /** Each digit's meaning: `5xx Permanent negative completion: …`. */
  digits: { digits: string; meaning: string }[];
  causes: string[];
  /** The reason the code stands for when a reply's words say nothing more specific; null when it says none. */
  usualReason: ReasonId | null;
  reference: string | null;
}

const meaning = (m: { title: string; description: string }) => (m.description ? `${m.title}: ${m.description}` : m.title);

/** `550`, `5.2.2`, `4.7.650`: its reference entry; null for text that is no code. */
export function codeReference(code: string): CodeReference | null {
  const c = code.trim();
  const k = knowledge();
  if (/^[2-5]\d\d$/.test(c)) {
    const b = basicMeaning(Number(c));
    const row = k.basic.get(b.code);
    return {
      code: c,
      title: b.detail?.title ?? `${b.class.title}, ${b.category.title.toLowerCase()}`,
      description: b.detail?.description ?? 'Not a code of RFC 5321 or its extensions; read from its digits.',
      definedBy: null,
      digits: [{ digits: `${c[0]}xx`, meaning: meaning(b.class) }, { digits: `x${c[1]}x`, meaning: meaning(b.category) }],
      causes: b.causes,
      usualReason: row && row.reason !== 'unknown' ? row.reason : null,
      reference: b.reference,
    };
  }
  if (/^[245]\.\d{1,3}\.\d{1,3}$/.test(c)) {
    const vendor = k.vendor.get(c);
    const m = enhancedMeaning(c, vendor);
    const row = k.enhanced.get('X' + c.slice(1));
    const reason = vendor?.reason ?? (row ? (c[0] === '4' && row.transientReason) || row.reason : null);
    const [cls, subject] = c.split('.');
    return {
      code: c,
      title: m.detail?.title ?? `${m.class.title}: ${m.subject.title}`,
      description: m.detail?.description ?? 'No registered meaning for the full code; read from its class and subject.',
      definedBy: vendor ? vendor.definedBy : m.registered ? null : 'no one: it is not in the IANA registry',
      digits: [{ digits: `${cls}.x.x`, meaning: meaning(m.class) }, { digits: `x.${subject}.x`, meaning: meaning(m.subject) }],
      causes: [],
      usualReason: reason && reason !== 'unknown' ? reason : null,
      reference: vendor?.reference ?? m.reference,
    };
  }
  return null;
}

/** The code's reference entry in Markdown. */
export function renderCodeReference(code: string): string {
  const r = codeReference(code);
  if (!r) return `### ${escapeMarkdown(code)}\n\nNot a reply code (550) or an enhanced status code (5.1.1).`;
  const out = [`### ${escapeMarkdown(r.code)} — ${escapeMarkdown(r.title)}`, '', escapeMarkdown(r.description), ''];
  if (r.definedBy) out.push(`_Defined by ${escapeMarkdown(r.definedBy)}._`, '');
  for (const d of r.digits) out.push(`- **${d.digits}** ${escapeMarkdown(d.meaning)}`);
  out.push('');
  if (r.causes.length) out.push(`**Typical causes:** ${escapeMarkdown(r.causes.join('; '))}.`, '');
  if (r.usualReason) {
    out.push(`**Usually stands for:** \`${r.usualReason}\` — ${REASONS[r.usualReason].title}, when the reply's words and codes say nothing more specific.`, '');
  }
  if (r.reference) out.push(`Reference: ${escapeMarkdown(r.reference)}`, '');
  out.push("_This is what the code means on its own. A real reply says more in its words: explain the whole reply (the log line, or the reply pasted into \"Explain SMTP Reply\") to learn what it means there and what to do._");
  return out.join('\n');
}
