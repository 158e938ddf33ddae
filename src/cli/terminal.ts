// Readable output for a terminal: colours by class, and the explanation laid out as labelled lines.
import { explanationFacts, type Explanation, type ReplyClass } from '../core';

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

/** The explanation as a terminal reads it: the core's facts, one labelled line each, what to do first. */
export function renderExplanation(e: Explanation, st: Style): string {
  const f = explanationFacts(e);
  const out: string[] = [st.bold(st.cls(e.class, printable(f.headline)))];
  if (f.quote) out.push(st.dim(`  “${printable(f.quote)}”`));
  out.push('');
  const row = (label: string, text: string) => out.push(`  ${st.bold(padEnd(label, 9))}${text}`);
  const more = (text: string) => out.push(`  ${' '.repeat(9)}${st.dim(text)}`);
  row('Action', `${st.bold(f.action.id)} — ${f.action.phrase}. ${f.action.advice}`);
  if (f.bounce) row('Bounce', `${st.bold(f.bounce.id)} — ${f.bounce.phrase}`);
  if (f.retry) row('Retry', f.retry);
  row('Reason', `${st.cls(e.class, f.reason.id)} — ${printable(f.reason.why)} ${st.dim(`(confidence: ${f.reason.confidence})`)}`);
  if (f.provider) row('Provider', printable(f.provider));
  if (f.codes.length) out.push('');
  for (const c of f.codes) {
    row(c.code, c.meaning + (c.note ? ` (${c.note})` : ''));
    for (const d of c.digits) more(`${d.digits}  ${d.meaning}`);
    if (c.causes.length) more(`common causes: ${c.causes.join('; ')}`);
    if (c.registry) more(`registry text: "${c.registry.text}" ${c.registry.reconcile}`);
  }
  return out.join('\n');
}
