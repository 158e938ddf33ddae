// Readable output for a terminal: colours by class, and the explanation laid out as labelled lines.
import { renderHeadline, type Explanation, type ReplyClass } from '../core';

const CLASS_COLOUR: Readonly<Record<ReplyClass, string>> = {
  success: '32', intermediate: '36', transient: '33', permanent: '31', unknown: '35',
};

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  cls(c: ReplyClass, s: string): string;
}

export function makeStyle(enabled: boolean): Style {
  const sgr = (code: string) => (s: string) => (enabled && s ? `\x1b[${code}m${s}\x1b[0m` : s);
  const bold = sgr('1');
  const dim = sgr('2');
  return { bold, dim, cls: (c, s) => sgr(CLASS_COLOUR[c])(s) };
}

/** NO_COLOR (https://no-color.org) and FORCE_COLOR are honoured; the flags win over both. */
export function colourWanted(flag: boolean | null, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (flag !== null) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

// Server text and log content go to a terminal: an escape sequence hidden in a log line must not reach it.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function printable(s: string): string {
  return s.replace(CONTROL, '?');
}

export function padEnd(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

function meaningLine(title: string, description: string): string {
  return description ? `${title}: ${description}` : title;
}

/** The explanation as a terminal reads it: a headline, the server's words, then one labelled line per fact. */
export function renderExplanation(e: Explanation, st: Style): string {
  const out: string[] = [st.bold(st.cls(e.class, printable(renderHeadline(e))))];
  if (e.text) out.push(st.dim(`  “${printable(e.text.length > 500 ? e.text.slice(0, 500) + '…' : e.text)}”`));
  out.push('');
  const row = (label: string, text: string) => out.push(`  ${st.bold(padEnd(label, 9))}${text}`);
  const more = (text: string) => out.push(`  ${' '.repeat(9)}${st.dim(text)}`);
  if (e.basic) {
    const b = e.basic;
    const digits = String(b.code);
    row(digits, b.detail ? meaningLine(b.detail.title, b.detail.description) : 'not a code of RFC 5321 or its extensions; read from its digits');
    more(`${digits[0]}xx  ${meaningLine(b.class.title, b.class.description)}`);
    more(`x${digits[1]}x  ${meaningLine(b.category.title, b.category.description)}`);
    if (b.causes.length) more(`common causes: ${b.causes.join('; ')}`);
  }
  if (e.enhancedMeaning) {
    const m = e.enhancedMeaning;
    const [c, s] = m.code.split('.');
    const who = m.registered ? '' : m.definedBy ? ` (defined by ${m.definedBy}, not in the IANA registry)` : ' (not in the IANA registry)';
    row(m.code, (m.detail ? meaningLine(m.detail.title, m.detail.description) : 'no registered meaning for the full code') + who);
    more(`${c}.x.x  ${meaningLine(m.class.title, m.class.description)}`);
    more(`x.${s}.x  ${meaningLine(m.subject.title, m.subject.description)}`);
  }
  if (e.basic || e.enhancedMeaning) out.push('');
  row('Reason', `${st.cls(e.class, e.reason)} — ${printable(e.reasonWhy)} ${st.dim(`(confidence: ${e.confidence})`)}`);
  row('Action', `${st.bold(e.action)} — ${e.advice}`);
  if (e.retry) row('Retry', e.retry.description);
  if (e.provider) row('Provider', printable(e.provider));
  return out.join('\n');
}
