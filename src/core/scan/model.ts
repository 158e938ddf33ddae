import type { Direction, Fact, FactKind, FormatId, FormatLabel } from '../types';

/** A reply located on the current line, before it becomes a `Finding`. */
export interface Candidate {
  /** Columns on the current line; `end` exclusive. The codes are read from `start`. */
  start: number;
  end: number;
  format: FormatId;
  label: FormatLabel | null;
  recipient: string | null;
  /** What `explain` reads when it is not the slice itself (a log's escapes undone, a `dsn=` with its text). */
  text?: string;
  /** For a failure the log reports without any code (Exim's `** a@b: Unrouteable address`): the class its flag gives. */
  classHint?: 'transient' | 'permanent';
  /** Where the locator knows better than its format's default (`FORMAT_DIRECTION`): Postfix `reject:` is inbound. */
  direction?: Direction;
  /** Outcome facts on the same line (`status=bounced`, `dsn=5.1.1`, Exim's flag), by column. */
  facts?: LineFact[];
}

/** An outcome fact on the current line: `[start, end)` columns. */
export interface LineFact {
  kind: FactKind;
  start: number;
  end: number;
}

/** One line of a reply in a dialogue (`<-  250-…`, `S: 250 …`, `<<< 250 …`, a raw `250 …`). */
export interface ReplyLine {
  /** Lines of one reply share a kind: the channel they were written on (swaks, `S:`, a session id …). */
  kind: string;
  format: FormatId;
  /** Column of the code and end of the text on this line. */
  start: number;
  end: number;
  label: FormatLabel | null;
  /** Text for `explain` when it differs from the slice (smtplib escapes). */
  text?: string;
  /** The recipient, when the line says; left out, the engine takes it from the `RCPT TO` it answers. */
  recipient?: string | null;
  /** Left out: the format's default. */
  direction?: Direction;
}

/** A multi-line reply being read (transcripts) or a folded DSN field. */
export interface OpenReply {
  kind: string;
  format: FormatId;
  code: string;
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
  /** Where the codes sit on the first line (-1: none). */
  codeEnd: number;
  enhStart: number;
  enhEnd: number;
  parts: string[];
  label: FormatLabel | null;
  /** Undefined: the reply answers the oldest command waiting (`RCPT TO:<…>` gives the recipient). */
  recipient?: string | null;
  /** Set on a DSN header: the reply may start on a continuation line. */
  header?: boolean;
  /** A reply announced by a bounce's text goes on over lines indented at least this much. */
  indent?: number;
  /** Left out: the format's default. */
  direction?: Direction;
  /** Outcome facts of its block (a DSN's `Action:` and `Status:`). */
  facts?: Fact[];
}

/** A client command waiting for its reply: what it was, and the recipient of a `RCPT TO`. */
export interface Command {
  verb: 'mail' | 'rcpt' | 'data' | 'end-of-data' | 'rset' | 'other';
  rcpt: string | null;
}

/**
 * The mail transaction of a dialogue so far, to tell a reply that only follows from an earlier refusal
 * (`503 5.5.1 RCPT first` after every `RCPT TO` was refused) from one that is a failure of its own.
 */
export interface Transaction {
  /** Line of the refused `MAIL FROM`'s reply, or -1. */
  mailRefused: number;
  /** Line of the last refused `RCPT TO`'s reply, or -1. */
  rcptRefused: number;
  /** Recipients accepted. */
  accepted: number;
}

/** Facts a provider's JSON event gives about the reply it carries (SES, SendGrid, Mailgun). */
export interface JsonContext {
  event: string | null;
  bounceType: string | null;
  severity: string | null;
  recipient: string | null;
  sendgrid: boolean;
  /** An open Mailgun `delivery-status` object: its code and message, perhaps on different lines. */
  mailgun: {
    openedAt: number;
    code: { line: number; start: number; end: number; value: number } | null;
    message: { line: number; start: number; end: number; value: string } | null;
  } | null;
}

/** Everything the scanner remembers between lines: small and bounded. */
export interface DocState {
  /** The document shows an SMTP dialogue without markers (`220 … ESMTP`, `EHLO …` at column 0). */
  dialogue: boolean;
  /** The document is a dialogue of another protocol (FTP): its bare coded lines are no SMTP replies. */
  notSmtp: boolean;
  open: OpenReply | null;
  /** Client commands waiting for their reply, to tell which reply answers which `RCPT TO`. */
  commands: Command[];
  transaction: Transaction;
  /**
   * Whose replies a dialogue shows: a client's transcript shows a remote server's (outbound); `exim -bh`'s
   * testing session shows this host's own server answering (inbound).
   */
  dialogueDirection: Direction;
  inData: boolean;
  /**
   * An unmarked dialogue showed the client's `DATA` at column 0: after its `354` the lines up to the lone `.`
   * are the message. Without it (`exim -bh` prints the server's side only) the line after the `354` is a reply.
   */
  unmarkedData: boolean;
  /** A bounce said "the server replied:" at the end of a line; the reply is on the next line. */
  pending: { format: FormatId; recipient: string | null; until: number } | null;
  /** qmail-send: the recipient of each delivery in progress, by delivery number. */
  qmail: Map<string, string>;
  /**
   * Postfix: the last deferral of each queue id still in the queue (its reply and recipient), so that
   * `status=expired, returned to sender` can say what kept failing. Bounded: the oldest entries go first. Null when
   * the scanner's caller reads an expiry's cause again itself (ScannerOptions.expiryCauses).
   */
  postfixDeferred: Map<string, { text: string; recipient: string | null }> | null;
  /**
   * `status`: a block's `Status:` code, held until the block ends and reported only if the block has no
   * `Diagnostic-Code` with a reply (`diagnosed`): RFC 3464 puts `Status:` first, and one recipient is one finding.
   * `facts`: the block's `Action:` and `Status:` fields, given to its finding.
   */
  dsn: { seen: boolean; recipient: string | null; action: string | null; status: OpenReply | null; diagnosed: boolean; facts: Fact[] };
  /** Line of the last dialogue reply line: smtplib repeats a reply as `retcode (550); Msg: …` just after. */
  lastReplyLine: number;
  exchange: { event: number; data: number; session: number; status: number; eventId: number; recipient: number } | null;
  /** What an Exchange log's `#Log-type:` says of its replies: a receive log's are this server's (inbound). */
  exchangeDirection: Direction;
  json: JsonContext;
}

export function newState(expiryCauses = true): DocState {
  return {
    dialogue: false,
    notSmtp: false,
    open: null,
    commands: [],
    transaction: { mailRefused: -1, rcptRefused: -1, accepted: 0 },
    dialogueDirection: 'outbound',
    inData: false,
    unmarkedData: false,
    pending: null,
    qmail: new Map(),
    postfixDeferred: expiryCauses ? new Map() : null,
    dsn: { seen: false, recipient: null, action: null, status: null, diagnosed: false, facts: [] },
    lastReplyLine: -2,
    exchange: null,
    exchangeDirection: null,
    json: { event: null, bounceType: null, severity: null, recipient: null, sendgrid: false, mailgun: null },
  };
}

/** What a locator sees: the line, the state, and where to put what it finds. */
export interface LineContext {
  line: string;
  lineNo: number;
  state: DocState;
  candidates: Candidate[];
  /** A reply line of a dialogue; consecutive lines of one reply are joined by the engine. */
  replyLine(r: ReplyLine): void;
  /** A client command of a dialogue (its payload), for `RCPT TO` bookkeeping. */
  clientLine(payload: string): void;
  /** A finding that spans lines, already complete (Mailgun's code and message on different lines). */
  spanning(f: SpanningCandidate): void;
  /** Opens a field that may be folded over the next lines (DSN `Diagnostic-Code`). */
  openField(o: OpenReply): void;
  /** Holds a DSN `Status:` code until its block ends (see `DocState.dsn`). */
  holdStatus(o: OpenReply): void;
  /** A DSN block ends (the next `Final-Recipient`): its held `Status:` is reported if nothing replaced it. */
  endDsnBlock(): void;
}

export interface SpanningCandidate {
  startLine: number;
  startCol: number;
  endLine: number;
  endCol: number;
  codeLine: number;
  codeStart: number;
  format: FormatId;
  label: FormatLabel | null;
  recipient: string | null;
  text: string;
  direction?: Direction;
}

/** A locator triggered by anchors found anywhere in the line. */
export interface AnchorLocator {
  /** Literal strings whose presence makes the locator run; case-sensitive. */
  anchors: readonly string[];
  /**
   * Anchors looked for only in lines `lineFilter` accepts: words common elsewhere (`rejected `) that
   * mean a reply only in this format's lines. The filter must be cheap: it runs on every line.
   */
  lineAnchors?: readonly string[];
  lineFilter?: (line: string) => boolean;
  /** Called once per line with the positions where its anchors start, in order. */
  locate(ctx: LineContext, hits: readonly Hit[]): void;
}

export interface Hit {
  anchor: string;
  at: number;
}

/** A locator that reads lines by their first characters (dialogues, DSN fields, CSV rows). */
export interface LineStartLocator {
  /**
   * True when the line belongs to this locator (no anchor locator then runs on it); `transparent` when
   * it belongs to it and does not interrupt a multi-line reply (swaks' `???` expectations), false otherwise.
   */
  locate(ctx: LineContext): boolean | 'transparent';
}
