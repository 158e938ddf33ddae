import type { AnchorLocator } from '../model';
import { closingQuote, codeAt, fieldValue, replyAfterColon, trimEnd } from '../text';

// Courier: `courieresmtpd: error,relay=::ffff:1.2.3.4,from=<a@b>,to=<c@d>: 550 User unknown.` and
// `…,msg="535 Authentication failed.",cmd: AUTH …`; the client `courieresmtp: id=…,from=<a>,addr=<b>: 550 …`.

export const courier: AnchorLocator = {
  anchors: ['courieresmtp'],
  locate(ctx, hits) {
    const { line } = ctx;
    const from = hits[0].at;
    // courieresmtpd is the server (refusing a client: inbound), courieresmtp the client (outbound).
    const direction = line[from + 'courieresmtp'.length] === 'd' ? 'inbound' : 'outbound';
    const msg = line.indexOf(',msg="', from);
    if (msg >= 0) {
      const start = msg + 6;
      const close = closingQuote(line, start);
      if (close > start && codeAt(line, start, close)) {
        ctx.candidates.push({ start, end: close, format: 'courier', label: null, recipient: null, direction });
      }
      return;
    }
    const start = replyAfterColon(line, from, 3);
    if (start < 0) return;
    const recipient = fieldValue(line, 'to=', from, start) ?? fieldValue(line, 'addr=', from, start);
    ctx.candidates.push({ start, end: trimEnd(line, start, line.length), format: 'courier', label: null, recipient, direction });
  },
};
