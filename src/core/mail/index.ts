// Whole messages: an `.eml`, a saved message, an mbox of bounces, a DSN pasted on its own. `scanDocument`
// is `scan` for any text: it reads an email whole (MIME decoded, one finding per bounced recipient) and
// anything else line by line, as before. Whether a text is an email is decided by its first line, so a log
// costs one look at one line. `EmailReader` does the same for a stream read line by line (the CLI).
import { createScanner, LINE_BREAK, scan, type LineScanner } from '../scan/engine';
import type { Finding, Range } from '../types';
import { readMessage } from './bounce';
import { fieldColon } from './mime';

/** Header fields that open a message as saved by mail clients and servers, or a DSN pasted on its own. */
const FIRST_FIELDS = new Set([
  'return-path', 'received', 'delivered-to', 'from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type',
  'reply-to', 'sender', 'envelope-to', 'dkim-signature', 'authentication-results', 'received-spf', 'arc-seal',
  'arc-message-signature', 'arc-authentication-results', 'x-original-to', 'errors-to', 'precedence', 'auto-submitted',
  'thread-topic', 'thread-index', 'user-agent', 'x-mailer', 'references', 'in-reply-to', 'cc', 'bcc', 'importance',
  'newsgroups', 'path', 'xref', 'list-id', 'mailing-list', 'resent-from', 'resent-to', 'resent-date', 'organization',
  // A delivery status report's own fields (RFC 3464 §2.2): a DSN pasted into a text file.
  'reporting-mta', 'final-recipient', 'original-recipient', 'original-envelope-id', 'arrival-date', 'received-from-mta', 'dsn-gateway',
]);
const DSN_FIELDS = new Set(['reporting-mta', 'final-recipient', 'original-recipient', 'original-envelope-id', 'arrival-date', 'received-from-mta', 'dsn-gateway']);

/** True when a document whose first line this is reads as an email (or an mbox of them, or a bare DSN). */
export function isEmailStart(firstLine: string): boolean {
  let line = firstLine;
  if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
  if (line.startsWith('From ') && line.length > 7) return true;
  const colon = fieldColon(line);
  if (colon < 2) return false;
  const name = line.slice(0, colon).toLowerCase();
  return FIRST_FIELDS.has(name) || (name.startsWith('x-') && colon > 3 && line[colon + 1] === ' ');
}

/** An mbox separator: `From ` at the start of a line, after a blank line (or first). */
function isSeparator(line: string, prevBlank: boolean): boolean {
  return prevBlank && line.startsWith('From ') && line.length > 7;
}

function shift(r: Range | null, by: number): Range | null {
  if (!r || by === 0) return r;
  r.start.line += by;
  r.end.line += by;
  return r;
}

async function readOne(lines: string[], offset: number): Promise<Finding[]> {
  let first = 0;
  while (first < lines.length && lines[first].trim() === '') first++;
  const head = lines[first] ?? '';
  const colon = fieldColon(head);
  const bareDsn = colon > 0 && DSN_FIELDS.has(head.slice(0, colon).toLowerCase());
  const found = await readMessage(lines, 0, lines.length, bareDsn);
  for (const f of found) {
    shift(f.range, offset);
    shift(f.codeRange, offset);
    shift(f.enhancedRange, offset);
  }
  return found;
}

export interface EmailScanOptions {
  /** Awaited between the messages of an mbox: an editor gives its thread back there. */
  pause?: () => Promise<void>;
  /** Checked after each pause: true stops the reading (what was found so far is returned). */
  cancelled?: () => boolean;
}

/** The findings of a document read as email: every message of an mbox, or the one message. */
export async function scanEmail(text: string, options: EmailScanOptions = {}): Promise<Finding[]> {
  const lines = text.split(LINE_BREAK);
  const out: Finding[] = [];
  let start = 0;
  for (let i = 1; i < lines.length; i++) {
    if (isSeparator(lines[i], lines[i - 1].trim() === '')) {
      out.push(...await readOne(lines.slice(start, i), start));
      start = i;
      if (options.pause) await options.pause();
      if (options.cancelled?.()) return out;
    }
  }
  out.push(...await readOne(lines.slice(start), start));
  return out;
}

/** Every finding of a document: an email read whole, anything else scanned line by line (`scan`). */
export async function scanDocument(text: string): Promise<Finding[]> {
  const nl = text.search(LINE_BREAK);
  const first = nl < 0 ? text : text.slice(0, nl);
  return isEmailStart(first) ? scanEmail(text) : scan(text);
}

/** The most a message is buffered before it is read line by line instead (a huge attachment, a mislabelled log). */
export const MAX_MESSAGE_CHARS = 32 * 1024 * 1024;

/**
 * Reads an email or an mbox that arrives line by line: each message is buffered and read whole when the
 * next one starts or the input ends. A message longer than `maxChars` is scanned line by line instead, so
 * memory stays bounded.
 */
export class EmailReader {
  private lines: string[] = [];
  private chars = 0;
  private start = 0;
  private lineNo = 0;
  private prevBlank = true;
  private readonly ready: { lines: string[]; start: number }[] = [];
  /** Set while an over-long message is read line by line. */
  private fallback: LineScanner | null = null;

  constructor(private readonly maxChars = MAX_MESSAGE_CHARS) {}

  /** Reads a line; returns findings only while an over-long message is read line by line. */
  push(line: string): Finding[] {
    const n = this.lineNo++;
    let out: Finding[] = [];
    if (isSeparator(line, this.prevBlank) && n > 0) {
      if (this.fallback) out = this.fallback.end().map((f) => this.shifted(f));
      else this.ready.push({ lines: this.lines, start: this.start });
      this.fallback = null;
      this.lines = [];
      this.chars = 0;
      this.start = n;
    }
    this.prevBlank = line.trim() === '';
    if (this.fallback) return out.concat(this.fallback.push(line).map((f) => this.shifted(f)));
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars > this.maxChars) {
      this.fallback = createScanner();
      for (const l of this.lines) out.push(...this.fallback.push(l).map((f) => this.shifted(f)));
      this.lines = [];
    }
    return out;
  }

  /** The findings of the messages completed so far. */
  async drain(): Promise<Finding[]> {
    const out: Finding[] = [];
    while (this.ready.length > 0) {
      const m = this.ready.shift()!;
      out.push(...await readOne(m.lines, m.start));
    }
    return out;
  }

  /** The input ended: the findings of the last message. */
  async end(): Promise<Finding[]> {
    if (this.fallback) {
      const rest = this.fallback.end().map((f) => this.shifted(f));
      this.fallback = null;
      return [...await this.drain(), ...rest];
    }
    if (this.lines.length > 0) this.ready.push({ lines: this.lines, start: this.start });
    this.lines = [];
    return this.drain();
  }

  private shifted(f: Finding): Finding {
    shift(f.range, this.start);
    shift(f.codeRange, this.start);
    shift(f.enhancedRange, this.start);
    return f;
  }
}
