import type { LineStartLocator } from '../model';
import { codeAt, trimEnd } from '../text';

// Nodemailer's logger with `debug: true`: `[2026-01-15 10:00:00] DEBUG [u4BVDb2Ss] S: 550 5.1.1 …` and
// `… [u4BVDb2Ss] C: RCPT TO:<bob@example.com>`; the bracketed id names the connection.

const MAX_PREFIX = 160;

export const nodemailer: LineStartLocator = {
  locate(ctx) {
    const { line } = ctx;
    if (line[0] !== '[') return false;
    let at = line.indexOf('] S: ');
    let server = true;
    if (at < 0 || at > MAX_PREFIX) {
      at = line.indexOf('] C: ');
      server = false;
      if (at < 0 || at > MAX_PREFIX) return false;
    }
    const open = line.lastIndexOf('[', at);
    if (open <= 0) return false;
    const session = line.slice(open + 1, at);
    const start = at + 5;
    if (!server) {
      ctx.clientLine(line.slice(start));
      return true;
    }
    const end = trimEnd(line, start, line.length);
    if (codeAt(line, start, end)) ctx.replyLine({ kind: `nodemailer:${session}`, format: 'nodemailer', start, end, label: null });
    return true;
  },
};
