import { labelFrom, QMAIL_RESULT } from '../labels';
import type { AnchorLocator, LineContext } from '../model';
import { codeAt, isDigit, replyAfterColon, trimEnd } from '../text';

// qmail: qmail-send writes a delivery's result with `_` for every blank and `/` between sentences:
//   delivery 7: failure: 192.0.2.1_does_not_like_recipient./Remote_host_said:_550_5.1.1_<b@x>..._User_unknown/Giving_up_on_192.0.2.1./
//   delivery 3: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/
// qmail-smtpd and rblsmtpd log the reply they send: `qmail-smtpd: 421 badiprbl: …`, `rblsmtpd: 1.2.3.4 pid 9 zone: 451 …`.

const RESULTS = [': success: ', ': failure: ', ': deferral: '];
const SAID = 'Remote_host_said:_';
const STARTING = 'starting delivery ';
/** Deliveries in progress remembered at most (qmail runs a few hundred at once). */
const MAX_DELIVERIES = 1024;

/** qmail's text with its blanks back: same length, so columns still match. */
function spaced(s: string): string {
  return s.split('_').join(' ');
}

/** The delivery number of `delivery 12: failure: …`, and where its text starts. */
function resultOf(line: string): { word: string; at: number; id: string } | null {
  for (const r of RESULTS) {
    const at = line.indexOf(r);
    const d = at >= 0 ? line.lastIndexOf('delivery ', at) : -1;
    if (d >= 0) return { word: r.slice(2, -2), at: at + r.length, id: line.slice(d + 9, at) };
  }
  return null;
}

/** `starting delivery 12: msg 131 to remote bob@example.net`: whom delivery 12 is for. */
function locateStarting(ctx: LineContext, at: number): void {
  const { line } = ctx;
  const colon = line.indexOf(':', at);
  const to = line.indexOf(' to ', colon);
  if (colon < 0 || to < 0) return;
  const sp = line.indexOf(' ', to + 4);
  if (sp < 0) return;
  const deliveries = ctx.state.qmail;
  if (deliveries.size >= MAX_DELIVERIES) deliveries.delete(deliveries.keys().next().value as string);
  deliveries.set(line.slice(at + STARTING.length, colon), line.slice(sp + 1, trimEnd(line, sp + 1, line.length)));
}

function locateDelivery(ctx: LineContext): void {
  const { line } = ctx;
  const result = resultOf(line);
  if (!result) return;
  const label = labelFrom(QMAIL_RESULT, result.word);
  const recipient = ctx.state.qmail.get(result.id) ?? null;
  ctx.state.qmail.delete(result.id);
  const said = line.indexOf(SAID, result.at);
  if (said >= 0 && codeAt(line, said + SAID.length, line.length, '_')) {
    const start = said + SAID.length;
    let end = line.indexOf('/', start);
    if (end < 0) end = trimEnd(line, start, line.length);
    ctx.candidates.push({ start, end, format: 'qmail', label, recipient, text: spaced(line.slice(start, end)) });
    return;
  }
  // A local or connection result with its enhanced code in `(#5.1.1)`: the sentence is the reply.
  const hash = line.indexOf('(#', result.at);
  if (hash < 0) return;
  let start = line.lastIndexOf('/', hash) + 1;
  if (start < result.at) start = result.at;
  let end = line.indexOf('/', hash);
  if (end < 0) end = trimEnd(line, start, line.length);
  ctx.candidates.push({ start, end, format: 'qmail', label, recipient, text: spaced(line.slice(start, end)) });
}

function locateSmtpd(ctx: LineContext, anchor: string, at: number): void {
  const { line } = ctx;
  const from = at + anchor.length;
  const start = codeAt(line, from) ? from : replyAfterColon(line, from, 2);
  if (start < 0) return;
  // qmail-smtpd and rblsmtpd log what this server answered a client: inbound.
  ctx.candidates.push({ start, end: trimEnd(line, start, line.length), format: 'qmail', label: null, recipient: null, direction: 'inbound' });
}

export const qmail: AnchorLocator = {
  // `delivery ` is a common word: the locator checks for `delivery N: result:` or `starting delivery N:`.
  anchors: ['delivery ', 'qmail-smtpd: ', 'rblsmtpd: '],
  locate(ctx, hits) {
    let deliveryDone = false;
    for (const h of hits) {
      if (h.anchor !== 'delivery ') locateSmtpd(ctx, h.anchor, h.at);
      else if (!isDigit(ctx.line.charCodeAt(h.at + 9))) continue;
      else if (ctx.line.startsWith(STARTING, h.at - 9)) locateStarting(ctx, h.at - 9);
      else if (!deliveryDone) {
        locateDelivery(ctx);
        deliveryDone = true;
      }
    }
  },
};
