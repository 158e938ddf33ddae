import { labelFrom, labelFromDigit, SENDMAIL_STAT } from '../labels';
import type { AnchorLocator, LineContext, LineFact } from '../model';
import { codeAt, enhancedStartsAt, fieldValue, replyAfterColon, trimEnd } from '../text';

// Sendmail: `to=<…>, …, dsn=4.3.5, stat=Deferred: 451 4.3.5 Server configuration problem`,
// `dsn=2.0.0, stat=Sent (ok: Message 40279894 accepted)` (Sendmail drops the code of a 250 and keeps
// its text), and rulesets' `reject=550 5.7.1 <a@b>... Relaying denied` (this server refusing a client: inbound).

/** Sendmail lists the recipients of one delivery in one field: `to=<a@x>,<b@y>, delay=…`. */
function recipients(line: string, before: number): string | null {
  const to = line.lastIndexOf('to=<', before);
  if (to < 0 || (to > 0 && line[to - 1] !== ' ')) return fieldValue(line, 'to=', 0, before);
  const out: string[] = [];
  let i = to + 3;
  while (line[i] === '<' && out.length < 100) {
    const close = line.indexOf('>', i);
    if (close < 0) break;
    out.push(line.slice(i + 1, close));
    i = close + 1;
    if (line[i] === ',') i++;
  }
  return out.length > 0 ? out.join(', ') : null;
}

function locateStat(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const valueStart = at + 'stat='.length;
  const valueEnd = trimEnd(line, valueStart, line.length);
  let w = valueStart;
  while (w < valueEnd && w - valueStart < 40 && ((line[w] >= 'a' && line[w] <= 'z') || (line[w] >= 'A' && line[w] <= 'Z'))) w++;
  const word = line.slice(valueStart, w);
  const dsn = line.lastIndexOf('dsn=', at);
  const dsnEnd = dsn >= 0 ? enhancedStartsAt(line, dsn + 4) : -1;
  const named = labelFrom(SENDMAIL_STAT, word);
  const label = named ? { text: `stat=${word}`, class: named.class } : (dsnEnd > 0 ? labelFromDigit(`stat=${line.slice(valueStart, valueEnd)}`, line[dsn + 4]) : null);
  const recipient = recipients(line, at);
  // `stat=Deferred`, `stat=User unknown`: up to the reply or its parenthesis.
  let statEnd = valueStart;
  while (statEnd < valueEnd && statEnd - valueStart < 80 && line[statEnd] !== ':' && line[statEnd] !== '(' && line[statEnd] !== ',') statEnd++;
  const facts: LineFact[] = [{ kind: 'stat', start: at, end: trimEnd(line, at, statEnd) }];
  if (dsnEnd > 0) facts.push({ kind: 'dsn', start: dsn, end: dsnEnd });
  // `Deferred: 451 4.3.5 …`, `Sent (250 2.0.0 …)`.
  let start = replyAfterColon(line, w, 1, valueEnd);
  if (start < 0 && line[w] === ' ' && line[w + 1] === '(' && codeAt(line, w + 2, valueEnd)) start = w + 2;
  if (start >= 0) {
    let end = valueEnd;
    if (line[start - 1] === '(' && line[end - 1] === ')') end--;
    ctx.candidates.push({ start, end, format: 'sendmail', label, recipient, facts });
    return;
  }
  if (dsnEnd < 0) return;
  // Only the enhanced code is left: `stat=` carries the text (`User unknown`, `Sent (ok: …)`).
  let textStart = valueStart;
  let textEnd = valueEnd;
  if (line[w] === ' ' && line[w + 1] === '(' && line[valueEnd - 1] === ')') {
    textStart = w + 2;
    textEnd = valueEnd - 1;
  }
  const text = line.slice(textStart, textEnd).trim();
  ctx.candidates.push({ start: dsn + 4, end: valueEnd, format: 'sendmail', label, recipient, facts, text: `${line.slice(dsn + 4, dsnEnd)} ${text}` });
}

function locateReject(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const start = at + 'reject='.length;
  if (!codeAt(line, start)) return;
  const checkRcpt = line.lastIndexOf('ruleset=check_rcpt', at) >= 0;
  const recipient = checkRcpt ? fieldValue(line, 'arg1=', 0, at) : null;
  ctx.candidates.push({ start, end: trimEnd(line, start, line.length), format: 'sendmail', label: labelFromDigit('reject', line[start]), recipient, direction: 'inbound' });
}

export const sendmail: AnchorLocator = {
  anchors: ['stat=', 'reject='],
  locate(ctx, hits) {
    for (const h of hits) {
      if (h.anchor === 'stat=') {
        // `stat=` must be a field of its own, not the end of `xstat=` or `status=`.
        const p = h.at === 0 ? ' ' : ctx.line[h.at - 1];
        if (p === ' ' || p === ',') locateStat(ctx, h.at);
      } else {
        locateReject(ctx, h.at);
      }
    }
  },
};
