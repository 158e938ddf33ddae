// One message read whole: its readable MIME parts (decoded where needed) scanned by the line scanner and,
// for a bounce, one finding per recipient it reports on. The remote server's reply decides where the bounce
// quotes one; else the MTA's own status and words. Who each reply is about comes from the bounce's structure:
// a DSN block, an `RCPT TO`, the reply naming the address, or the recipient list entry it stands under.
import { AUTO_REPLY_SUBJECTS, BOUNCE_SENDERS, BOUNCE_SUBJECTS } from '../data/bounceFormats';
import { DSN_ACTION } from '../scan/labels';
import type { Finding, FormatLabel } from '../types';
import { decodeHeaderValue } from './decode';
import { isPlainAddress, readDsnBlocks, type DsnBlock } from './dsn';
import { headerValue, readHeaders, readLayout, type HeaderField, type MessageLayout, type MimeLeaf } from './mime';
import { place, readParts, reportWords, scanLines, scanPart, wordsAfter, wordsFinding, type FailureClass, type Local, type PartText, type Words } from './parts';
import { addressesIn, isReturnedMessageMarker, mentionsIn, reportClass, reportSignature, type Mention } from './report';
import { createFinding } from '../scan/engine';
import { explain, stageOf } from '../explain';
import { codeAt, enhancedEnd, skipSpaces } from '../scan/text';

/** One way of reporting on a recipient. */
interface Candidate {
  make: () => Finding;
  /** 3: a reply with a basic code; 2: an enhanced code only; 1: words only; 0: no failure. */
  tier: number;
  /** 2: found by the line scanner (a transcript's `<<<`, a DSN field, an MTA's quote); 1: a bare reply line; 0: words. */
  source: number;
  /** How it is tied to the recipient: 3 its DSN block, 2 its `RCPT TO`, a summary line or naming the address, 0 only by where it stands. */
  strong: number;
  cls: string;
  order: number;
  /** A DSN summary that has a status and no words of its own: a report's words complete it. */
  statusOnly?: { status: string; label: FormatLabel | null };
  words?: { part: PartText; w: Words; head: boolean };
  /** The reply's codes and words, blanks collapsed: to tell a reply cut short from the whole of it. */
  said?: string;
  /**
   * The line just above the reply that names the command it answered (Exim's `SMTP error from remote mail server
   * after MAIL FROM:<…>:`): the same words mean another thing at another stage. (Not a Sendmail transcript's
   * `>>> DATA`: with pipelining, the reply below it may be the RCPT's, and the `503 Need RCPT` after it the DATA's.)
   */
  stage?: string;
}

/** A finding chosen for a recipient, and the line that says what command its reply answered. */
interface Picked {
  f: Finding;
  stage?: string;
}

interface Meta {
  subject: string;
  /** The bounce's own addresses (sender, addressee): the original sender, not a failed recipient. */
  own: Set<string>;
  /** X-Failed-Recipients. */
  failed: string[];
  bounce: boolean;
  autoReply: boolean;
}

/** Local parts of daemons, never a recipient of the report. */
const DAEMONS = new Set(['mailer-daemon', 'mailer_daemon', 'mailerdaemon', 'mail-daemon']);
const OWN_FIELDS = ['from', 'to', 'cc', 'reply-to', 'sender', 'return-path', 'errors-to', 'delivered-to'];

function key(address: string): string {
  let a = address.trim();
  if (a.startsWith('<') && a.endsWith('>')) a = a.slice(1, -1);
  return a.toLowerCase();
}

/** The address inside a recipient value (`<a@b>`, `rfc822;a@b`), lower-cased; the whole value when it has none. */
function recipientKey(r: string | null): string | null {
  if (!r) return null;
  const a = addressesIn(r)[0];
  return a ? r.slice(a.start, a.end).toLowerCase() : key(r) || null;
}

function tierOf(f: Finding): number {
  const e = f.explanation;
  if (e.class !== 'permanent' && e.class !== 'transient') return 0;
  if (e.code !== null) return 3;
  return e.enhanced !== null ? 2 : 1;
}

function addressesOfField(value: string | null): string[] {
  if (!value) return [];
  return addressesIn(value).map((a) => value.slice(a.start, a.end).toLowerCase());
}

function readMeta(headers: readonly HeaderField[], leaves: readonly MimeLeaf[]): Meta {
  const subject = decodeHeaderValue(headerValue(headers, 'subject') ?? '');
  const own = new Set<string>();
  for (const h of headers) if (OWN_FIELDS.includes(h.name)) for (const a of addressesOfField(h.value)) own.add(a);
  const failed: string[] = [];
  for (const h of headers) if (h.name === 'x-failed-recipients') for (const a of addressesOfField(h.value)) if (!failed.includes(a)) failed.push(a);
  const from = (headerValue(headers, 'from') ?? '').toLowerCase();
  const lowSubject = subject.toLowerCase();
  const bounce = leaves.some((l) => l.type.endsWith('delivery-status'))
    || failed.length > 0
    || BOUNCE_SENDERS.some((s) => from.includes(s))
    || BOUNCE_SUBJECTS.some((s) => lowSubject.includes(s));
  const auto = (headerValue(headers, 'auto-submitted') ?? 'no').trim().toLowerCase();
  const autoReply = (auto !== 'no' && auto !== '')
    || headers.some((h) => h.name === 'x-autoreply' || h.name === 'x-autorespond' || (h.name === 'precedence' && h.value.toLowerCase().includes('auto')))
    || AUTO_REPLY_SUBJECTS.some((s) => lowSubject.includes(s));
  return { subject, own, failed, bounce, autoReply };
}

function actionLabel(action: string | null): FormatLabel | null {
  if (!action) return null;
  const cls = DSN_ACTION[action];
  return cls ? { text: `Action: ${action}`, class: cls } : null;
}

function actionClass(action: string | null): FailureClass | null {
  const cls = action ? DSN_ACTION[action] : undefined;
  return cls === 'permanent' || cls === 'transient' ? cls : null;
}

/** A DSN pasted on its own: its fields are the body of a delivery-status part. */
function bareDsnLayout(start: number, end: number): MessageLayout {
  const leaf: MimeLeaf = { headers: [], headerStart: start, headerEnd: start - 1, bodyStart: start, bodyEnd: end, type: 'message/delivery-status', charset: null, encoding: '7bit', disposition: null };
  return { headers: [], headerEnd: start, type: leaf.type, leaves: [leaf] };
}

/** Reads one message in lines [start, end) of the document; `bareDsn` when they are DSN fields with no message around them. */
export async function readMessage(lines: readonly string[], start: number, end: number, bareDsn = false): Promise<Finding[]> {
  const layout = bareDsn ? bareDsnLayout(start, end) : readLayout(lines, start, end);
  const meta = readMeta(layout.headers, layout.leaves);
  if (bareDsn) meta.bounce = true;
  const parts = await readParts(lines, layout.leaves);
  let bounce = meta.bounce;
  if (!bounce) {
    const first = parts.find((p) => !p.dsn);
    bounce = first !== undefined && reportClass(first.lines.slice(0, 40).join('\n')) !== null;
  }
  if (!bounce) {
    if (meta.autoReply) return [];
    // Any other message reads as it would line by line, plus what its encoded parts hold.
    const out = scanLines(lines, start, end);
    parts.forEach((p, i) => {
      if (p.offset === null) for (const l of scanPart(p, i, false)) out.push(place(p, l.f, l.f.recipient));
    });
    return out;
  }
  // A report ends where the returned message starts.
  for (const p of parts) {
    if (p.dsn) continue;
    const m = p.lines.findIndex((l) => isReturnedMessageMarker(l));
    if (m >= 0) p.end = m;
  }
  const found = parts.flatMap((p, i) => scanPart(p, i, true));
  return new Report(parts, found, meta, () => returnedRecipients(lines, layout.leaves, parts)).findings();
}

/**
 * The addresses of the returned message's `To:` field (a copy after the report's marker, a message/rfc822 or
 * text/rfc822-headers part): who the bounced message was for, when the report itself names no one.
 */
function returnedRecipients(lines: readonly string[], leaves: readonly MimeLeaf[], parts: readonly PartText[]): string[] {
  const fields: HeaderField[] = [];
  for (const p of parts) if (!p.dsn && p.end < p.lines.length) fields.push(...readHeaders(p.lines, skipBlank(p.lines, p.end + 1), p.lines.length).headers);
  for (const l of leaves) {
    if (l.type !== 'message/rfc822' && l.type !== 'text/rfc822-headers') continue;
    fields.push(...readHeaders(lines, skipBlank(lines, l.bodyStart), l.bodyEnd).headers);
  }
  const to = fields.filter((h) => h.name === 'to').flatMap((h) => addressesOfField(h.value));
  return [...new Set(to)];
}

function skipBlank(lines: readonly string[], i: number): number {
  while (i < lines.length && lines[i].trim() === '') i++;
  return i;
}

/** A bounce's findings, one per recipient. */
class Report {
  private readonly blocks: { part: number; b: DsnBlock; k: string }[] = [];
  /** Recipients in order of appearance, and how each is written. */
  private readonly order: string[] = [];
  private readonly display = new Map<string, string>();
  private readonly action = new Map<string, string | null>();
  private mentions: { part: number; m: Mention }[] = [];
  private readonly candidates = new Map<string, Candidate[]>();
  private readonly orphans: Local[] = [];
  private readonly entries = new Map<number, { line: number; k: string }[]>();
  private readonly blocksByPart = new Map<number, { part: number; b: DsnBlock; k: string }[]>();
  private n = 0;
  /** Remote replies of a Sendmail transcript tied to the address of the summary line that follows them. */
  private readonly summarised = new Map<Local, string>();
  private readonly reportCls: FailureClass | null;
  private readonly strongSet: boolean;
  private readonly signature: string | null;

  constructor(private readonly parts: PartText[], private readonly found: Local[], private readonly meta: Meta, returned: () => string[]) {
    const text = meta.subject + '\n' + parts.filter((p) => !p.dsn).map((p) => p.lines.slice(0, Math.min(p.end, 60)).join('\n')).join('\n');
    this.reportCls = reportClass(text);
    this.signature = reportSignature(text);
    // DSN fields are read where they are: in their own part, or in a text that lost its MIME structure.
    parts.forEach((p, i) => {
      for (const b of readDsnBlocks(p.lines, 0, p.end)) this.blocks.push({ part: i, b, k: recipientKey(b.recipient) ?? '' });
    });
    // A block whose recipient is no address (a file, a pipe, a garbled field) stands for the one recipient the
    // headers name, or, failing that, for the one its report names.
    const unresolved = this.blocks.filter((x) => !isPlainAddress(x.b.recipient));
    if (unresolved.length === 1 && meta.failed.length === 1) unresolved[0].k = meta.failed[0];
    for (const x of this.blocks) if (!isPlainAddress(x.b.recipient) && x.k !== meta.failed[0]) x.k = '';
    for (const { b, k } of this.blocks) {
      if (!k) continue;
      this.add(b.recipient.toLowerCase() === k ? b.recipient : k);
      if (!this.action.has(k)) this.action.set(k, b.action);
    }
    for (const a of meta.failed) this.add(a);
    this.strongSet = this.order.length > 0;
    this.readMentions();
    if (this.order.length === 0) {
      // A report that names no one (`Message could not be delivered to mobile.`): the returned message's one addressee.
      const to = returned().filter((a) => !this.daemon(a));
      if (to.length === 1) this.add(to[0]);
    }
    if (unresolved.length === 1 && !unresolved[0].k && this.order.length === 1) {
      unresolved[0].k = this.order[0];
      if (!this.action.has(this.order[0])) this.action.set(this.order[0], unresolved[0].b.action);
    }
    this.linkSummaries();
  }

  /**
   * Sendmail closes what happened to a recipient with a summary line, `554 <a@b>... Remote protocol error`,
   * after the remote replies (`<<< 550 …`) of its session: the last of those since the previous summary is
   * the remote reply behind it.
   */
  private linkSummaries(): void {
    this.parts.forEach((p, i) => {
      if (p.dsn) return;
      const own = this.found.filter((l) => l.part === i).sort((a, b) => a.line - b.line);
      let remote: Local | null = null;
      for (const l of own) {
        const line = p.lines[l.line];
        const addr = summaryAddress(line);
        if (addr) {
          if (remote && tierOf(remote.f) > 0) this.summarised.set(remote, addr.toLowerCase());
          else this.withAgentWords(p, l);
          remote = null;
        } else if (line.trimStart().startsWith('<<<')) {
          remote = l;
        }
      }
    });
  }

  /**
   * A summary with no remote reply before it reports a local delivery: the delivery agent's own lines just above it
   * (`mail.local: unknown user: kijitora`, `procmail: …`) say why, and are read with it.
   */
  private withAgentWords(p: PartText, l: Local): void {
    const words: string[] = [];
    for (let i = l.line - 1; i >= 0 && words.length < 4; i--) {
      const t = p.lines[i].trim();
      if (!t || t.startsWith('-----') || t.startsWith('...') || t.startsWith('<<<') || t.startsWith('>>>') || codeAt(t, 0)) break;
      words.unshift(t);
    }
    if (words.length === 0) return;
    const f = l.f;
    l.f = createFinding({ range: f.range, codeRange: f.codeRange, enhancedRange: f.enhancedRange, format: f.format, label: f.label, recipient: f.recipient, direction: f.direction, facts: f.facts, replyText: `${f.replyText ?? ''}\n${words.join(' ')}` });
  }

  private add(address: string): void {
    const k = key(address);
    if (!k || this.display.has(k)) return;
    this.display.set(k, address.replace(/^<|>$/g, ''));
    this.order.push(k);
  }

  private daemon(k: string): boolean {
    return DAEMONS.has(k.slice(0, k.indexOf('@')));
  }

  /** The addresses the report's text names; without a DSN or X-Failed-Recipients, they are its recipients. */
  private readMentions(): void {
    const all: { part: number; m: Mention }[] = [];
    this.parts.forEach((p, i) => {
      if (p.dsn) return;
      for (let l = 0; l < p.end; l++) {
        for (const m of mentionsIn(p.lines[l], l)) {
          const k = m.address.toLowerCase();
          if (this.daemon(k) || (this.strongSet && !this.display.has(k))) continue;
          all.push({ part: i, m });
        }
      }
    });
    // The bounce's own addresses (its sender, the original sender it returns to) are named in its text too;
    // they are what it reports on only when no other address is (a message sent to oneself).
    const others = all.filter(({ m }) => !this.meta.own.has(m.address.toLowerCase()));
    this.mentions = !this.strongSet && others.length > 0 ? others : all;
    if (this.strongSet) return;
    // A recipient list names its entries at the start of a line; an address inside a sentence
    // ("please contact <support@…>") defines a recipient only when the report has no such list.
    const heads = this.mentions.filter(({ m }) => m.head);
    for (const { m } of heads.length > 0 ? heads : this.mentions) this.add(m.address);
  }

  private eligible(k: string): boolean {
    return !this.daemon(k) && (!this.meta.own.has(k) || this.mentions.some(({ m }) => m.address.toLowerCase() === k));
  }

  /** A non-delivery report that does not call itself a delay or a warning says that delivery failed for good. */
  private hint(k: string): FailureClass {
    return actionClass(this.action.get(k) ?? null) ?? this.reportCls ?? 'permanent';
  }

  /** The DSN block a finding stands in (blocks are in line order within their part, and do not overlap). */
  private blockOf(l: Local): { part: number; b: DsnBlock; k: string } | undefined {
    const own = this.blocksByPart.get(l.part);
    if (!own) return undefined;
    const i = lastAtOrBefore(own, l.line, (x) => x.b.startLine);
    return i >= 0 && l.line < own[i].b.endLine ? own[i] : undefined;
  }

  /** The one recipient a reply's text names (`550 5.1.1 <a@b>... User unknown`), if any. */
  private namedIn(text: string): string | null {
    let hit: string | null = null;
    for (const a of addressesIn(text)) {
      const k = text.slice(a.start, a.end).toLowerCase();
      if (!this.display.has(k)) continue;
      if (hit !== null && hit !== k) return null;
      hit = k;
    }
    return hit;
  }

  /** Which recipient a finding is about: its DSN block's, its own (`RCPT TO`), the one it names, or the entry it stands under. */
  private owner(l: Local): { k: string | null; strong: number } {
    const block = this.blockOf(l);
    if (block) return { k: block.k || null, strong: 3 };
    const own = recipientKey(l.f.recipient);
    if (own) return { k: own, strong: 2 };
    const summary = this.summarised.get(l);
    if (summary) return { k: summary, strong: 2 };
    const named = this.namedIn(l.f.replyText ?? '');
    if (named) return { k: named, strong: 2 };
    if (this.parts[l.part].dsn) return { k: null, strong: 0 };
    const entries = this.entries.get(l.part) ?? [];
    const i = lastAtOrBefore(entries, l.line, (x) => x.line);
    if (i >= 0) return { k: entries[i].k, strong: 0 };
    // A report that names no recipient in its text is about the one its headers name.
    return { k: this.order.length === 1 ? this.order[0] : null, strong: 0 };
  }

  private push(k: string, c: Omit<Candidate, 'order'>): void {
    if (!this.candidates.has(k)) this.candidates.set(k, []);
    this.candidates.get(k)!.push({ ...c, order: this.n++ });
  }

  /**
   * Per part, in line order, the lines that name a recipient and start what the report says of it. A Sendmail
   * summary line (`554 <a@b>... Service unavailable`) closes what happened to its address instead: what follows it
   * in a transcript is another recipient's.
   */
  private indexEntries(): void {
    for (const { part, m } of this.mentions) {
      const k = m.address.toLowerCase();
      if (!this.display.has(k) || summaryAddress(this.parts[part].lines[m.line])) continue;
      if (!this.entries.has(part)) this.entries.set(part, []);
      this.entries.get(part)!.push({ line: m.line, k });
    }
    for (const b of this.blocks) {
      if (!this.blocksByPart.has(b.part)) this.blocksByPart.set(b.part, []);
      this.blocksByPart.get(b.part)!.push(b);
    }
  }

  /** For each mention, the line where another recipient is next named in its part (or the part's end). */
  private spansEnd(): number[] {
    const out = new Array<number>(this.mentions.length);
    // Walking back: the nearest named recipient after each line, and the nearest with another address.
    let near: { line: number; k: string } | null = null;
    let other: { line: number; k: string } | null = null;
    let part = -1;
    for (let idx = this.mentions.length - 1; idx >= 0;) {
      const line = this.mentions[idx].m.line;
      if (this.mentions[idx].part !== part) {
        part = this.mentions[idx].part;
        near = other = null;
      }
      let j = idx;
      while (j >= 0 && this.mentions[j].part === part && this.mentions[j].m.line === line) {
        const k = this.mentions[j].m.address.toLowerCase();
        out[j] = near && near.k !== k ? near.line : other && other.k !== k ? other.line : this.parts[part].end;
        j--;
      }
      for (let x = idx; x > j; x--) {
        const k = this.mentions[x].m.address.toLowerCase();
        if (!this.display.has(k)) continue;
        if (near && near.k !== k) other = near;
        near = { line, k };
      }
      idx = j;
    }
    return out;
  }

  private collect(): void {
    this.indexEntries();
    const replied = new Set<DsnBlock>();
    for (const l of this.found) {
      const tier = tierOf(l.f);
      // In a DSN block only a reply with its code is taken as it is: else the block's Status and words make its summary.
      const block = this.blockOf(l);
      if (block) {
        if (l.f.explanation.code === null) continue;
        replied.add(block.b);
      }
      const o = this.owner(l);
      let k = o.k;
      if (k !== null && !this.display.has(k)) {
        // An `RCPT TO` or `to=` of a report with no list of its own names a recipient too.
        if (!this.strongSet && o.strong >= 2 && tier > 0 && this.eligible(k)) this.add(k);
        else k = null;
      }
      if (k === null) {
        this.orphans.push(l);
        continue;
      }
      const kk = k;
      const p = this.parts[l.part];
      const e = l.f.explanation;
      const said = `${e.code} ${e.enhanced} ${e.text.replace(/\s+/g, ' ')}`;
      const stage = p.dsn ? undefined : stageLineBefore(p, l.line);
      this.push(kk, { make: () => place(p, l.f, this.display.get(kk) ?? null, this.hint(kk)), tier, source: l.bare ? 1 : 2, strong: o.strong, cls: e.class, said, ...(stage ? { stage } : {}) });
    }
    for (const { part, b, k } of this.blocks) if (k && !replied.has(b)) this.dsnSummary(this.parts[part], b, k);
    const ends = this.spansEnd();
    this.mentions.forEach(({ part, m }, idx) => {
      const k = m.address.toLowerCase();
      if (!this.display.has(k)) return;
      const p = this.parts[part];
      // The words about a recipient run to where another recipient is named (a reply often names its own).
      const w = wordsAfter(p, m.line, m.after, m.before, ends[idx]);
      if (!w) return;
      const f = wordsFinding(p, w, w.text, 'bounce', null, this.display.get(k) ?? m.address, this.hint(k));
      // Words are tied to their recipient only by where they stand: a reply the scanner found among them says the same, precisely.
      const tier = f.explanation.class === 'success' || f.explanation.class === 'intermediate' ? 0 : Math.max(1, tierOf(f));
      this.push(k, { make: () => f, tier, source: 0, strong: 0, cls: f.explanation.class, words: { part: p, w, head: m.head } });
    });
  }

  /**
   * A remote reply with a basic code and no enhanced code (`550 Unknown user …`) read with its recipient's DSN
   * `Status:` as its enhanced code: RFC 3464 gives each recipient its status, and where the reply names none the
   * reporting MTA's says what kind of failure it was (5.2.0: the mailbox exists; docomo's filter refusals).
   * A status of subject 0 (`5.0.0`, "other or undefined") says nothing more and is left out.
   */
  private withStatus(k: string, f: Finding): Finding {
    const e = f.explanation;
    const text = f.replyText ?? '';
    if (e.code === null || e.enhanced !== null || !text.startsWith(String(e.code))) return f;
    const status = this.blocks.find((b) => b.k === k && b.b.status)?.b.status?.text;
    const code = status ? /^([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(status) : null;
    if (!code || code[2] === '0' || code[1] !== String(e.code)[0]) return f;
    const replyText = `${text.slice(0, 3)} ${code[0]}${text.slice(3)}`;
    const { explanation: _, ...rest } = f;
    return createFinding({ ...rest, replyText });
  }

  /** A DSN block whose diagnostic holds no reply code: its Status with the diagnostic's words, on the diagnostic. */
  private dsnSummary(p: PartText, b: DsnBlock, k: string): void {
    const status = b.status ? /^[245]\.\d{1,3}\.\d{1,3}/.exec(b.status.text)?.[0] ?? null : null;
    const words = b.diagnostic?.text ?? '';
    if (!status && !words) return;
    const where = words ? b.diagnostic! : b.status!;
    const w: Words = { text: words, from: { line: where.line, col: where.start }, to: { line: where.endLine, col: where.end } };
    const label = actionLabel(b.action);
    const f = wordsFinding(p, w, [status, words].filter(Boolean).join(' '), 'dsn', label, this.display.get(k) ?? b.recipient, this.hint(k));
    this.push(k, { make: () => f, tier: tierOf(f), source: 2, strong: 3, cls: f.explanation.class, ...(status && !words ? { statusOnly: { status, label } } : {}) });
  }

  findings(): Finding[] {
    this.collect();
    const out: Finding[] = [];
    for (const k of this.order) {
      const f = this.choose(k);
      if (f) out.push(f);
    }
    if (this.order.length === 0) {
      // A bounce whose recipient is named nowhere: its most telling reply, once.
      let best: Local | null = null;
      for (const l of this.orphans) if (tierOf(l.f) > 0 && (!best || tierOf(l.f) > tierOf(best.f))) best = l;
      if (best) out.push(place(this.parts[best.part], best.f, best.f.recipient));
    }
    return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  }

  private choose(k: string): Finding | null {
    const picked = this.pick(k);
    if (!picked) return null;
    const { f, stage } = picked;
    const hint = this.hint(k);
    let text = f.replyText ?? f.explanation.text;
    // Words that give no reason, in a report whose help link names its writer: read with the link.
    const signed = f.explanation.reason === 'unknown' && this.signature !== null;
    if (signed) text = `${text} ${this.signature}`;
    // A final report quoting a temporary failure: the sending server retried it until it gave up.
    const gaveUp = f.explanation.class === 'transient' && hint === 'permanent';
    if (!signed && !gaveUp && !stage) return f;
    const e = explain(text, { classHint: hint, gaveUp, context: stage });
    // The link decides the reason; the text shown stays the report's words about the recipient.
    f.explanation = signed ? { ...e, text: f.explanation.text, lines: f.explanation.lines } : e;
    return f;
  }

  private pick(k: string): Picked | null {
    const cs = this.candidates.get(k) ?? [];
    const action = this.action.get(k) ?? null;
    // A delivered, relayed or expanded recipient gets its success, never a failure read elsewhere.
    const delivered = action !== null && DSN_ACTION[action] === 'success';
    const hint = this.hint(k);
    let best: Candidate | null = null;
    for (const c of cs) {
      if (delivered ? c.cls !== 'success' : c.tier === 0) continue;
      if (!best || better(c, best, hint)) best = c;
    }
    if (delivered) return best ? { f: best.make() } : null;
    if (best && best.tier >= 2 && !best.statusOnly) {
      // A DSN that cut a multi-line reply short (Sendmail keeps its first line): the transcript has all of it.
      const whole = best.said === undefined ? undefined : cs.find((c) => c.said !== undefined && c.said.length > best!.said!.length && c.said.startsWith(best!.said!));
      const c = whole ?? best;
      // A DSN's Diagnostic-Code quotes the transcript's reply: the transcript says what command it answered.
      const stage = c.stage ?? cs.find((x) => x.stage !== undefined && x.said === c.said)?.stage;
      return { f: this.withStatus(k, c.make()), stage };
    }
    // The MTA's bare status says less than the report's words about the recipient: the two make one finding.
    const status = cs.find((c) => c.statusOnly)?.statusOnly;
    const words = best?.words ?? bestWords(cs);
    const display = this.display.get(k) ?? k;
    if (words) return { f: wordsFinding(words.part, words.w, status ? `${status.status} ${words.w.text}` : words.w.text, 'bounce', status?.label ?? null, display, hint) };
    if (best) return { f: best.make(), stage: best.stage };
    // Named only in the headers (X-Failed-Recipients) and nowhere in the report: the report's own words.
    const p = this.parts.find((x) => !x.dsn);
    const w = p && reportWords(p);
    return p && w ? { f: wordsFinding(p, w, w.text, 'bounce', null, display, hint) } : null;
  }
}

/** The line just above a reply, when it names the SMTP command the reply answered. */
function stageLineBefore(p: PartText, line: number): string | undefined {
  const above = line > 0 ? p.lines[line - 1].trim() : '';
  return above && stageOf(above) !== null ? above : undefined;
}

/** Index of the last item whose key is at or before `at` (items sorted by key), or -1. */
function lastAtOrBefore<T>(items: readonly T[], at: number, keyOf: (x: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]) <= at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The address of a Sendmail summary line, `550 5.1.1 <a@b>... User unknown`, or null. */
function summaryAddress(line: string): string | null {
  const s = skipSpaces(line, 0, 8);
  if (!codeAt(line, s)) return null;
  let i = skipSpaces(line, s + 4, 4);
  const e = enhancedEnd(line, i);
  if (e > 0) i = skipSpaces(line, e, 4);
  if (line[i] !== '<') return null;
  const close = line.indexOf('>', i);
  if (close < 0 || close - i > 320 || !line.startsWith('...', close + 1)) return null;
  const a = line.slice(i + 1, close);
  return a.includes('@') ? a : null;
}

/** The report's words about a recipient: under its list entry first, then in order. */
function bestWords(cs: readonly Candidate[]): { part: PartText; w: Words; head: boolean } | null {
  let best: Candidate | null = null;
  for (const c of cs) if (c.words && (!best || (c.words.head && !best.words!.head))) best = c;
  return best?.words ?? null;
}

/**
 * The remote reply before the MTA's status before bare words; then the more firmly tied to its recipient (its DSN
 * block, its `RCPT TO`, before a reply that only stands near its name); then what the scanner found (a transcript's
 * `<<<`, a DSN field) before a bare line of the report (Sendmail's own `554 <a@b>... Remote protocol error`); the
 * words under the recipient's list entry; the class the bounce announces; the first.
 */
function better(c: Candidate, best: Candidate, expected: FailureClass): boolean {
  if (c.tier !== best.tier) return c.tier > best.tier;
  if (c.strong !== best.strong) return c.strong > best.strong;
  if (c.source !== best.source) return c.source > best.source;
  // Words under the recipient's entry in a list say more than a sentence that names it in passing.
  const ch = c.words?.head ?? false;
  const bh = best.words?.head ?? false;
  if (ch !== bh) return ch;
  const cm = c.cls === expected;
  const bm = best.cls === expected;
  if (cm !== bm) return cm;
  return c.order < best.order;
}
