import type { LineContext, LineStartLocator } from '../model';
import { closingQuote, codeAt, isDigit, unescapeNewlines } from '../text';

// Python smtplib's debug output (`set_debuglevel(1)`; level 2 adds a `12:00:00.123456 ` timestamp):
//   send: 'RCPT TO:<bob@example.com>\r\n'
//   reply: b'550 5.1.1 <bob@example.com>: Recipient address rejected\r\n'
//   reply: retcode (550); Msg: b'5.1.1 <bob@example.com>: Recipient address rejected'
// The `retcode` line repeats the reply just read: it is a finding only when no `reply: b'…'` precedes it.

function afterTimestamp(line: string): number {
  if (!isDigit(line.charCodeAt(0)) || line[2] !== ':' || line[5] !== ':') return 0;
  const sp = line.indexOf(' ', 8);
  return sp > 0 && sp < 24 ? sp + 1 : 0;
}

/** The body of a Python repr (`b'…'`, `'…'`, `b"…"`) starting at `i`: [start, end) without the quotes. */
function reprBody(line: string, i: number): [number, number] | null {
  if (line[i] === 'b') i++;
  const q = line[i];
  if (q !== "'" && q !== '"') return null;
  const end = closingQuote(line, i + 1, q);
  return end < 0 ? null : [i + 1, end];
}

/** The end of a reply line's text: before the `\r\n` escapes smtplib shows. */
function beforeCrlf(line: string, end: number): number {
  if (line.endsWith('\\r\\n', end)) return end - 4;
  if (line.endsWith('\\n', end)) return end - 2;
  return end;
}

function unrepr(s: string): string {
  return s.includes('\\') ? unescapeNewlines(s).split("\\'").join("'").split('\\"').join('"').split('\\t').join('\t') : s;
}

function locateRetcode(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const code = at + 'retcode ('.length;
  if (!codeAt(line, code, code + 3) || line[code + 3] !== ')') return;
  if (ctx.state.lastReplyLine === ctx.lineNo - 1) return;
  const msg = line.indexOf('Msg: ', code);
  const body = msg > 0 ? reprBody(line, msg + 5) : null;
  const end = body ? body[1] : code + 3;
  const text = body ? `${line.slice(code, code + 3)} ${unrepr(line.slice(body[0], body[1]))}` : line.slice(code, code + 3);
  ctx.candidates.push({ start: code, end, format: 'smtplib', label: null, recipient: null, text });
}

export const smtplib: LineStartLocator = {
  locate(ctx) {
    const { line } = ctx;
    const c = line[0];
    if (c !== 'r' && c !== 's' && !isDigit(line.charCodeAt(0))) return false;
    const p = afterTimestamp(line);
    if (line.startsWith('reply: ', p)) {
      const v = p + 7;
      if (line.startsWith('retcode (', v)) {
        locateRetcode(ctx, v);
        return true;
      }
      const body = reprBody(line, v);
      if (!body) return false;
      const end = beforeCrlf(line, body[1]);
      if (codeAt(line, body[0], end)) {
        const raw = line.slice(body[0], end);
        const text = unrepr(raw);
        ctx.replyLine({ kind: 'smtplib', format: 'smtplib', start: body[0], end, label: null, ...(text !== raw ? { text } : {}) });
      }
      return true;
    }
    if (line.startsWith('send: ', p)) {
      const body = reprBody(line, p + 6);
      if (body) ctx.clientLine(unrepr(line.slice(body[0], beforeCrlf(line, body[1]))));
      return true;
    }
    return false;
  },
};
