import { DSN_ACTION, labelFrom } from '../labels';
import type { FactKind } from '../../types';
import type { LineContext, LineStartLocator } from '../model';
import { codeAt, codesOf, enhancedEnd, lowerStartsWith, replyStartsAt, skipSpaces, trimEnd } from '../text';

// Delivery status notifications (RFC 3464): per-recipient blocks of fields, separated by blank lines.
//   Final-Recipient: rfc822; bob@example.com
//   Action: failed
//   Status: 5.1.1
//   Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist.
//       550 5.1.1 Please try double-checking the recipient's email address.
// `Diagnostic-Code` (and Exim's `X-Remote-MTA-…: X-str; 550 …`) may be folded over several lines:
// the engine keeps the field open while lines start with a blank and emits it when it ends.

/** Fields that mark a DSN block; they carry no reply themselves. */
const MARKERS = ['reporting-mta:', 'remote-mta:', 'arrival-date:', 'last-attempt-date:', 'received-from-mta:', 'will-retry-until:'];
const FIRST_CHARS = 'dDsSfFaAoOrRxXwWlL';

function valueAfterType(line: string, colon: number): number {
  const semi = line.indexOf(';', colon);
  const v = skipSpaces(line, colon + 1);
  if (semi < 0 || semi - v > 24) return v;
  return skipSpaces(line, semi + 1);
}

function label(ctx: LineContext) {
  const action = ctx.state.dsn.action;
  const l = labelFrom(DSN_ACTION, action);
  return l ? { text: `Action: ${action}`, class: l.class } : null;
}

/** Opens a folded field whose value is a reply (or will be, on the next line). */
function openReplyField(ctx: LineContext, colon: number, outcome: boolean): boolean {
  const { line, state } = ctx;
  const start = valueAfterType(line, colon);
  const end = trimEnd(line, start, line.length);
  const hasCode = replyStartsAt(line, start, end);
  if (!hasCode && end > start) return false;
  state.dsn.seen = true;
  const codeEnd = hasCode && codeAt(line, start, end) ? start + 3 : -1;
  ctx.openField({
    // A `Diagnostic-Code` replaces its block's `Status:` (the engine drops the held one when it emits this).
    kind: outcome ? 'dsn-diagnostic' : 'dsn-field',
    format: 'dsn',
    code: hasCode ? (codeEnd > 0 ? line.slice(start, codeEnd) : line.slice(start, enhancedEnd(line, start, end))) : '',
    startLine: ctx.lineNo,
    startCol: start,
    endLine: ctx.lineNo,
    endCol: end,
    ...codesOf(line, start, end),
    parts: hasCode ? [line.slice(start, end)] : [],
    // Exim's `X-Remote-MTA-smtp-greeting` and `-helo-response` record replies that did not decide the outcome.
    label: outcome ? label(ctx) : null,
    recipient: state.dsn.recipient,
    header: true,
    ...(outcome ? { facts: state.dsn.facts } : {}),
  });
  return true;
}

/** `Action: failed`, `Status: 5.1.1`: the block's outcome fields, which a hover explains with the block's finding. */
function addFact(ctx: LineContext, kind: FactKind): void {
  const { line, lineNo, state } = ctx;
  const end = trimEnd(line, 0, line.length);
  state.dsn.facts.push({ kind, text: line.slice(0, end), range: { start: { line: lineNo, character: 0 }, end: { line: lineNo, character: end } } });
}

export const dsn: LineStartLocator = {
  locate(ctx) {
    const { line, state } = ctx;
    if (!FIRST_CHARS.includes(line[0])) return false;
    const colon = line.indexOf(':');
    if (colon < 5 || colon > 40) return false;
    if (lowerStartsWith(line, 'diagnostic-code:')) return openReplyField(ctx, colon, true);
    if (lowerStartsWith(line, 'x-remote-mta-') && line.includes('X-str;', colon)) return openReplyField(ctx, colon, false);
    if (lowerStartsWith(line, 'final-recipient:') || lowerStartsWith(line, 'original-recipient:')) {
      state.dsn.seen = true;
      // Blocks are usually separated by blank lines, but not always: a recipient field starts a new one.
      if (state.dsn.status || state.dsn.diagnosed) ctx.endDsnBlock();
      state.dsn.facts = [];
      const v = valueAfterType(line, colon);
      if (lowerStartsWith(line, 'final-recipient:') || state.dsn.recipient === null) state.dsn.recipient = line.slice(v, trimEnd(line, v, line.length)) || null;
      return true;
    }
    if (lowerStartsWith(line, 'action:')) {
      state.dsn.seen = true;
      const v = skipSpaces(line, colon + 1);
      state.dsn.action = line.slice(v, trimEnd(line, v, line.length)).toLowerCase();
      addFact(ctx, 'dsn-action');
      return true;
    }
    if (lowerStartsWith(line, 'status:')) {
      // `Status: RO` in a mailbox is not a DSN field: only a status code in a DSN block counts.
      if (!state.dsn.seen) return false;
      const v = skipSpaces(line, colon + 1);
      if (enhancedEnd(line, v) < 0) return false;
      // Held, not emitted: a `Diagnostic-Code` later in the block is the block's one finding.
      const end = trimEnd(line, v, line.length);
      addFact(ctx, 'dsn-status');
      ctx.holdStatus({
        kind: 'dsn-status', format: 'dsn', code: line.slice(v, enhancedEnd(line, v, end)), startLine: ctx.lineNo, startCol: v, endLine: ctx.lineNo, endCol: end,
        ...codesOf(line, v, end), parts: [line.slice(v, end)], label: label(ctx), recipient: state.dsn.recipient, facts: state.dsn.facts,
      });
      return true;
    }
    for (const m of MARKERS) {
      if (lowerStartsWith(line, m)) {
        state.dsn.seen = true;
        return true;
      }
    }
    return false;
  },
};
