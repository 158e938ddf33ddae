import type { Direction } from '../../types';
import type { LineContext, LineStartLocator } from '../model';
import { codeAt, enhancedEnd, lowerStartsWith, skipSpaces, trimEnd } from '../text';

// Dialogues written by people and tools:
//   `S: 250 OK` / `C: RCPT TO:<…>`              (RFC 5321 examples, tickets, notes)
//   `<<< 250 OK` / `>>> rcpt to:<…>`            (Exim's test suite; `???` lines are its client's expectations)
//   `SERVER -> CLIENT: 250 OK`                  (PHPMailer's SMTPDebug, perhaps after a timestamp and a tab)
//   `250 OK` with no marker at all              (`exim -bh`, telnet sessions) — only once the document
//                                               has shown itself a dialogue: a greeting, a command at column 0,
//                                               `exim -bh`'s banner, or a reply like `550 5.1.1 …`.

/**
 * Which side `<<<` and `>>>` stand for depends on the tool (Exim's test client writes the server's
 * replies after `<<<`, its fake LMTP server the commands it received): the payload tells, since no
 * command starts with a reply code.
 */
const MARKED = ['<<< ', '>>> '];
const PHPMAILER = [{ tag: 'SERVER -> CLIENT: ', server: true }, { tag: 'CLIENT -> SERVER: ', server: false }];
/** Client commands that make a document a dialogue when they stand at column 0. */
const OPENING_COMMANDS = ['ehlo ', 'helo ', 'lhlo ', 'mail from:', 'rcpt to:'];
/** Commands recognised at column 0 once the document is a dialogue. */
const COMMANDS = [...OPENING_COMMANDS, 'data', 'quit', 'rset', 'noop', 'starttls', 'auth ', 'vrfy ', 'expn ', 'bdat ', 'etrn ', 'help'];
/**
 * FTP dialogues look the same (`220 (vsFTPd 3.0.3)`, `530 Login incorrect.`): a greeting naming FTP or
 * an FTP command at column 0 makes the document no SMTP dialogue.
 */
const FTP_COMMANDS = ['user ', 'pass ', 'pasv', 'port ', 'retr ', 'stor ', 'cwd ', 'list', 'type ', 'syst', 'feat', 'epsv', 'size '];

/**
 * `exim -bh` opens each session with this banner: what follows is this host's own server answering a
 * simulated client, so its replies are inbound (a client's transcript shows a remote server's: outbound).
 */
const SESSION_BANNERS = ['**** SMTP testing session'];

function serverPayload(ctx: LineContext, kind: string, start: number, direction?: Direction): void {
  const { line } = ctx;
  const end = trimEnd(line, start, line.length);
  if (codeAt(line, start, end)) ctx.replyLine({ kind, format: 'transcript', start, end, label: null, ...(direction !== undefined ? { direction } : {}) });
}

/**
 * A reply line that shows by itself the document is a dialogue: a greeting (`220 …`), or a reply
 * whose enhanced code repeats its class (`550 5.1.1 …`, `250 2.0.0 …`), which no other text does.
 */
function isEvidence(line: string): boolean {
  if (line.startsWith('220')) return true;
  const e = enhancedEnd(line, 4);
  return e > 0 && line[4] === line[0];
}

/** PHPMailer writes its tag at the start of the line or after a `2024-03-01 10:15:01` timestamp and a tab. */
function phpMailer(ctx: LineContext, at: number): boolean {
  const { line } = ctx;
  for (const t of PHPMAILER) {
    if (line.startsWith(t.tag, at)) {
      ctx.state.dialogue = true;
      if (t.server) serverPayload(ctx, 'phpmailer', at + t.tag.length);
      else ctx.clientLine(line.slice(at + t.tag.length));
      return true;
    }
  }
  return false;
}

/** A command of `list` at column 0: `EHLO x`, `MAIL FROM:`, `DATA`, `QUIT` alone or with arguments. */
function commandAt0(line: string, list: readonly string[]): boolean {
  for (const cmd of list) {
    if (lowerStartsWith(line, cmd) && (cmd.length > 4 || line.length === 4 || line[4] === ' ' || line[4] === '\r')) return true;
  }
  return false;
}

/** Bare coded lines: replies once the document is an SMTP dialogue. */
function rawReply(ctx: LineContext): boolean {
  const { line, state } = ctx;
  if (state.notSmtp) return false;
  if (!state.dialogue && !isEvidence(line)) return false;
  if (line.startsWith('220') && line.slice(0, 120).toLowerCase().includes('ftp')) {
    state.notSmtp = true;
    state.dialogue = false;
    return false;
  }
  state.dialogue = true;
  serverPayload(ctx, 'raw', 0, state.dialogueDirection);
  return true;
}

/** Letters that start a command of `COMMANDS` or `FTP_COMMANDS`. */
const COMMAND_INITIALS = new Set([...COMMANDS, ...FTP_COMMANDS].flatMap((c) => [c[0], c[0].toUpperCase()]));

export const transcript: LineStartLocator = {
  locate(ctx) {
    const { line, state } = ctx;
    const c = line[0];
    // PHPMailer prints the lines of a multi-line reply after the first one bare, perhaps indented.
    if (state.open?.kind === 'phpmailer') {
      const s = skipSpaces(line, 0, 64);
      if (codeAt(line, s) && line.startsWith(state.open.code, s)) {
        serverPayload(ctx, 'phpmailer', s);
        return true;
      }
    }
    // Most lines of a log start with a digit or a month: one test of the first character sends them away.
    if (c >= '0' && c <= '9') {
      // Between a `354` and the lone `.` the client sends the message: a bounce quoted in it is no reply.
      // (The marked dialogues' body lines are `C:` lines, which the engine skips by the same state.)
      if (codeAt(line, 0)) return state.inData && state.unmarkedData ? true : rawReply(ctx);
      return line[19] === '\t' && phpMailer(ctx, 20);
    }
    if (c === '.') {
      // The unmarked dialogue's end of data: the next reply (`250 … queued`) answers it.
      if (!state.inData || !state.unmarkedData || trimEnd(line, 0, line.length) !== 1) return false;
      state.unmarkedData = false;
      ctx.clientLine(line);
      return true;
    }
    if (c === '?') return line.startsWith('???') ? 'transparent' : false;
    if (c === '<' || c === '>') {
      for (const m of MARKED) {
        if (line.startsWith(m)) {
          if (codeAt(line, m.length)) serverPayload(ctx, 'marked', m.length);
          else ctx.clientLine(line.slice(m.length));
          return true;
        }
      }
      return false;
    }
    if (c === '*') {
      if (SESSION_BANNERS.some((b) => line.startsWith(b))) {
        state.dialogue = true;
        state.dialogueDirection = 'inbound';
      }
      return false;
    }
    // `S: 250 …` / `C: …`, perhaps indented.
    const s = c === ' ' || c === '\t' ? skipSpaces(line, 0, 4) : 0;
    if ((line[s] === 'S' || line[s] === 'C') && line[s + 1] === ':' && (line[s + 2] === ' ' || codeAt(line, s + 2))) {
      const p = line[s + 2] === ' ' ? s + 3 : s + 2;
      if (line[s] === 'S') serverPayload(ctx, 'S:', p);
      else ctx.clientLine(line.slice(p));
      return true;
    }
    if ((c === 'S' || c === 'C') && phpMailer(ctx, 0)) return true;
    if (!COMMAND_INITIALS.has(c)) return false;
    if (commandAt0(line, FTP_COMMANDS)) {
      state.notSmtp = true;
      state.dialogue = false;
      return false;
    }
    if (commandAt0(line, state.dialogue ? COMMANDS : OPENING_COMMANDS)) {
      state.dialogue = true;
      if (!state.inData && commandAt0(line, ['data'])) state.unmarkedData = true;
      ctx.clientLine(line);
      return true;
    }
    return false;
  },
};
