import type { Action, Bounce, ReasonId, ReplyClass } from './vocabulary';

/** A reply taken apart: what `parseReply` returns and `explain` reads. */
export interface ParsedReply {
  /** The basic reply code (RFC 5321 §4.2), or null when only an enhanced code or text was given. */
  code: number | null;
  /** The enhanced status code normalised to `C.S.D` (e.g. `5.1.1`), or null. */
  enhanced: string | null;
  /** The server's text with codes removed, the lines of a multi-line reply joined by a space. */
  text: string;
  /** The text of each line of the reply, codes removed. */
  lines: string[];
}

/** Explanation of one digit or one code part, for renderers. */
export interface Meaning {
  /** Short title, e.g. "Requested action not taken: mailbox unavailable". */
  title: string;
  /** One or two sentences. */
  description: string;
}

export interface EnhancedMeaning {
  code: string;
  /** True when the code is in the IANA registry (as X.S.D). */
  registered: boolean;
  class: Meaning;
  subject: Meaning;
  /** The registry's (or the vendor's) meaning of the full code, when known. */
  detail: Meaning | null;
  /** Who defines an unregistered code, e.g. "Microsoft 365". */
  definedBy: string | null;
  /** Reference, e.g. "RFC 3463" or "RFC 7372". */
  reference: string | null;
}

export interface BasicMeaning {
  code: number;
  /** True when the code is listed in RFC 5321 or an extension; false when explained from its digits. */
  known: boolean;
  class: Meaning;
  category: Meaning;
  /** The code's own meaning, when known. */
  detail: Meaning | null;
  /** Common causes, when known. */
  causes: string[];
  reference: string | null;
}

/** When and how often to retry, for `retry` and `slow-down`. */
export interface RetrySchedule {
  /** Minutes to wait before each attempt: exponential backoff. */
  delaysMinutes: number[];
  /** Give up after this many attempts … */
  maxAttempts: number;
  /** … or after this many hours, whichever comes first. */
  giveUpAfterHours: number;
  /** One line a human reads. */
  description: string;
}

export type Confidence = 'high' | 'medium' | 'low';

export interface Explanation {
  /** The basic code, or null. */
  code: number | null;
  /** The enhanced code as `C.S.D`, or null. */
  enhanced: string | null;
  /** The server's text, lines joined with a space, codes removed. */
  text: string;
  lines: string[];
  class: ReplyClass;
  /** The second digit of the basic code and what it means (x0z syntax, x1z information, ...). */
  category: { digit: number; name: string } | null;
  basic: BasicMeaning | null;
  enhancedMeaning: EnhancedMeaning | null;
  reason: ReasonId;
  /** Where the reason came from: a text rule (its id), the enhanced code, the basic code, or nothing. */
  reasonSource: { kind: 'text' | 'enhanced' | 'code' | 'none'; ruleId?: string };
  /** Why this reason applies, in one sentence for a human. */
  reasonWhy: string;
  action: Action;
  /**
   * `hard` when the address itself is bad and stays bad (no such mailbox or domain, moved, the domain accepts
   * no mail): remove it. `soft` for every other failure: keep the address. `null` for 2XX and 3XX replies and
   * when nothing says it failed.
   */
  bounce: Bounce;
  /** For `retry` and `slow-down`. */
  retry: RetrySchedule | null;
  /** What to do, in one sentence for a human. */
  advice: string;
  /** The provider or software recognised from the text, e.g. "Gmail", "Microsoft 365", "Postfix". */
  provider: string | null;
  confidence: Confidence;
  /** One line: `550 5.1.1 — permanent failure: the mailbox does not exist; do not retry`. */
  summary: string;
}

/** A position in a document: 0-based line and 0-based UTF-16 column, as in VS Code. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a document; `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

/** The formats the scanner reads; `FormatId` names the locator that found a reply. */
export type FormatId =
  | 'postfix' | 'exim' | 'sendmail' | 'qmail' | 'courier' | 'exchange' | 'transcript' | 'swaks'
  | 'smtplib' | 'nodemailer' | 'dsn' | 'provider-json' | 'generic' | 'ironport'
  /** The words of a bounce's report about one recipient, where it quotes no reply (`src/core/mail/`). */
  | 'bounce';

/** What the log line itself says of the outcome, independently of the reply (for tests and diagnostics). */
export interface FormatLabel {
  /** e.g. `status=bounced`, `**`, `stat=Deferred`. */
  text: string;
  /** The class the label implies. */
  class: ReplyClass;
}

/**
 * Whose side of a dialogue a reply is on, seen from the host whose log or transcript it is:
 * `outbound` — a remote server answered this host's client (a delivery, a bounce, a client transcript);
 * `inbound` — this host's server refused (or answered) a client that connected to it; `null` — the context does not say.
 */
export type Direction = 'outbound' | 'inbound' | null;

/** What kind of outcome fact a log writes beside a reply (and colours): see `Fact`. */
export type FactKind = 'status' | 'dsn' | 'stat' | 'flag' | 'dsn-action' | 'dsn-status';

/**
 * A fact the log writes about the reply's outcome, outside the reply itself: Postfix `status=bounced` and
 * `dsn=5.1.1`, Sendmail `stat=Deferred`, Exim's flag `**`, a DSN's `Action: failed` and `Status: 5.1.1`.
 * A hover on it explains it with the reply it belongs to.
 */
export interface Fact {
  kind: FactKind;
  /** The fact as written: `status=bounced`, `dsn=5.1.1`, `**`, `Action: failed`. */
  text: string;
  range: Range;
}

/** One SMTP reply found in a document. */
export interface Finding {
  /** The whole reply: from its first code to the end of its text (may span lines). */
  range: Range;
  /** The basic code's range, when there is one. */
  codeRange: Range | null;
  /** The enhanced code's range, when there is one. */
  enhancedRange: Range | null;
  format: FormatId;
  /** The outcome label the format carries, when it has one. */
  label: FormatLabel | null;
  /** The recipient this reply is about, when the line says (`to=<…>`, `RCPT TO:<…>`, `Final-Recipient`). */
  recipient: string | null;
  /** Outbound (a remote server's reply to this host), inbound (this host's server refusing a client), or null. */
  direction: Direction;
  /**
   * In a dialogue, a reply that only follows from an earlier failure (`503 5.5.1 RCPT first` or `554 no valid
   * recipients` after every `RCPT TO` was refused): the 0-based line where the refusal it follows from starts.
   */
  consequenceOf: { line: number } | null;
  /** The outcome facts the log writes beside this reply (`status=bounced`, `dsn=5.1.1`, `**`, `Action: failed`). */
  facts: readonly Fact[];
  /**
   * The text `explanation` was made from (the scanner always sets it): the range's text with a log's
   * escapes undone (`\n`, qmail's `_`, JSON), the lines of a multi-line reply joined by `\n`, or an
   * enhanced code with the words the log gives it (`dsn=5.1.1, status=bounced (unknown user)` → `5.1.1 unknown user`).
   */
  replyText?: string;
  /**
   * Set when the reply was read from a MIME part that had to be decoded (quoted-printable, base64, ISO-2022-JP,
   * HTML): the range is then that part's header lines, not the reply's, and this names the part, e.g.
   * `base64 text/plain; charset=shift_jis part`.
   */
  decodedFrom?: string;
  explanation: Explanation;
}
