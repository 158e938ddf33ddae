import { createScanner, type LineScanner } from '../scan';
import type { Explanation, Finding } from '../types';
import { isLoopback, type AttemptStatus, type LineEvent, type LinkKind, type MtaId } from './events';
import { STATE_SEVERITY, type Attempt, type MessageOrigin, type MessageTrail, type RecipientState, type RecipientTrail, type Rejection } from './model';
import { EventReader } from './reader';
import { domainOf, ownCopy, ReportBuilder, type DeliveryReport } from './report';
import { adviceOf, reviewRetries } from './review';

const NO_ADVICE = adviceOf(null);

// The flow: log lines → events → messages → recipients → attempts → final states, streaming. Each line goes through
// the one scanner (its reply is the finding on that line) and the event reader; a message is folded into the report
// and forgotten when it is done, so a 1 GB log is read in flat memory. With `retain`, every message is kept with
// the numbers of its lines, for an editor.

export interface FlowOptions {
  /** Keep every message, its lines and attempts (an editor's document); without it, done messages are forgotten. */
  retain?: boolean;
  /**
   * With `retain`: false keeps no reply on each attempt, only on its recipient the reply that explains its state, and
   * scans only the lines whose reply that needs, as a streaming flow does. An editor that shows outcomes needs no more,
   * and a log deferred for days keeps much less.
   */
  attemptReplies?: boolean;
  /** The year of the first syslog time stamp, which has none; by default inferred from `referenceTime`. */
  year?: number;
  /** A time not earlier than the log's last line (the file's modification time); default now. */
  referenceTime?: number;
  /**
   * False: the caller scans (an editor's diagnostics already do) and gives each line's findings to `push`; they
   * must number lines as the flow does (from 0 at each `beginInput`).
   */
  scan?: boolean;
  /** Only lines with a time in [since, until) count (wall-clock ms of the log, see `parseTimeArg`). */
  since?: number;
  until?: number;
  /** Names of the inputs, for the report's `file` fields. */
  inputName?: (input: number) => string;
  /**
   * Called once per recipient when what became of it is known: as soon as it is delivered, forwarded, bounced or
   * expired, else when its message settles (it goes idle, or the log ends: then a recipient still waiting is
   * `deferred`). Its `review` is set. An editor's diagnostics read one problem per recipient from it. With it, the
   * replies of a recipient's failed attempts are kept until then, and let go after (a log that never says a
   * message is done would otherwise keep every reply).
   */
  onRecipient?: (m: MessageTrail, r: RecipientTrail) => void;
  /** False: no report is counted (an editor's problems need none); `end()` then returns an empty one. */
  report?: boolean;
  /**
   * False: no reply (`Finding`) is kept beyond the line that brought it; recipients and attempts hold line numbers
   * only. An editor that has its document at hand reads a recipient's replies again from those lines when it needs
   * them: a log where thousands of recipients stay deferred then keeps kilobytes, not megabytes, of young objects
   * that every garbage collection would copy.
   */
  keepReplies?: boolean;
}

export interface FlowResult {
  report: DeliveryReport;
  /** With `retain`: every message, in the order of its first line. Else empty. */
  messages: MessageTrail[];
  /** With `retain`: refusals before queueing. Else empty. */
  rejections: Rejection[];
}

export interface Flow {
  /**
   * The next input (file): line numbers start again at 0; messages go on across inputs (rotated logs, oldest
   * first). The flow starts with input 0 open: call this before the second input, not before the first.
   */
  beginInput(): void;
  /**
   * One line, without its line break; `findings`: what the caller's scanner returned for it (with `scan: false`).
   * True when the line's reply went to a recipient's attempt (a delivery, a deferral, a bounce, an expiry): its
   * meaning then depends on what became of that recipient, which `onRecipient` tells.
   */
  push(line: string, findings?: readonly Finding[]): boolean;
  /** The log ended: every message still open is settled as it stands, and the report is built. */
  end(): FlowResult;
  /**
   * `end()` in parts, for an editor that must not block: settles messages until `stop()` (asked every few dozen
   * messages) says to give the thread back, then returns null; call it again until it returns the result.
   */
  endPart(stop: () => boolean): FlowResult | null;
}

/** A message nothing was logged for in this long (log time) is settled as it stands. */
const IDLE_MS = {
  /** Every recipient done, or never queued (a client that went away after RCPT): nothing more will come. */
  settled: 3_600_000,
  /** Still queued with deferred recipients: longer than Postfix's 5-day queue lifetime. */
  queued: 7 * 86_400_000,
};
/** How often (in events) idle messages are looked for, and how many at most each time. */
const EVICT_EVERY = 4096;
const EVICT_BUDGET = 2048;
/** A message moves to the back of the idle order at most this often (a Map delete and set per event is costly). */
const TOUCH_MS = 60_000;

class Rcpt implements RecipientTrail {
  state: RecipientState = 'unknown';
  attempts: Attempt[] = [];
  finalLine: number | null = null;
  finalInput = 0;
  finalTime = NaN;
  finding: Finding | null = null;
  finalFinding: Finding | null = null;
  review: RecipientTrail['review'] = null;
  /** Declared but never tried (IronPort `RID n To:`, an Exchange RECEIVE). */
  declared = false;
  /** `onRecipient` was called for it. */
  told = false;
  deferrals = 0;
  readonly domain: string;

  constructor(readonly address: string) {
    this.domain = domainOf(address);
  }

  get done(): boolean {
    return this.state === 'delivered' || this.state === 'bounced' || this.state === 'expired' || this.state === 'forwarded' || this.state === 'rejected';
  }
}

class Msg implements MessageTrail {
  lines: number[] = [];
  lastTime: number;
  sender: string | null = null;
  messageId: string | null = null;
  origin: MessageOrigin = 'unknown';
  queued = false;
  completed = false;
  rejected = false;
  recipients: Rcpt[] = [];
  children: { queueId: string; kind: LinkKind }[] = [];
  parent: string | null = null;
  /** Counted in the report's `messages`, at this time. */
  countedAt: number | null = null;
  recipientCount = 0;
  touched: number;
  private byAddress: Map<string, Rcpt> | null = null;
  private byRid: Map<number, Rcpt> | null = null;

  constructor(readonly queueId: string, readonly host: string, readonly mta: MtaId, readonly input: number, readonly firstTime: number) {
    this.lastTime = firstTime;
    this.touched = firstTime;
  }

  get worst(): RecipientState | null {
    let w: RecipientState | null = null;
    for (const r of this.recipients) if (w === null || STATE_SEVERITY[r.state] > STATE_SEVERITY[w]) w = r.state;
    return w;
  }

  /** The recipient of this address, made (with `own(address)`) when it is new. */
  rcpt(address: string, own: (s: string) => string): Rcpt {
    // Most messages have a recipient or two: a list is faster than a map until there are many.
    if (this.byAddress) {
      let r = this.byAddress.get(address);
      if (!r) {
        r = new Rcpt(own(address));
        this.recipients.push(r);
        this.byAddress.set(r.address, r);
      }
      return r;
    }
    for (const r of this.recipients) if (r.address === address) return r;
    const r = new Rcpt(own(address));
    this.recipients.push(r);
    if (this.recipients.length > 16) this.byAddress = new Map(this.recipients.map((x) => [x.address, x]));
    return r;
  }

  bindRid(rid: number, r: Rcpt): void {
    (this.byRid ??= new Map()).set(rid, r);
  }

  rid(rid: number): Rcpt | undefined {
    return this.byRid?.get(rid);
  }

  get settled(): boolean {
    if (!this.queued) return true;
    if (this.recipientCount > this.recipients.length) return false;
    for (const r of this.recipients) if (!r.done) return false;
    return true;
  }
}

class FlowImpl implements Flow {
  private readonly reader: EventReader;
  private scanner: LineScanner | null;
  private readonly report: ReportBuilder | null;
  private readonly live = new Map<string, Map<string, Msg>>();
  private readonly all: Msg[] = [];
  private readonly rejections: Rejection[] = [];
  private input = -1;
  private lineNo = 0;
  private events = 0;
  private now = NaN;
  private inWindow = true;
  private lastHost: string | null = null;
  private readonly interned = new Map<string, string>();
  private readonly explanations = new Map<string, Explanation>();
  private readonly owner = (s: string) => this.own(s);
  private lastHostMap: Map<string, Msg> | undefined;
  /** Messages `endPart` still has to settle, and how far it got. */
  private ending: { list: Msg[]; next: number } | null = null;

  private readonly keepAttemptReplies: boolean;

  constructor(private readonly o: FlowOptions) {
    this.keepAttemptReplies = o.retain === true && o.attemptReplies !== false;
    this.reader = new EventReader(o);
    this.scanner = null;
    this.report = o.report === false ? null : new ReportBuilder(o.inputName ?? (() => ''));
    this.beginInput();
  }

  beginInput(): void {
    if (this.input >= 0 && this.scanner) this.scanner.end();
    this.input++;
    this.lineNo = 0;
    this.reader.newInput();
    this.scanner = this.o.scan === false ? null : createScanner();
  }

  push(line: string, given?: readonly Finding[]): boolean {
    const lineNo = this.lineNo++;
    if (this.report) this.report.lines++;
    const ev = this.reader.read(line);
    // Every line goes through the scanner. When messages are not kept, a log line whose reply the flow does not
    // read (a queue entry, a delivery, another program's line) goes as an empty line: it numbers the line and ends
    // any reply being read, as a line without a reply would, at no cost. Lines without a log head (an Exchange
    // `#Fields:` header, a continuation) are always scanned as they are: they may set the scanner's state.
    let found = given;
    if (this.scanner) {
      if (this.keepAttemptReplies || !this.reader.headed) found = this.scanner.push(line);
      // A deferral's reply is kept until its message is done, perhaps for days: from a copy of the line (see `own`).
      else found = this.scanner.push(ev !== null && this.needsReply(ev) ? this.own(line) : '');
    }
    const t = this.reader.head.time;
    if (Number.isFinite(t)) {
      // A line without a time (a continuation) goes with the line before it.
      this.inWindow = !(t < (this.o.since ?? -Infinity) || t >= (this.o.until ?? Infinity));
      if (this.inWindow) {
        this.report?.seen(t);
        this.now = t;
      }
    }
    if (!ev || !this.inWindow) return false;
    let finding: Finding | null = null;
    if (found && found.length > 0) finding = this.findingOn(found, lineNo);
    // Explanations are made only for the replies the report reads (a delivery's stays lazy, for an editor).
    if (finding && this.needsReply(ev)) this.explained(finding);
    const claimed = this.apply(ev, lineNo, finding);
    if (++this.events % EVICT_EVERY === 0 && !this.o.retain) this.evictIdle();
    return claimed;
  }

  /**
   * A string to keep beyond this line. A line read from a stream is a slice of a 64 KB chunk, and a slice of it kept
   * (an address of a message deferred for days) would keep the whole chunk alive: a copy keeps only itself. With
   * `retain` the document is kept anyway.
   */
  private own(s: string): string {
    return this.o.retain ? s : ownCopy(s);
  }

  /** Relay hosts and syslog hosts repeat: one copy of each. */
  private intern(s: string): string {
    if (this.o.retain) return s;
    let c = this.interned.get(s);
    if (c === undefined) {
      if (this.interned.size >= 4096) this.interned.clear();
      this.interned.set((c = ownCopy(s)), c);
    }
    return c;
  }

  /** Events whose reply the report reads: deferrals, bounces, expiries and rejections (not deliveries). */
  private needsReply(ev: LineEvent): boolean {
    return ev.kind === 'rejected' || (ev.kind === 'attempt' && ev.status !== 'sent');
  }

  /** The reply of this line: the scanner returns a line's findings with it (a log line's reply is on one line). */
  private findingOn(found: readonly Finding[], lineNo: number): Finding | null {
    let any: Finding | null = null;
    for (const f of found) {
      if (f.range.start.line !== lineNo) continue;
      // A reply the log labels decided the outcome; others (`EHLO response was: …`) only explain it.
      if (f.label) return f;
      any ??= f;
    }
    return any;
  }

  /**
   * A deferred recipient is retried with the same reply, word for word, tens of times: its explanation is made once
   * and shared (explain is a pure function of the text; a reply without codes also depends on its label's class).
   */
  private explained(f: Finding): void {
    const text = f.replyText;
    if (text === undefined || (f.codeRange === null && f.enhancedRange === null)) return;
    const hit = this.explanations.get(text);
    if (hit) f.explanation = hit;
    else {
      if (this.explanations.size >= 1024) this.explanations.clear();
      this.explanations.set(text, f.explanation);
    }
  }

  end(): FlowResult {
    return this.endPart(() => false) as FlowResult;
  }

  endPart(stop: () => boolean): FlowResult | null {
    if (!this.ending) {
      this.scanner?.end();
      // Retained messages were never settled (an editor keeps them all); else those still open are.
      const open: Msg[] = [];
      if (!this.o.retain) for (const host of this.live.values()) for (const m of host.values()) open.push(m);
      this.live.clear();
      this.lastHost = null;
      this.ending = { list: this.o.retain ? this.all : open, next: 0 };
    }
    const e = this.ending;
    while (e.next < e.list.length) {
      this.finishRecipients(e.list[e.next++]);
      if (e.next % 64 === 0 && e.next < e.list.length && stop()) return null;
    }
    return {
      report: (this.report ?? new ReportBuilder(() => '')).build(),
      messages: this.o.retain ? this.all : [],
      rejections: this.rejections,
    };
  }

  private get(ev: LineEvent, create: boolean, id = ev.queueId): Msg | undefined {
    if (id === null) return undefined;
    let host = ev.host === this.lastHost ? this.lastHostMap : this.live.get(ev.host);
    if (!host) this.live.set(ev.host, (host = new Map()));
    this.lastHost = ev.host;
    this.lastHostMap = host;
    let m = host.get(id);
    if (!m && create) {
      m = new Msg(this.own(id), this.intern(ev.host), ev.mta, this.input, ev.time);
      host.set(id, m);
      if (this.o.retain) this.all.push(m);
    }
    return m;
  }

  private touch(m: Msg, ev: LineEvent, line: number): void {
    if (this.o.retain && m.lines[m.lines.length - 1] !== line && m.input === this.input) m.lines.push(line);
    const t = ev.time;
    if (!Number.isFinite(t)) return;
    if (!(t < m.lastTime)) m.lastTime = t;
    if (t - m.touched > TOUCH_MS && !this.o.retain) {
      const host = this.live.get(m.host);
      if (host) {
        host.delete(m.queueId);
        host.set(m.queueId, m);
      }
    }
    if (t > m.touched) m.touched = t;
  }

  /** True when the line's reply went to a recipient's attempt (see `push`). */
  private apply(ev: LineEvent, line: number, finding: Finding | null): boolean {
    if (ev.kind === 'rejected') {
      this.reject(ev, line, finding);
      return false;
    }
    if (ev.kind === 'connect') return false;
    if (ev.kind === 'note') {
      // A line of a message already known; it starts none.
      const known = this.get(ev, false);
      if (known) this.touch(known, ev, line);
      return false;
    }
    const m = this.get(ev, true) as Msg;
    this.touch(m, ev, line);
    if (ev.sender !== undefined && (m.sender === null || m.sender === '')) m.sender = this.own(ev.sender);
    if (ev.messageId !== undefined) m.messageId = this.own(ev.messageId);
    if (ev.recipientCount !== undefined) m.recipientCount = ev.recipientCount;
    switch (ev.kind) {
      case 'received':
        if (m.origin === 'unknown') m.origin = 'received';
        break;
      case 'queued':
        this.queued(m, ev);
        break;
      case 'envelope':
        this.declare(m, ev);
        break;
      case 'attempt':
        return this.attempt(m, ev, line, finding);
      case 'response': {
        let claimed = false;
        for (const rid of ev.rids ?? []) {
          const r = m.rid(rid);
          const a = r?.attempts[r.attempts.length - 1];
          if (a && !a.finding && this.keepsReply(a.status)) a.finding = finding;
          if (r && r.state === 'delivered' && !r.finding) r.finding = this.kept(finding);
          if (r && r.finalLine !== null && r.finalFinding === null) r.finalFinding = this.kept(finding);
          claimed ||= r !== undefined;
        }
        return claimed;
      }
      case 'link':
        this.link(m, ev);
        break;
      case 'expired':
        for (const r of m.recipients) {
          if (r.done) continue;
          r.state = 'expired';
          this.decide(r, line, ev.time, finding);
          this.tell(m, r);
        }
        if (ev.linkId) this.link(m, ev);
        return m.recipients.length > 0;
      case 'completed':
        m.completed = true;
        this.close(m);
        break;
      case 'dropped':
        m.completed = true;
        this.uncount(m);
        this.close(m);
        break;
    }
    return false;
  }

  /** An attempt's reply is kept for an editor: every one when messages are retained, failures' for `onRecipient`. */
  private keepsReply(status: AttemptStatus): boolean {
    return this.keepAttemptReplies || (this.o.onRecipient !== undefined && this.o.keepReplies !== false && status !== 'sent');
  }

  /** A reply to keep beyond its line, or null with `keepReplies: false`. */
  private kept(f: Finding | null): Finding | null {
    return this.o.keepReplies === false ? null : f;
  }

  /**
   * With neither a report nor kept messages (an editor's problems), a message whose every recipient was told is let go
   * at once: a log that never says a message is done (an excerpt, a grep) would otherwise hold them all. A later line
   * of it (`removed`, the bounce it made) finds nothing, which costs nothing here.
   */
  private forgetIfTold(m: Msg): void {
    if (this.report || this.o.retain || m.recipients.length === 0) return;
    for (const r of m.recipients) if (!r.told) return;
    const host = this.live.get(m.host);
    if (host?.get(m.queueId) === m) host.delete(m.queueId);
  }

  /** Tells `onRecipient` what became of a recipient, once; then its replies are let go (unless messages are retained). */
  private tell(m: Msg, r: Rcpt): void {
    const on = this.o.onRecipient;
    if (!on || r.told) return;
    r.told = true;
    if (r.deferrals > 0 && !r.review) r.review = reviewRetries(r.attempts, r.state === 'expired', m.origin === 'received');
    on(m, r);
    // The recipient's final reply stays (the report names it); its earlier attempts' replies were for the editor.
    if (this.o.retain) return;
    for (const a of r.attempts) a.finding = null;
    r.finalFinding = null;
  }

  private queued(m: Msg, ev: LineEvent): void {
    this.declare(m, ev);
    if (ev.bounceOf) {
      const parent = this.get(ev, false, ev.bounceOf);
      if (parent) parent.children.push({ queueId: m.queueId, kind: 'bounce' });
      m.parent = this.own(ev.bounceOf);
      m.origin = 'notification';
      this.report?.notification('bounce');
    } else if (m.origin === 'unknown' && (m.mta === 'exim' || m.mta === 'sendmail' || m.mta === 'exchange')) {
      // Their queue entry is the arrival: there is no line before it.
      m.origin = 'received';
    }
    if (m.queued) return;
    m.queued = true;
    // The null sender with no arrival in the log: a notification of this server (its link may come later).
    if (m.origin === 'unknown' && m.sender === '' && m.mta === 'postfix') m.origin = 'notification';
    if (m.origin === 'received' || m.origin === 'unknown') {
      m.countedAt = m.firstTime;
      this.report?.received(m.firstTime, 1);
    }
  }

  private uncount(m: Msg): void {
    if (m.countedAt === null) return;
    this.report?.received(m.countedAt, -1);
    m.countedAt = null;
  }

  private declare(m: Msg, ev: LineEvent): void {
    if (!ev.recipients) return;
    ev.recipients.forEach((a, i) => {
      const r = m.rcpt(a, this.owner);
      r.declared = true;
      const rid = ev.rids?.[i];
      if (rid !== undefined) m.bindRid(rid, r);
    });
  }

  private recipientsOf(m: Msg, ev: LineEvent): Rcpt[] {
    const out: Rcpt[] = [];
    if (ev.recipients) {
      ev.recipients.forEach((a, i) => {
        const r = m.rcpt(a, this.owner);
        const rid = ev.rids?.[i];
        if (rid !== undefined && ev.rids?.length === ev.recipients?.length) m.bindRid(rid, r);
        out.push(r);
      });
      return out;
    }
    for (const rid of ev.rids ?? []) {
      let r = m.rid(rid);
      if (!r) {
        // A recipient whose `To:` line the log does not hold: named by its id.
        r = m.rcpt(`RID ${rid}`, this.owner);
        m.bindRid(rid, r);
      }
      out.push(r);
    }
    return out;
  }

  private decide(r: Rcpt, line: number, time: number, finding: Finding | null): void {
    r.finalLine = line;
    r.finalInput = this.input;
    r.finalTime = time;
    r.finalFinding = this.kept(finding);
  }

  private attempt(m: Msg, ev: LineEvent, line: number, finding: Finding | null): boolean {
    const status = ev.status ?? 'sent';
    const recipients = this.recipientsOf(m, ev);
    for (const r of recipients) {
      // Without a report or kept messages, a delivery at the first try leaves nothing to review: no attempt is kept.
      const noTrail = status === 'sent' && r.deferrals === 0 && !this.report && !this.o.retain;
      const advice = status === 'sent' ? NO_ADVICE : adviceOf(finding);
      const relay = ev.relay ? this.intern(ev.relay) : null;
      if (!noTrail) {
        r.attempts.push({
          input: this.input, line, time: ev.time, status, relay, finding: this.keepsReply(status) ? finding : null,
          retry: advice.retry, permanent: advice.permanent, reason: advice.reason,
        });
      }
      if (status === 'deferred') {
        r.deferrals++;
        this.report?.deferral(r.domain, ev.time, finding, relay);
        if (!r.done) {
          r.state = 'deferred';
          r.finding = this.kept(finding);
          this.decide(r, line, ev.time, finding);
        }
        continue;
      }
      if (r.done) continue;
      if (status === 'sent') {
        const child = ev.linkId && ev.relay && isLoopback(ev.relay) ? this.get(ev, false, ev.linkId) : undefined;
        if (child && child !== m) {
          // A content filter (or local forward) on this host queued it again: its fate is the new message's.
          r.state = 'forwarded';
          m.children.push({ queueId: child.queueId, kind: 'requeue' });
          child.parent = m.queueId;
          child.origin = 'requeued';
          this.uncount(child);
          this.report?.notification('requeue');
        } else {
          r.state = 'delivered';
        }
        r.finding = this.o.retain ? finding : null;
      } else {
        r.state = status;
        // An expiry's reason is the last deferral's: the cause, not "delivery time expired".
        if (!(status === 'expired' && r.finding && (!finding || finding.explanation.reason === 'expired'))) r.finding = this.kept(finding);
      }
      this.decide(r, line, ev.time, finding);
      this.tell(m, r);
    }
    this.forgetIfTold(m);
    return recipients.length > 0;
  }

  private link(m: Msg, ev: LineEvent): void {
    const kind = ev.linkKind ?? 'bounce';
    if (!ev.linkId) {
      this.report?.notification(kind);
      return;
    }
    m.children.push({ queueId: this.own(ev.linkId), kind });
    const child = this.get(ev, true, ev.linkId) as Msg;
    if (child.parent === null) {
      this.report?.notification(kind);
      child.parent = m.queueId;
      child.origin = kind === 'requeue' ? 'requeued' : 'notification';
      this.uncount(child);
    }
  }

  private reject(ev: LineEvent, line: number, finding: Finding | null): void {
    const m = this.get(ev, false);
    const addresses = ev.recipients ?? [null];
    for (const a of addresses) {
      this.report?.rejection(a, ev.time, finding);
      if (this.o.retain) this.rejections.push({ input: this.input, line, time: ev.time, queueId: ev.queueId, recipient: a, sender: ev.sender ?? null, finding });
      if (m && a !== null) {
        const r = m.rcpt(a, this.owner);
        r.state = 'rejected';
        r.finding = this.kept(finding);
        this.decide(r, line, ev.time, finding);
      }
    }
    if (!m) return;
    this.touch(m, ev, line);
    if (ev.whole) {
      // Refused at the end of its data: it never entered the queue.
      m.rejected = true;
      m.completed = true;
      this.uncount(m);
      this.close(m);
    }
  }

  /** A message the log says is done: settled now and forgotten (kept for an editor, until its id comes again). */
  private close(m: Msg): void {
    this.live.get(m.host)?.delete(m.queueId);
    if (!this.o.retain) this.settle(m);
  }

  /** Final states and retry reviews into the report. */
  private settle(m: Msg): void {
    if (this.o.retain) return;
    this.finishRecipients(m);
  }

  private finishRecipients(m: Msg): void {
    for (const r of m.recipients) {
      if (r.state === 'unknown' && r.declared && m.queued && !m.completed) r.state = 'deferred';
      if (r.deferrals > 0 && (this.report || !r.told)) {
        r.review = reviewRetries(r.attempts, r.state === 'expired', m.origin === 'received');
        if (r.review) this.report?.review(m, r, r.review);
      }
      this.report?.recipient(m, r);
      this.tell(m, r);
    }
  }

  /** Messages idle past their limit, oldest first, are settled: memory stays flat on a huge log. */
  private evictIdle(): void {
    const now = this.now;
    if (!Number.isFinite(now)) return;
    let budget = EVICT_BUDGET;
    for (const host of this.live.values()) {
      for (const m of host.values()) {
        if (budget-- <= 0) return;
        const idle = now - m.touched;
        if (idle < IDLE_MS.settled) break;
        if (idle >= IDLE_MS.queued || m.settled) {
          host.delete(m.queueId);
          this.settle(m);
        }
      }
    }
  }
}

export function createFlow(options: FlowOptions = {}): Flow {
  return new FlowImpl(options);
}
