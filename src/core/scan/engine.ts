import { explain } from '../explain';
import type { Direction, Explanation, Fact, Finding, FormatId, FormatLabel, Range } from '../types';
import { FORMAT_DIRECTION } from './direction';
import { courier } from './locators/courier';
import { dsn } from './locators/dsn';
import { exchange } from './locators/exchange';
import { exim } from './locators/exim';
import { generic } from './locators/generic';
import { ironport } from './locators/ironport';
import { nodemailer } from './locators/nodemailer';
import { postfixDelivery, postfixReject, postfixRelayed, postfixSasl } from './locators/postfix';
import { finishJson, providerJson } from './locators/providerJson';
import { qmail } from './locators/qmail';
import { sendmail } from './locators/sendmail';
import { smtplib } from './locators/smtplib';
import { swaks } from './locators/swaks';
import { transcript } from './locators/transcript';
import { webLog } from './locators/webLog';
import { newState, type AnchorLocator, type Candidate, type Command, type Hit, type LineContext, type LineFact, type LineStartLocator, type OpenReply, type ReplyLine, type SpanningCandidate } from './model';
import { codeAt, codesOf, lowerStartsWith, readAddress, replyAfterColon, skipSpaces, trimEnd } from './text';

/**
 * Lines longer than this are scanned in their first 64 KB only: no log line carrying a reply is this
 * long, and a 10 MB line (a base64 blob, a minified file opened by mistake) must cost no more than that.
 */
export const MAX_SCAN_LINE = 64 * 1024;

/** Anchor locators in priority order: where two find overlapping replies, the earlier one wins. */
export const ANCHOR_LOCATORS: readonly AnchorLocator[] = [postfixDelivery, postfixReject, postfixSasl, sendmail, exim, qmail, courier, postfixRelayed, generic, providerJson, ironport];
/** Locators that own a line by its first characters; the first that owns it ends the search. */
export const LINE_START_LOCATORS: readonly LineStartLocator[] = [webLog, dsn, exchange, swaks, smtplib, nodemailer, transcript];

const OWNER = new Map<string, number>();
ANCHOR_LOCATORS.forEach((l, i) => [...l.anchors, ...(l.lineAnchors ?? [])].forEach((a) => OWNER.set(a, i)));

function escapeLiteral(s: string): string {
  let out = '';
  for (const ch of s) out += '\\^$.*+?()[]{}|/'.includes(ch) ? `\\${ch}` : ch;
  return out;
}

function alternation(anchors: string[]): RegExp {
  // Longest first, so that of two anchors starting at one column the longer is taken.
  return new RegExp([...anchors].sort((a, b) => b.length - a.length).map(escapeLiteral).join('|'), 'g');
}

const EVERYWHERE = ANCHOR_LOCATORS.flatMap((l) => [...l.anchors]);

/**
 * The prefilter: one pass of one alternation of literals finds the anchors of every locator in a line.
 * A regular expression's cost grows with its alternatives, so anchors that can only matter in some
 * lines get passes of their own: those with a double quote (JSON keys) run when the line has one,
 * a locator's `lineAnchors` when its `lineFilter` accepts the line.
 */
export const ANCHOR_PATTERN = alternation(EVERYWHERE.filter((a) => !a.includes('"')));
export const QUOTED_ANCHOR_PATTERN = alternation(EVERYWHERE.filter((a) => a.includes('"')));
const LINE_PASSES = ANCHOR_LOCATORS.flatMap((l) => (l.lineAnchors && l.lineFilter ? [{ pattern: alternation([...l.lineAnchors]), filter: l.lineFilter }] : []));
export const LINE_ANCHOR_PATTERNS: readonly RegExp[] = LINE_PASSES.map((p) => p.pattern);

const hasQuote = (line: string) => line.includes('"');
const PASSES: readonly { pattern: RegExp; filter?: (line: string) => boolean }[] = [
  { pattern: ANCHOR_PATTERN },
  { pattern: QUOTED_ANCHOR_PATTERN, filter: hasQuote },
  ...LINE_PASSES,
];

interface AnchorEntry {
  anchor: string;
  owner: number;
}

/**
 * Anchors by their last two characters, longest first: a match is told by where it ends. Two characters,
 * not one: some 25 anchors end in a space, and the commonest match (Exim's ` => `) is among the shortest.
 */
const BY_LAST_TWO = new Map<number, AnchorEntry[]>();
const lastTwo = (s: string, end: number) => (s.charCodeAt(end - 2) << 16) | s.charCodeAt(end - 1);
for (const anchor of [...OWNER.keys()].sort((x, y) => y.length - x.length)) {
  if (anchor.length < 2) throw new Error(`an anchor needs two characters at least: '${anchor}'`);
  const k = lastTwo(anchor, anchor.length);
  if (!BY_LAST_TWO.has(k)) BY_LAST_TWO.set(k, []);
  BY_LAST_TWO.get(k)!.push({ anchor, owner: OWNER.get(anchor) as number });
}

/**
 * The anchor a pattern matched, given where the match ended. Of the anchors ending there, the longest is
 * the one matched: a pattern takes the leftmost match, and among anchors starting at one column the
 * longest (`milter-reject: ` rather than `reject: `).
 */
function anchorEndingAt(line: string, end: number, from: number): AnchorEntry {
  for (const e of BY_LAST_TWO.get(lastTwo(line, end)) as AnchorEntry[]) {
    const a = e.anchor;
    if (end - a.length >= from && line.startsWith(a, end - a.length)) return e;
  }
  throw new Error('unreachable: a match that is no anchor');
}

function inOrder(h: readonly Hit[]): boolean {
  for (let i = 1; i < h.length; i++) if (h[i].at < h[i - 1].at) return false;
  return true;
}

/** How `scan` splits a document into lines. */
export const LINE_BREAK = /\r\n|\n|\r/;

/** Queued client commands beyond this are dropped (a dialogue pipelines a few, never hundreds). */
const MAX_COMMANDS = 64;
/** A multi-line reply or folded field longer than this is cut into several findings (state stays small). */
const MAX_REPLY_LINES = 1000;

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

function range(startLine: number, startCol: number, endLine: number, endCol: number): Range {
  return { start: { line: startLine, character: startCol }, end: { line: endLine, character: endCol } };
}

/** Returns the object it is given: a subclass's private fields are then added to that plain object. */
class Stamp {
  constructor(o: object) {
    return o;
  }
}

/**
 * A finding's explanation is computed when first read, then kept: scanning a 1 GB log stays fast. It is an
 * own enumerable accessor (JSON.stringify and `{...f}` see it), with one getter and setter shared by every
 * finding and the state in private fields. A getter and setter closed over each finding's state, as an object
 * literal would make them, put every finding in dictionary mode: slower to make and to read.
 */
class LazyExplanation extends Stamp {
  #text: string;
  #hint: ClassHint | undefined;
  #memo: Explanation | undefined;

  private constructor(o: object, text: string, hint: ClassHint | undefined) {
    super(o);
    this.#text = text;
    this.#hint = hint;
  }

  static readonly accessor: PropertyDescriptor = {
    get(this: LazyExplanation): Explanation {
      return (this.#memo ??= explain(this.#text, this.#hint ? { classHint: this.#hint } : undefined));
    },
    set(this: LazyExplanation, v: Explanation) {
      this.#memo = v;
    },
    enumerable: true,
    configurable: true,
  };

  static attach(o: Omit<Finding, 'explanation'>, text: string, hint?: ClassHint): Finding {
    new LazyExplanation(o, text, hint);
    return Object.defineProperty(o, 'explanation', LazyExplanation.accessor) as Finding;
  }
}

type ClassHint = Candidate['classHint'];

/** Shared by the findings that have no outcome facts: most have none. */
const NO_FACTS: readonly Fact[] = Object.freeze([]);

type FollowsFrom = Finding['consequenceOf'];

function makeFinding(
  r: Range, codeRange: Range | null, enhancedRange: Range | null, format: FormatId, label: FormatLabel | null, recipient: string | null,
  direction: Direction | undefined, facts: readonly Fact[], replyText: string, hint?: ClassHint, consequenceOf: FollowsFrom = null,
): Finding {
  return LazyExplanation.attach({
    range: r, codeRange, enhancedRange, format, label, recipient,
    direction: direction !== undefined ? direction : FORMAT_DIRECTION[format], consequenceOf, facts, replyText,
  }, replyText, hint);
}

function lineFacts(line: string, lineNo: number, facts: LineFact[] | undefined): readonly Fact[] {
  if (!facts || facts.length === 0) return NO_FACTS;
  return facts.map((x) => ({ kind: x.kind, text: line.slice(x.start, x.end), range: range(lineNo, x.start, lineNo, x.end) }));
}

// Commands that carry nothing but their verb are shared: a dialogue's bookkeeping allocates for `RCPT TO` only.
const MAIL: Command = Object.freeze({ verb: 'mail', rcpt: null });
const DATA: Command = Object.freeze({ verb: 'data', rcpt: null });
const END_OF_DATA: Command = Object.freeze({ verb: 'end-of-data', rcpt: null });
const RSET: Command = Object.freeze({ verb: 'rset', rcpt: null });
const OTHER: Command = Object.freeze({ verb: 'other', rcpt: null });

/** A command word alone or with its arguments (`DATA`, `BDAT 1000 LAST`, `RSET`); `database` is no command. */
function verbIs(payload: string, p: number, verb: string): boolean {
  if (!lowerStartsWith(payload, verb, p)) return false;
  const n = payload[p + verb.length];
  return n === undefined || n === ' ' || n === '\t' || n === '\r';
}

function commandOf(payload: string): Command {
  const p = skipSpaces(payload, 0);
  if (lowerStartsWith(payload, 'rcpt to:', p)) return { verb: 'rcpt', rcpt: readAddress(payload, skipSpaces(payload, p + 8, 4)) };
  if (lowerStartsWith(payload, 'mail from:', p)) return MAIL;
  if (verbIs(payload, p, 'data') || verbIs(payload, p, 'bdat')) return DATA;
  if (verbIs(payload, p, 'rset')) return RSET;
  return OTHER;
}

/**
 * A finding made outside the line scanner (the bounce reader's, which places and attributes what the scanner
 * found), with the same lazy explanation; `classHint` stands for the class when the reply carries no code.
 */
export function createFinding(
  f: Omit<Finding, 'explanation' | 'replyText' | 'direction' | 'facts' | 'consequenceOf'> & Partial<Pick<Finding, 'direction' | 'facts' | 'consequenceOf'>> & { replyText: string },
  classHint?: ClassHint,
): Finding {
  const { range: r, codeRange, enhancedRange, format, label, recipient, direction, facts, consequenceOf, replyText, ...rest } = f;
  const o = makeFinding(r, codeRange, enhancedRange, format, label, recipient, direction, facts ?? NO_FACTS, replyText, classHint, consequenceOf ?? null);
  return Object.keys(rest).length > 0 ? Object.assign(o, rest) : o;
}

/** Reads a document line by line and returns the replies it completes. */
export interface LineScanner {
  /**
   * Reads the next line (without its line break); returns the findings completed by it, perhaps of earlier lines.
   * Most lines complete none: they all get the same empty array, so the array is the caller's to read, not to change.
   */
  push(line: string): readonly Finding[];
  /** The document ended: returns the findings still open (a multi-line reply, a folded DSN field). */
  end(): readonly Finding[];
}

export interface ScannerOptions {
  /**
   * False: findings carry no outcome facts (`status=`, `dsn=` … ranges, for hovers). A problems scan of a big log
   * needs none, and they are most of what a delivery line's finding allocates.
   */
  facts?: boolean;
  /**
   * True: only failed replies (4XX, 5XX, or a failure without a code) are returned; successes and intermediate
   * replies are still read (a dialogue's bookkeeping needs them) but make no finding. A problems scan needs no
   * `250 Ok`, and a log's deliveries are most of its replies.
   */
  failuresOnly?: boolean;
  /**
   * False: a Postfix `status=expired` line is not told the reply of its queue id's last deferral, and no deferral is
   * remembered (up to 10,000 of them, for as long as they stay queued). For a caller that reads those lines again
   * itself (the problem scan of an editor): the memory would be young objects every garbage collection copies.
   */
  expiryCauses?: boolean;
}

/** A reply that succeeded or asks for more, told by its first code's digit or its log's label, without explaining it. */
function succeeded(line: string, codeAt: number, enhAt: number, label: FormatLabel | null): boolean {
  const d = codeAt >= 0 ? line.charCodeAt(codeAt) : enhAt >= 0 ? line.charCodeAt(enhAt) : -1;
  if (d === 50 || d === 51) return true; // '2', '3'
  return d < 0 && label !== null && (label.class === 'success' || label.class === 'intermediate');
}

/** What `push` returns for a line that completes no reply (most lines). */
const NONE: readonly Finding[] = Object.freeze([]);

class Scanner implements LineScanner {
  private lineNo = 0;
  private readonly st: ReturnType<typeof newState>;
  private out: Finding[] = NONE as Finding[];
  private touchedOpen = false;
  private readonly ctx: LineContext;

  constructor(private readonly withFacts: boolean, private readonly failuresOnly: boolean, expiryCauses: boolean) {
    this.st = newState(expiryCauses);
    this.ctx = {
      line: '',
      lineNo: 0,
      state: this.st,
      candidates: [],
      replyLine: (r) => this.onReplyLine(r),
      clientLine: (p) => this.onClientLine(p),
      spanning: (s) => this.onSpanning(s),
      openField: (o) => {
        this.flushOpen();
        this.st.open = o;
        this.touchedOpen = true;
      },
      holdStatus: (o) => {
        this.releaseStatus();
        if (!this.st.dsn.diagnosed) this.st.dsn.status = o;
      },
      endDsnBlock: () => this.endDsnBlock(),
    };
  }

  /** A finding completed by the current line (the array is made for the first). */
  private emit(f: Finding): void {
    if (this.out === NONE) this.out = [];
    this.out.push(f);
  }

  push(raw: string): readonly Finding[] {
    this.out = NONE as Finding[];
    const line = raw.length > MAX_SCAN_LINE ? raw.slice(0, MAX_SCAN_LINE) : raw;
    const lineNo = this.lineNo++;
    const { st, ctx } = this;
    ctx.line = line;
    ctx.lineNo = lineNo;
    if (ctx.candidates.length > 0) ctx.candidates = [];
    this.touchedOpen = false;

    if (st.open?.header) {
      if ((line[0] === ' ' || line[0] === '\t') && !isBlank(line) && st.open.parts.length < MAX_REPLY_LINES) {
        this.continueField(line, lineNo);
        return this.out;
      }
      this.flushOpen();
    }
    if (isBlank(line)) {
      // A blank line ends a DSN block and any reply being read.
      st.dsn.recipient = null;
      st.dsn.action = null;
      if (st.dsn.facts.length > 0) st.dsn.facts = [];
      this.flushOpen();
      this.endDsnBlock();
      return this.out;
    }
    if ((st.pending || st.open?.kind === 'pending') && this.pendingLine(line, lineNo)) return this.out;

    let owned: boolean | 'transparent' = false;
    for (const l of LINE_START_LOCATORS) {
      owned = l.locate(ctx);
      if (owned) break;
    }
    if (owned !== 'transparent' && !this.touchedOpen && st.open && !st.open.header) this.flushOpen();
    if (!owned) this.runAnchors(line);
    this.emitCandidates(line, lineNo);
    return this.out;
  }

  end(): readonly Finding[] {
    this.out = NONE as Finding[];
    this.flushOpen();
    this.endDsnBlock();
    this.ctx.lineNo = this.lineNo;
    finishJson(this.ctx);
    return this.out;
  }

  private runAnchors(line: string): void {
    let hits: Hit[][] | null = null;
    let passes = 0;
    for (let k = 0; k < PASSES.length; k++) {
      const p = PASSES[k];
      if (p.filter && !p.filter(line)) continue;
      passes++;
      const re = p.pattern;
      re.lastIndex = 0;
      // `test` allocates no match array; the anchor is found again from where the match ended.
      for (let from = 0; re.test(line); from = re.lastIndex) {
        const end = re.lastIndex;
        const { anchor, owner } = anchorEndingAt(line, end, from);
        hits ??= [];
        (hits[owner] ??= []).push({ anchor, at: end - anchor.length });
      }
    }
    if (!hits) return;
    for (let i = 0; i < ANCHOR_LOCATORS.length; i++) {
      const h = hits[i];
      if (!h) continue;
      // Hits of one pass come in column order; those of several usually do too, and then need no sort.
      if (passes > 1 && h.length > 1 && !inOrder(h)) h.sort((a, b) => a.at - b.at);
      ANCHOR_LOCATORS[i].locate(this.ctx, h);
    }
  }

  /** Single-line candidates of this line: overlaps resolved by priority, then in column order. */
  private emitCandidates(line: string, lineNo: number): void {
    const cs = this.ctx.candidates;
    if (cs.length === 0) return;
    const kept: Candidate[] = [];
    for (const c of cs) {
      if (c.end <= c.start) continue;
      if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
      kept.push(c);
    }
    kept.sort((a, b) => a.start - b.start);
    for (const c of kept) {
      const { codeEnd, enhStart, enhEnd } = codesOf(line, c.start, c.end);
      if (this.failuresOnly && succeeded(line, codeEnd > 0 ? c.start : -1, enhStart, c.label)) continue;
      this.emit(makeFinding(
        range(lineNo, c.start, lineNo, c.end),
        codeEnd > 0 ? range(lineNo, c.start, lineNo, codeEnd) : null,
        enhStart >= 0 ? range(lineNo, enhStart, lineNo, enhEnd) : null,
        c.format, c.label, c.recipient, c.direction, this.withFacts ? lineFacts(line, lineNo, c.facts) : NO_FACTS, c.text ?? line.slice(c.start, c.end), c.classHint,
      ));
    }
  }

  private onReplyLine(r: ReplyLine): void {
    const { st, ctx } = this;
    const { line, lineNo } = ctx;
    const code = line.slice(r.start, r.start + 3);
    const more = line[r.start + 3] === '-';
    const part = r.text ?? line.slice(r.start, r.end);
    st.lastReplyLine = lineNo;
    const o = st.open;
    // A raw line continues a reply of any kind (PHPMailer writes the lines after the first bare).
    if (o && !o.header && (o.kind === r.kind || r.kind === 'raw') && o.code === code && o.parts.length < MAX_REPLY_LINES) {
      o.parts.push(part);
      o.endLine = lineNo;
      o.endCol = r.end;
      o.label ??= r.label;
      this.touchedOpen = true;
      if (!more) {
        st.open = null;
        this.emitOpen(o);
      }
      return;
    }
    this.flushOpen();
    const n: OpenReply = {
      kind: r.kind, format: r.format, code, startLine: lineNo, startCol: r.start, endLine: lineNo, endCol: r.end,
      ...codesOf(line, r.start, r.end), parts: [part], label: r.label,
      ...(r.recipient !== undefined ? { recipient: r.recipient } : {}),
      ...(r.direction !== undefined ? { direction: r.direction } : {}),
    };
    if (more) {
      st.open = n;
      this.touchedOpen = true;
    } else {
      this.emitOpen(n);
    }
  }

  private onClientLine(payload: string): void {
    const { st } = this;
    this.flushOpen();
    if (st.inData) {
      if (payload.trim() === '.') {
        st.inData = false;
        st.commands.push(END_OF_DATA);
      }
      return;
    }
    st.commands.push(commandOf(payload));
    if (st.commands.length > MAX_COMMANDS) st.commands.shift();
  }

  /** The command the reply answers: the oldest waiting; a `354` opens the message data. */
  private answer(code: string): Command | null {
    const { st } = this;
    const cmd = st.commands.length > 0 ? st.commands.shift() ?? null : null;
    st.inData = code === '354';
    return cmd;
  }

  /**
   * Keeps the transaction's count of refusals and acceptances, and says whether a reply only follows from
   * an earlier refusal: any failure after a refused `MAIL FROM`, and a failed `DATA` (or `BDAT`) when every
   * `RCPT TO` was refused (`503 5.5.1 RCPT first`, `554 5.5.1 Error: no valid recipients`). A `503` with no
   * earlier refusal is a failure of its own: the client skipped a step.
   */
  private follow(cmd: Command | null, code: string, line: number): FollowsFrom {
    const t = this.st.transaction;
    const d = code.charCodeAt(0);
    const failed = d === 52 || d === 53;
    switch (cmd?.verb) {
      case 'mail':
      case 'rset':
        t.mailRefused = cmd.verb === 'mail' && failed ? line : -1;
        t.rcptRefused = -1;
        t.accepted = 0;
        return null;
      case 'rcpt':
        if (!failed) {
          if (d === 50) t.accepted++;
          return null;
        }
        if (t.mailRefused >= 0) return { line: t.mailRefused };
        t.rcptRefused = line;
        return null;
      case 'data': {
        if (!failed || t.accepted > 0) return null;
        const cause = t.mailRefused >= 0 ? t.mailRefused : t.rcptRefused;
        return cause >= 0 ? { line: cause } : null;
      }
      default:
        return null;
    }
  }

  private onSpanning(s: SpanningCandidate): void {
    // Its text opens with its code (Mailgun's `code` and `message`, joined).
    if (this.failuresOnly && (s.text[0] === '2' || s.text[0] === '3')) return;
    this.emit(makeFinding(
      range(s.startLine, s.startCol, s.endLine, s.endCol),
      range(s.codeLine, s.codeStart, s.codeLine, s.codeStart + 3),
      null, s.format, s.label, s.recipient, s.direction, NO_FACTS, s.text,
    ));
  }

  /**
   * A reply announced at the end of the previous line (`… after RCPT TO:<a@b>:`, `… said:`); it goes on
   * over the lines indented at least as much as its first (bounce text wraps long replies so).
   */
  private pendingLine(line: string, lineNo: number): boolean {
    const { st } = this;
    const s = skipSpaces(line, 0, 64);
    const end = trimEnd(line, s, line.length);
    const o = st.open;
    if (o?.kind === 'pending') {
      if (s > 0 && s >= (o.indent ?? 0) && o.parts.length < MAX_REPLY_LINES) {
        o.parts.push(line.slice(s, end));
        o.endLine = lineNo;
        o.endCol = end;
        return true;
      }
      this.flushOpen();
    }
    const p = st.pending;
    if (!p) return false;
    st.pending = null;
    if (lineNo > p.until) return false;
    // Exim's bounce names the host first: `host mx.example.com [192.0.2.1]: 550 5.1.1 …`.
    const c = codeAt(line, s, end) ? s : lowerStartsWith(line, 'host ', s) ? replyAfterColon(line, s, 2, end) : -1;
    if (c < 0) return false;
    st.lastReplyLine = lineNo;
    st.open = {
      kind: 'pending', format: p.format, code: line.slice(c, c + 3), startLine: lineNo, startCol: c, endLine: lineNo, endCol: end,
      ...codesOf(line, c, end), parts: [line.slice(c, end)], label: null, recipient: p.recipient, indent: s,
    };
    return true;
  }

  private continueField(line: string, lineNo: number): void {
    const o = this.st.open as OpenReply;
    const s = skipSpaces(line, 0, 64);
    const end = trimEnd(line, s, line.length);
    if (o.code === '') {
      // `Diagnostic-Code: smtp;` with the reply on the next line.
      if (!codeAt(line, s, end)) return;
      const c = codesOf(line, s, end);
      Object.assign(o, { code: line.slice(s, s + 3), startLine: lineNo, startCol: s, ...c });
    }
    o.parts.push(line.slice(s, end));
    o.endLine = lineNo;
    o.endCol = end;
  }

  private flushOpen(): void {
    const o = this.st.open;
    if (!o) return;
    this.st.open = null;
    if (o.code !== '') this.emitOpen(o);
  }

  /** A held `Status:` is reported late, like a folded field: by the line that ends its block, or by `end()`. */
  private releaseStatus(): void {
    const o = this.st.dsn.status;
    if (!o) return;
    this.st.dsn.status = null;
    this.emitOpen(o);
  }

  private endDsnBlock(): void {
    this.releaseStatus();
    this.st.dsn.diagnosed = false;
  }

  private emitOpen(o: OpenReply): void {
    if (o.kind === 'dsn-diagnostic') {
      // The block's reply: its `Status:` code says less and is not reported beside it.
      this.st.dsn.status = null;
      this.st.dsn.diagnosed = true;
    }
    if (o.kind === 'pending' || o.kind === 'wrapped') {
      // Postfix's bounce text closes the reply with ` (in reply to RCPT TO command)`.
      const last = o.parts[o.parts.length - 1];
      const cut = last.lastIndexOf(' (in reply to ');
      if (cut >= 0 && last.endsWith(' command)') && (o.parts.length > 1 || cut > 0)) {
        o.parts[o.parts.length - 1] = last.slice(0, cut);
        o.endCol -= last.length - cut;
      }
    }
    let recipient = o.recipient;
    let follows: FollowsFrom = null;
    if (recipient === undefined) {
      const cmd = this.answer(o.code);
      recipient = cmd?.rcpt ?? null;
      follows = this.follow(cmd, o.code, o.startLine);
    }
    if (this.failuresOnly && o.codeEnd > 0 && (o.code[0] === '2' || o.code[0] === '3')) return;
    this.emit(makeFinding(
      range(o.startLine, o.startCol, o.endLine, o.endCol),
      o.codeEnd > 0 ? range(o.startLine, o.startCol, o.startLine, o.codeEnd) : null,
      o.enhStart >= 0 ? range(o.startLine, o.enhStart, o.startLine, o.enhEnd) : null,
      o.format, o.label, recipient, o.direction, this.withFacts && o.facts && o.facts.length > 0 ? o.facts.slice() : NO_FACTS, o.parts.join('\n'), undefined, follows,
    ));
  }
}

export function createScanner(options: ScannerOptions = {}): LineScanner {
  return new Scanner(options.facts !== false, options.failuresOnly === true, options.expiryCauses !== false);
}

/** All replies in a document, in document order. */
export function scan(text: string): Finding[] {
  const s = createScanner();
  const out: Finding[] = [];
  for (const line of text.split(LINE_BREAK)) for (const f of s.push(line)) out.push(f);
  for (const f of s.end()) out.push(f);
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
