import type { FormatLabel } from '../../types';
import { IRONPORT_OUTCOME, labelFrom, labelFromDigit } from '../labels';
import type { AnchorLocator, LineContext } from '../model';
import { codeAt, enhancedStartsAt, readAddress, replyStartsAt } from '../text';

// Cisco Secure Email Gateway (IronPort, AsyncOS) `mail_logs`, written with their own time stamp
// (`Mon Mar 19 20:16:27 2018 Info: …`) or through syslog (`Jun 26 10:42:23 esa1 mail_logs: Info: …`):
//   Bounced: DCID 0 MID 26 From: <a@b> To: <c@d> RID 0 - 5.1.0 - Unknown address error ('550', ['5.1.1 unknown user'])
//   Delayed: DCID 8 MID 103 to RID [0] - 4.1.0 - Unknown address error ('466', ['Mailbox temporarily full.'])[]
//   MID 5613 RID [0] Response '2.0.0 u4F9BN1p012345 Message accepted for delivery'
// A bounce or delay carries the remote reply as a Python tuple: its code, then the list of its lines. Code `000`
// means no server answered (DNS, timeouts): the gateway's own enhanced code and words stand for the reply.

const OUTCOMES = ['Bounced: DCID', 'Delayed: DCID'];
const RESPONSE = "] Response '";

/** The strings of a Python list literal `['a', "b's"]` starting at `i` (at the `[`), and where it ends. */
function pythonList(line: string, i: number): { items: string[]; end: number } | null {
  if (line[i] !== '[') return null;
  const items: string[] = [];
  let j = i + 1;
  while (j < line.length && items.length < 100) {
    while (line[j] === ' ' || line[j] === ',') j++;
    if (line[j] === ']') return { items, end: j + 1 };
    const q = line[j];
    if (q !== "'" && q !== '"') return null;
    let k = j + 1;
    let s = '';
    while (k < line.length && line[k] !== q) {
      if (line[k] === '\\' && k + 1 < line.length) k++;
      s += line[k++];
    }
    if (k >= line.length) return null;
    items.push(s);
    j = k + 1;
  }
  return null;
}

/** The lines of a reply as one text: each list item after the code, `550-` on all lines but the last. */
function joinReply(code: string, items: string[]): string {
  if (items.length === 0) return code;
  return items.map((t, n) => `${code}${n < items.length - 1 ? '-' : ' '}${t}`).join('\n');
}

function recipientOf(line: string, from: number, to: number): string | null {
  const t = line.indexOf(' To: <', from);
  return t >= 0 && t < to ? readAddress(line, t + 5) : null;
}

function locateOutcome(ctx: LineContext, anchor: string, at: number): void {
  const { line } = ctx;
  // ` - 5.1.0 - Unknown address error ('550', [...])`
  const dash = line.indexOf(' - ', at + anchor.length);
  if (dash < 0 || dash - at > 600) return;
  const enhStart = dash + 3;
  const enhEnd = enhancedStartsAt(line, enhStart);
  if (enhEnd < 0 || !line.startsWith(' - ', enhEnd)) return;
  const tuple = line.indexOf(" ('", enhEnd);
  if (tuple < 0) return;
  const codeStart = tuple + 3;
  if (line[codeStart + 3] !== "'" || line[codeStart + 4] !== ',') return;
  const list = pythonList(line, line.indexOf('[', codeStart + 4));
  if (!list || line[list.end] !== ')') return;
  const code = line.slice(codeStart, codeStart + 3);
  const label: FormatLabel | null = labelFrom(IRONPORT_OUTCOME, anchor.slice(0, anchor.indexOf(':')));
  const recipient = recipientOf(line, at, dash);
  const end = list.end + 1;
  if (codeAt(line, codeStart, codeStart + 3)) {
    ctx.candidates.push({ start: codeStart, end, format: 'ironport', label, recipient, text: joinReply(code, list.items) });
    return;
  }
  // No remote reply: `- 5.4.7 - Delivery expired (message too old) ('000', ['timeout'])`.
  const words = [line.slice(enhEnd + 3, tuple).trim(), ...list.items].filter((w) => w !== '').join(': ');
  ctx.candidates.push({ start: enhStart, end, format: 'ironport', label, recipient, text: `${line.slice(enhStart, enhEnd)} ${words}` });
}

function locateResponse(ctx: LineContext, at: number): void {
  const { line } = ctx;
  // `MID 5613 RID [0] Response '…'`: the response of a delivery, as the remote server worded it.
  const rid = line.lastIndexOf(' RID [', at);
  if (rid < 0 || at - rid > 40) return;
  const start = at + RESPONSE.length;
  const end = line.lastIndexOf("'");
  if (end <= start || !replyStartsAt(line, start, end)) return;
  ctx.candidates.push({ start, end, format: 'ironport', label: labelFromDigit('Response', line[start]), recipient: null });
}

export const ironport: AnchorLocator = {
  anchors: [...OUTCOMES, RESPONSE],
  locate(ctx, hits) {
    const h = hits[0];
    if (h.anchor === RESPONSE) locateResponse(ctx, h.at);
    else locateOutcome(ctx, h.anchor, h.at);
  },
};
