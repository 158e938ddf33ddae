// A realistic Postfix log that knows its own ground truth, for `smtp-lens report` and its comparison with pflogsumm.
//   npx tsx bench/postfix-log.ts --messages 100000 --out bench/out/postfix.log   (writes FILE and FILE.truth.json)
//
// An outbound relay for shop.example over six days across a new year: messages arrive through smtpd (and some
// through pickup) and go through cleanup and qmgr to smtp; each recipient has a fate (delivered at once, deferred
// and then delivered with a proper backoff or retried every few seconds, bounced, deferred then bounced, deferred
// for days until the queue lifetime expires, given up after a few minutes, soft-bounced), with Gmail, Microsoft and
// Yahoo wordings; bounces and expiries make non-delivery notifications, delivered to the local sender; smtpd refuses
// some recipients (NOQUEUE) and cleanup some messages. Lines are written in time order; the log ends two hours after
// the last arrival, cutting what is still queued.
//
// The truth is counted by the generator from what it writes, in its own terms: what each line means was decided when
// it was made. Reasons are those the wordings are written for (a test in test/cli/report-generated.test.ts checks
// smtp-lens against them). The retry verdicts are those the fates are built for, with margins from the thresholds of
// the README (a retry at least 16 minutes after the first deferral, at least 32 after the second, then hourly).
import * as fs from 'node:fs';

export interface GenOptions {
  messages: number;
  out: string;
  seed?: number;
}

export interface TruthRow {
  delivered: number; deferrals: number; bounced: number; expired: number; deferred: number; rejected: number;
  reasons: Record<string, number>;
  /** Of the deferrals, those logged as status=SOFTBOUNCE. */
  softBounces: number;
}

export interface Truth {
  messages: number;
  /** pflogsumm's "received": smtpd client= and pickup lines, including messages cleanup refused. */
  receivedLines: number;
  notifications: number;
  recipients: { delivered: number; bounced: number; expired: number; deferred: number; forwarded: number };
  deferrals: number;
  /** Deferrals logged as status=SOFTBOUNCE (soft_bounce=yes): pflogsumm does not count them. */
  softBounces: number;
  rejected: number;
  /** Rejections by cleanup's header checks (a message refused after its client= line). */
  cleanupRejects: number;
  byDomain: Record<string, TruthRow>;
  byReason: Record<string, { deferrals: number; bounced: number; expired: number; rejected: number }>;
  byDay: Record<string, { received: number; delivered: number; deferrals: number; bounced: number; expired: number; rejected: number }>;
  byProvider: Record<string, { delivered: number; deferrals: number; bounced: number; expired: number }>;
  failed: Record<string, { state: string; reason: string; attempts: number; messages: number; first: string; last: string }>;
  verdicts: Record<string, number>;
  /** Recipients (of one message each) not retried as advised, with their verdict. */
  review: [string, string][];
  lines: number;
  bytes: number;
  period: { first: string; last: string };
}

// ---------------------------------------------------------------------------------------------- randomness

class Random {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** xorshift32: fast, deterministic, good enough for a log. */
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.s = x;
    return x / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let r = this.next() * xs.reduce((n, x) => n + x[1], 0);
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------- the world

const OUR_DOMAIN = 'shop.example';
const HOST = 'mx1';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const QUEUE_LIFETIME = 5 * DAY;

type Provider = 'gmail' | 'microsoft' | 'yahoo' | 'other';

interface Mx {
  relay: string;
  provider: Provider;
  /** The name smtp-lens's report gives the provider (from the relay host), or null. */
  name: string | null;
}

const MX: Record<Provider, Mx> = {
  gmail: { relay: 'gmail-smtp-in.l.google.com[142.250.102.27]:25', provider: 'gmail', name: 'Gmail' },
  microsoft: { relay: 'outlook-com.olc.protection.outlook.com[52.101.68.11]:25', provider: 'microsoft', name: 'Microsoft 365' },
  yahoo: { relay: 'mta7.am0.yahoodns.net[67.195.204.72]:25', provider: 'yahoo', name: 'Yahoo / AOL' },
  other: { relay: '', provider: 'other', name: null },
};

const OTHER_DOMAINS = Array.from({ length: 200 }, (_, i) => `d${i + 1}.example`);
const FIRST_NAMES = ['anna', 'ben', 'carla', 'dev', 'eli', 'fatima', 'goran', 'hana', 'ivan', 'jules', 'kofi', 'lena', 'mia', 'noor', 'omar', 'paula', 'quinn', 'ravi', 'sara', 'tomas', 'uma', 'vera', 'wen', 'yusuf', 'zoe'];
const SENDERS = ['news', 'orders', 'alerts', 'billing', 'support', 'noreply'];
const CLIENTS = ['app1.shop.example[10.0.1.11]', 'app2.shop.example[10.0.1.12]', 'crm.shop.example[10.0.1.20]', 'web.shop.example[10.0.1.30]'];

function domainFor(r: Random): { domain: string; mx: Mx } {
  const p = r.weighted<Provider>([['gmail', 30], ['microsoft', 20], ['yahoo', 12], ['other', 38]]);
  if (p === 'gmail') return { domain: 'gmail.com', mx: MX.gmail };
  if (p === 'microsoft') return { domain: r.next() < 0.6 ? 'outlook.com' : 'hotmail.com', mx: MX.microsoft };
  if (p === 'yahoo') return { domain: 'yahoo.com', mx: MX.yahoo };
  const d = r.pick(OTHER_DOMAINS);
  return { domain: d, mx: { relay: `mx.${d}[203.0.113.${(OTHER_DOMAINS.indexOf(d) % 250) + 1}]:25`, provider: 'other', name: null } };
}

// ---------------------------------------------------------------------------------------------- replies

interface Reply {
  /** The text after `status=WORD (`, with the `host … said:` prefix where a server answered. */
  text: (rcpt: string, mx: Mx) => string;
  dsn: string;
  reason: string;
  /** relay=none: no server answered. */
  noRelay?: boolean;
}

const said = (mx: Mx, reply: string, stage = 'RCPT TO') => `host ${mx.relay.replace(/:25$/, '')} said: ${reply} (in reply to ${stage} command)`;

/** The per-reply tracking token Gmail ends its replies with (`a1si1234567wra.12 - gsmtp`): unique, as in life. */
let tokenSeq = 0;
function gsmtp(): string {
  const n = (tokenSeq = (tokenSeq * 1103515245 + 12345) >>> 0);
  return `${'abcdefghjkmnpqrstuvwxyz'[n % 23]}${(n >>> 5) % 10}si${String(n % 9999991).padStart(7, '0')}${'wrapqbxzy'[n % 9]}${'abcdefgh'[(n >>> 3) % 8]}${'abcdefgh'[(n >>> 7) % 8]}.${(n >>> 11) % 300} - gsmtp`;
}

/** A remote queue id (`queued as 4D7F2C1B9A`): unique too. */
function remoteId(): string {
  tokenSeq = (tokenSeq * 1103515245 + 12345) >>> 0;
  return tokenSeq.toString(16).toUpperCase().padStart(8, '0') + 'A';
}

const SENT: Record<Provider, (qid: string) => string> = {
  gmail: () => `250 2.0.0 OK  1767225482 ${gsmtp()}`,
  microsoft: (q) => `250 2.6.0 <${q}@${OUR_DOMAIN}> [InternalId=12345, Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com] 10240 bytes in 0.051, 195.312 KB/sec Queued mail for delivery`,
  yahoo: () => '250 ok dirdel',
  other: () => `250 2.0.0 Ok: queued as ${remoteId()}`,
};

/** Transient replies, by provider: the deferrals of the fates that end well. */
const DEFER: Record<Provider, Reply[]> = {
  gmail: [
    { dsn: '4.7.0', reason: 'reputation', text: (_r, mx) => said(mx, `421-4.7.0 [203.0.113.9      15] Our system has detected an unusual rate of 421-4.7.0 unsolicited mail originating from your IP address. To protect our 421-4.7.0 users from spam, mail sent from your IP address has been temporarily 421-4.7.0 rate limited. Please visit 421-4.7.0  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.0 review our Bulk Email Senders Guidelines. ${gsmtp()}`, 'MAIL FROM') },
    { dsn: '4.2.1', reason: 'rate-limited', text: (_r, mx) => said(mx, `450-4.2.1 The user you are trying to contact is receiving mail at a rate that 450-4.2.1 prevents additional messages from being delivered. Please resend your 450-4.2.1 message at a later point. If the user is able to receive mail at that 450-4.2.1 time, your message will be delivered. For more information, go to 450 4.2.1  https://support.google.com/mail/?p=ReceivingRate ${gsmtp()}`) },
    { dsn: '4.2.2', reason: 'mailbox-full', text: (_r, mx) => said(mx, `452-4.2.2 The recipient's inbox is out of storage space. Please direct the 452-4.2.2 recipient to 452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp ${gsmtp()}`) },
  ],
  microsoft: [
    { dsn: '4.7.650', reason: 'reputation', text: (_r, mx) => said(mx, '451 4.7.650 The mail server [203.0.113.9] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]', 'MAIL FROM') },
  ],
  yahoo: [
    { dsn: '4.7.0', reason: 'reputation', text: (_r, mx) => said(mx, '421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes', 'MAIL FROM') },
  ],
  other: [
    { dsn: '4.2.0', reason: 'greylisted', text: (r, mx) => said(mx, `450 4.2.0 <${r}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${r.split('@')[1]}.html`) },
    { dsn: '4.3.2', reason: 'server-unavailable', text: (_r, mx) => said(mx, '421 4.3.2 Service not available, closing transmission channel', 'MAIL FROM') },
    { dsn: '4.4.1', reason: 'network', noRelay: true, text: (r) => `connect to mx.${r.split('@')[1]}[203.0.113.200]:25: Connection timed out` },
  ],
};

/** Permanent replies, by provider. */
const BOUNCE: Record<Provider, Reply[]> = {
  gmail: [
    { dsn: '5.1.1', reason: 'user-unknown', text: (_r, mx) => said(mx, `550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser ${gsmtp()}`) },
    { dsn: '5.7.1', reason: 'spam', text: (_r, mx) => said(mx, `550-5.7.1 [203.0.113.9      12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. For more information, go to 550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError ${gsmtp()}`, 'end of DATA') },
  ],
  microsoft: [
    { dsn: '5.5.0', reason: 'user-unknown', text: (_r, mx) => said(mx, '550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM0PR01MB1234.eurprd01.prod.exchangelabs.com]') },
  ],
  yahoo: [
    { dsn: '5.0.0', reason: 'user-unknown', text: (r, mx) => said(mx, `554 delivery error: dd This user doesn't have a yahoo.com account (${r}) [0] - mta1234.mail.gq1.yahoo.com`, 'end of DATA') },
  ],
  other: [
    { dsn: '5.1.1', reason: 'user-unknown', text: (r, mx) => said(mx, `550 5.1.1 <${r}>: Recipient address rejected: User unknown in virtual mailbox table`) },
    { dsn: '5.4.4', reason: 'domain-unknown', noRelay: true, text: (r) => `Host or domain name not found. Name service error for name=${r.split('@')[1]} type=A: Host not found` },
  ],
};

const FULL_SOFT: Reply = { dsn: '4.2.2', reason: 'mailbox-full', text: (r, mx) => said(mx, `452 4.2.2 <${r}>: Recipient address rejected: Mailbox full`) };
const FULL_HARD: Reply = { dsn: '5.2.2', reason: 'mailbox-full', text: (r, mx) => said(mx, `552 5.2.2 <${r}>: Recipient address rejected: Mailbox full`) };
const TIMEOUT: Reply = { dsn: '4.4.1', reason: 'network', noRelay: true, text: (r) => `connect to mx.${r.split('@')[1]}[203.0.113.200]:25: Connection timed out` };
const SOFT_UNKNOWN: Reply = { dsn: '4.1.1', reason: 'user-unknown', text: (r, mx) => said(mx, `550 5.1.1 <${r}>: Recipient address rejected: User unknown in virtual mailbox table`) };

/** smtpd's refusals before queueing: the reply and where it is addressed. */
const REJECTS: readonly { reason: string; weight: number; make: (r: Random) => { reply: string; to: string; from: string; client: string } }[] = [
  { reason: 'relay-denied', weight: 4, make: (r) => { const to = `${r.pick(FIRST_NAMES)}@${r.pick(OTHER_DOMAINS)}`; return { to, from: `x${r.int(1, 999)}@spam${r.int(1, 50)}.example`, client: `unknown[198.51.100.${r.int(2, 250)}]`, reply: `554 5.7.1 <${to}>: Relay access denied` }; } },
  { reason: 'blocklisted', weight: 3, make: (r) => { const ip = `198.51.100.${r.int(2, 250)}`; return { to: `${r.pick(SENDERS)}@${OUR_DOMAIN}`, from: `promo${r.int(1, 99)}@bulk${r.int(1, 30)}.example`, client: `unknown[${ip}]`, reply: `554 5.7.1 Service unavailable; Client host [${ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${ip}` }; } },
  { reason: 'user-unknown', weight: 3, make: (r) => { const to = `${r.pick(FIRST_NAMES)}${r.int(1, 99)}@${OUR_DOMAIN}`; return { to, from: `someone@${r.pick(OTHER_DOMAINS)}`, client: `mail.${r.pick(OTHER_DOMAINS)}[203.0.113.${r.int(2, 250)}]`, reply: `550 5.1.1 <${to}>: Recipient address rejected: User unknown in local recipient table` }; } },
];

// ---------------------------------------------------------------------------------------------- fates

type Fate = 'sent' | 'ok-defer' | 'too-fast' | 'bounce' | 'defer-bounce' | 'too-long' | 'gave-up-early' | 'softbounce' | 'stuck';

/** Fates that decide over days: only for messages with one recipient (an expiry is the whole message's). */
const MESSAGE_FATES: ReadonlySet<Fate> = new Set(['too-long', 'gave-up-early', 'softbounce']);

interface Step {
  t: number;
  status: 'sent' | 'deferred' | 'SOFTBOUNCE' | 'bounced';
  reply: Reply | null;
}

/** The attempts of one recipient's fate, from the first attempt's time. */
function attemptsFor(fate: Fate, t: number, mx: Mx, r: Random): { steps: Step[]; expireAt: number | null } {
  const defer = () => r.pick(DEFER[mx.provider]);
  const okGaps = [r.int(16, 20) * MIN, r.int(32, 40) * MIN, r.int(60, 70) * MIN, r.int(60, 70) * MIN, r.int(60, 70) * MIN];
  switch (fate) {
    case 'sent':
      return { steps: [{ t, status: 'sent', reply: null }], expireAt: null };
    case 'bounce':
      return { steps: [{ t, status: 'bounced', reply: r.pick(BOUNCE[mx.provider]) }], expireAt: null };
    case 'ok-defer':
    case 'stuck': {
      const reply = defer();
      const n = fate === 'stuck' ? 5 : r.int(1, 4);
      const steps: Step[] = [];
      let at = t;
      for (let i = 0; i < n; i++) {
        steps.push({ t: at, status: 'deferred', reply });
        at += okGaps[i];
      }
      if (fate === 'ok-defer') steps.push({ t: at, status: 'sent', reply: null });
      return { steps, expireAt: null };
    }
    case 'too-fast': {
      // Greylisting and rate limits: replies that ask for minutes, not seconds.
      const reply = mx.provider === 'gmail' ? DEFER.gmail[1] : DEFER[mx.provider][0];
      const steps: Step[] = [];
      let at = t;
      for (let i = 0, n = r.int(2, 5); i < n; i++) {
        steps.push({ t: at, status: 'deferred', reply });
        at += r.int(10, 30) * 1000;
      }
      steps.push({ t: at, status: 'sent', reply: null });
      return { steps, expireAt: null };
    }
    case 'defer-bounce': {
      const steps: Step[] = [];
      let at = t;
      for (let i = 0, n = r.int(1, 3); i < n; i++) {
        steps.push({ t: at, status: 'deferred', reply: FULL_SOFT });
        at += okGaps[i];
      }
      steps.push({ t: at, status: 'bounced', reply: FULL_HARD });
      return { steps, expireAt: null };
    }
    case 'too-long':
    case 'softbounce': {
      // Postfix's own backoff: 5 minutes, doubling up to 4000 s, until the 5-day queue lifetime runs out.
      const reply = fate === 'too-long' ? TIMEOUT : SOFT_UNKNOWN;
      const status = fate === 'too-long' ? 'deferred' : 'SOFTBOUNCE';
      const steps: Step[] = [];
      let at = t;
      let gap = 5 * MIN;
      const end = t + QUEUE_LIFETIME;
      while (at < end) {
        steps.push({ t: at, status, reply });
        at += gap + r.int(0, 30) * 1000;
        gap = Math.min(gap * 2, 4000_000);
      }
      return { steps, expireAt: at };
    }
    case 'gave-up-early': {
      // A queue lifetime of 30 minutes: two tries, then the message is returned.
      return { steps: [{ t, status: 'deferred', reply: TIMEOUT }, { t: t + r.int(10, 15) * MIN, status: 'deferred', reply: TIMEOUT }], expireAt: t + 30 * MIN };
    }
  }
}

/** The retry review's verdict the fate is built for, once the recipient was deferred. */
const VERDICT: Record<Fate, string | null> = {
  'sent': null, 'bounce': null, 'ok-defer': 'ok', 'stuck': 'ok', 'too-fast': 'too-fast', 'defer-bounce': 'ok',
  'too-long': 'too-long', 'softbounce': 'too-long', 'gave-up-early': 'gave-up-early',
};

// ---------------------------------------------------------------------------------------------- output

/** A min-heap of lines to write, by time then by order of making. */
class Heap {
  private t: number[] = [];
  private s: number[] = [];
  private v: (() => void)[] = [];
  private seq = 0;
  get size(): number {
    return this.t.length;
  }
  peek(): number {
    return this.t[0];
  }
  push(t: number, fn: () => void): void {
    const { t: T, s: S, v: V } = this;
    let i = T.length;
    T.push(t);
    S.push(this.seq++);
    V.push(fn);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (T[p] < T[i] || (T[p] === T[i] && S[p] < S[i])) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): () => void {
    const { t: T, s: S, v: V } = this;
    const top = V[0];
    const lastT = T.pop() as number;
    const lastS = S.pop() as number;
    const lastV = V.pop() as () => void;
    if (T.length > 0) {
      T[0] = lastT;
      S[0] = lastS;
      V[0] = lastV;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let m = i;
        if (l < T.length && (T[l] < T[m] || (T[l] === T[m] && S[l] < S[m]))) m = l;
        if (rr < T.length && (T[rr] < T[m] || (T[rr] === T[m] && S[rr] < S[m]))) m = rr;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(a: number, b: number): void {
    const { t: T, s: S, v: V } = this;
    [T[a], T[b]] = [T[b], T[a]];
    [S[a], S[b]] = [S[b], S[a]];
    [V[a], V[b]] = [V[b], V[a]];
  }
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function syslogTime(t: number): string {
  const d = new Date(t);
  const day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ` ${day}` : day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function isoTime(t: number): string {
  return new Date(t).toISOString().slice(0, 19);
}

function dayOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function delayText(ms: number): string {
  const s = ms / 1000;
  return s >= 100 ? String(Math.round(s)) : s.toFixed(1).replace(/\.0$/, '');
}

// ---------------------------------------------------------------------------------------------- the generator

export function generatePostfixLog(o: GenOptions): Truth {
  const r = new Random(o.seed ?? 20261228);
  const start = Date.UTC(2026, 11, 28, 0, 0, 0);
  const arrivals = 6 * DAY;
  const end = start + arrivals + 2 * HOUR;
  const fd = fs.openSync(o.out, 'w');
  let buf: string[] = [];
  let bufChars = 0;
  let lines = 0;
  let bytes = 0;
  const flush = () => {
    if (!buf.length) return;
    const s = buf.join('');
    fs.writeSync(fd, s);
    bytes += Buffer.byteLength(s);
    buf = [];
    bufChars = 0;
  };
  const truth: Truth = {
    messages: 0, receivedLines: 0, notifications: 0, recipients: { delivered: 0, bounced: 0, expired: 0, deferred: 0, forwarded: 0 },
    deferrals: 0, softBounces: 0, rejected: 0, cleanupRejects: 0, byDomain: {}, byReason: {}, byDay: {}, byProvider: {}, failed: {},
    verdicts: { 'ok': 0, 'too-fast': 0, 'too-long': 0, 'gave-up-early': 0 }, review: [], lines: 0, bytes: 0, period: { first: '', last: '' },
  };
  let firstT = Infinity;
  let lastT = -Infinity;
  const heap = new Heap();
  const write = (t: number, program: string, pid: number, text: string) => {
    if (t > end) return false;
    firstT = Math.min(firstT, t);
    lastT = Math.max(lastT, t);
    const line = `${syslogTime(t)} ${HOST} postfix/${program}[${pid}]: ${text}\n`;
    buf.push(line);
    bufChars += line.length;
    lines++;
    if (bufChars > 1 << 20) flush();
    return true;
  };
  const dom = (d: string): TruthRow => (truth.byDomain[d] ??= { delivered: 0, deferrals: 0, bounced: 0, expired: 0, deferred: 0, rejected: 0, reasons: {}, softBounces: 0 });
  const why = (reason: string) => (truth.byReason[reason] ??= { deferrals: 0, bounced: 0, expired: 0, rejected: 0 });
  const day = (t: number) => (truth.byDay[dayOf(t)] ??= { received: 0, delivered: 0, deferrals: 0, bounced: 0, expired: 0, rejected: 0 });
  const prov = (name: string | null) => (name ? (truth.byProvider[name] ??= { delivered: 0, deferrals: 0, bounced: 0, expired: 0 }) : null);
  const bump = (o2: Record<string, number>, k: string) => { o2[k] = (o2[k] ?? 0) + 1; };

  // Queue ids: ten upper-case hex digits, unique (a counter through an odd multiplier, modulo 2^40).
  let idSeq = 1;
  const qid = () => ((idSeq++ * 0x9e3779b1) % 0x10000000000).toString(16).toUpperCase().padStart(10, '0');
  const pid = (base: number) => base + r.int(0, 999);
  // The failing addresses of a mailing list are the same ones campaign after campaign: bad addresses that bounce,
  // full mailboxes, domains whose servers are gone. Drawn from fixed pools, as in life (and so the report's list of
  // failed recipients, which is what grows with a log, stays the size of the list's bad part).
  const pool = (n: number, make: (i: number) => { domain: string; mx: Mx; address: string }) => Array.from({ length: n }, (_, i) => make(i));
  const badPool = pool(20_000, (i) => { const { domain, mx } = domainFor(r); return { domain, mx, address: `gone${i}@${domain}` }; });
  const fullPool = pool(5_000, (i) => { const { domain, mx } = domainFor(r); return { domain, mx, address: `full${i}@${domain}` }; });
  const deadPool = pool(3_000, (i) => { const domain = `dead${i % 300}.example`; return { domain, mx: { relay: `mx.${domain}[203.0.113.200]:25`, provider: 'other' as const, name: null }, address: `${FIRST_NAMES[i % FIRST_NAMES.length]}${i}@${domain}` }; });
  const poolOf: Partial<Record<Fate, typeof badPool>> = { 'bounce': badPool, 'softbounce': badPool, 'defer-bounce': fullPool, 'too-long': deadPool, 'gave-up-early': deadPool };

  interface Rcpt { address: string; domain: string; mx: Mx; fate: Fate; steps: Step[]; attempts: number; deferrals: number; firstAttempt: number; lastAttempt: number; lastReply: Reply | null; done: boolean }
  interface Message { id: string; t0: number; sender: string; rcpts: Rcpt[]; pending: number; expireAt: number | null; lastFinal: number }
  const live = new Set<Message>();

  /** A recipient's failure, into the failed-recipients truth (one row per address: the latest decides, counts add). */
  const lastFailure = new Map<string, number>();
  const failed = (rc: Rcpt, state: string, reason: string) => {
    const key = rc.address.toLowerCase();
    const prev = truth.failed[key];
    const row = { state, reason, attempts: rc.attempts, messages: 1, first: isoTime(rc.firstAttempt), last: isoTime(rc.lastAttempt) };
    if (!prev) {
      truth.failed[key] = row;
      lastFailure.set(key, rc.lastAttempt);
      return;
    }
    const newer = !(rc.lastAttempt < (lastFailure.get(key) as number));
    const keep = newer ? row : prev;
    keep.attempts = prev.attempts + rc.attempts;
    keep.messages = prev.messages + 1;
    keep.first = prev.first < row.first ? prev.first : row.first;
    truth.failed[key] = keep;
    if (newer) lastFailure.set(key, rc.lastAttempt);
  };

  const verdict = (rc: Rcpt) => {
    const v = VERDICT[rc.fate];
    if (!v || rc.deferrals === 0) return;
    truth.verdicts[v]++;
    if (v !== 'ok') truth.review.push([rc.address, v]);
  };

  /** A bounce or expiry: the non-delivery notification to the (local) sender. */
  const notify = (m: Message, t: number) => {
    const n = qid();
    heap.push(t, () => {
      if (!write(t, 'cleanup', pid(2000), `${n}: message-id=<${dayOf(t).replace(/-/g, '')}.${n}@${HOST}.${OUR_DOMAIN}>`)) return;
      write(t, 'bounce', pid(3000), `${m.id}: sender non-delivery notification: ${n}`);
      write(t, 'qmgr', 1003, `${n}: from=<>, size=${r.int(3000, 9000)}, nrcpt=1 (queue active)`);
      if (write(t, 'local', pid(4000), `${n}: to=<${m.sender}>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)`)) {
        truth.notifications++;
        truth.recipients.delivered++;
        dom(OUR_DOMAIN).delivered++;
        day(t).delivered++;
      }
      write(t, 'qmgr', 1003, `${n}: removed`);
    });
  };

  const finishRecipient = (m: Message, rc: Rcpt, t: number) => {
    rc.done = true;
    m.pending--;
    m.lastFinal = Math.max(m.lastFinal, t);
    if (m.pending === 0) {
      live.delete(m);
      heap.push(m.lastFinal, () => write(m.lastFinal, 'qmgr', 1003, `${m.id}: removed`));
    }
  };

  const attempt = (m: Message, rc: Rcpt, i: number) => {
    const s = rc.steps[i];
    const reply = s.reply;
    const relay = reply?.noRelay ? 'none' : rc.mx.relay;
    const dsn = s.status === 'sent' ? '2.0.0' : reply?.dsn ?? '4.0.0';
    const text = s.status === 'sent' ? SENT[rc.mx.provider](m.id) : (reply as Reply).text(rc.address, rc.mx);
    const d = s.t - m.t0;
    const ok = write(s.t, 'smtp', pid(5000), `${m.id}: to=<${rc.address}>, relay=${relay}, delay=${delayText(d + 400)}, delays=${delayText(d)}/0.01/0.2/0.19, dsn=${dsn}, status=${s.status} (${text})`);
    if (!ok) return;
    rc.attempts++;
    rc.firstAttempt = Math.min(rc.firstAttempt, s.t);
    rc.lastAttempt = s.t;
    const p = prov(relay === 'none' ? null : rc.mx.name);
    if (s.status === 'deferred' || s.status === 'SOFTBOUNCE') {
      rc.deferrals++;
      rc.lastReply = reply;
      truth.deferrals++;
      if (s.status === 'SOFTBOUNCE') {
        truth.softBounces++;
        dom(rc.domain).softBounces++;
      }
      dom(rc.domain).deferrals++;
      bump(dom(rc.domain).reasons, (reply as Reply).reason);
      why((reply as Reply).reason).deferrals++;
      day(s.t).deferrals++;
      if (p) p.deferrals++;
    } else if (s.status === 'sent') {
      truth.recipients.delivered++;
      dom(rc.domain).delivered++;
      day(s.t).delivered++;
      if (p) p.delivered++;
      verdict(rc);
      finishRecipient(m, rc, s.t);
    } else {
      truth.recipients.bounced++;
      dom(rc.domain).bounced++;
      bump(dom(rc.domain).reasons, (reply as Reply).reason);
      why((reply as Reply).reason).bounced++;
      day(s.t).bounced++;
      if (p) p.bounced++;
      rc.lastReply = reply;
      failed(rc, 'bounced', (reply as Reply).reason);
      verdict(rc);
      finishRecipient(m, rc, s.t);
      notify(m, s.t);
    }
    if (i + 1 < rc.steps.length) heap.push(rc.steps[i + 1].t, () => attempt(m, rc, i + 1));
  };

  const expire = (m: Message) => {
    const t = m.expireAt as number;
    if (!write(t, 'qmgr', 1003, `${m.id}: from=<${m.sender}>, status=expired, returned to sender`)) return;
    for (const rc of m.rcpts) {
      if (rc.done) continue;
      truth.recipients.expired++;
      const reason = rc.lastReply?.reason ?? 'unknown';
      dom(rc.domain).expired++;
      bump(dom(rc.domain).reasons, reason);
      why(reason).expired++;
      day(t).expired++;
      const p = prov(rc.lastReply?.noRelay ? null : rc.mx.name);
      if (p) p.expired++;
      failed(rc, 'expired', reason);
      verdict(rc);
      finishRecipient(m, rc, t);
    }
    notify(m, t);
  };

  const reject = (t: number) => {
    const kind = r.weighted(REJECTS.map((x) => [x, x.weight] as const));
    const x = kind.make(r);
    const p = pid(1000);
    heap.push(t, () => {
      write(t, 'smtpd', p, `connect from ${x.client}`);
      if (write(t, 'smtpd', p, `NOQUEUE: reject: RCPT from ${x.client}: ${x.reply}; from=<${x.from}> to=<${x.to}> proto=ESMTP helo=<${x.client.split('[')[0]}>`)) {
        truth.rejected++;
        const d = x.to.split('@')[1];
        dom(d).rejected++;
        bump(dom(d).reasons, kind.reason);
        why(kind.reason).rejected++;
        day(t).rejected++;
      }
      write(t + 1000, 'smtpd', p, `disconnect from ${x.client} ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
    });
  };

  const cleanupReject = (t: number) => {
    const id = qid();
    const client = r.pick(CLIENTS);
    const p = pid(1000);
    const to = `${r.pick(FIRST_NAMES)}@${r.pick(OTHER_DOMAINS)}`;
    heap.push(t, () => {
      write(t, 'smtpd', p, `connect from ${client}`);
      if (write(t, 'smtpd', p, `${id}: client=${client}`)) truth.receivedLines++;
      if (write(t, 'cleanup', pid(2000), `${id}: reject: header Subject: =?UTF-8?B?V0lOIEJJRw==?= from ${client}; from=<${r.pick(SENDERS)}@${OUR_DOMAIN}> to=<${to}> proto=ESMTP helo=<${client.split('[')[0]}>: 5.7.1 Message content rejected`)) {
        truth.rejected++;
        truth.cleanupRejects++;
        const d = to.split('@')[1];
        dom(d).rejected++;
        bump(dom(d).reasons, 'spam');
        why('spam').rejected++;
        day(t).rejected++;
      }
      write(t + 1000, 'smtpd', p, `disconnect from ${client} ehlo=1 mail=1 rcpt=1 data=0/1 quit=1 commands=4/5`);
    });
  };

  /** The first messages have one recipient each, of every fate in turn: a small log holds each of them too. */
  const FIRST_FATES: readonly Fate[] = ['too-long', 'softbounce', 'gave-up-early', 'too-fast', 'ok-defer', 'defer-bounce', 'bounce'];
  let made = 0;
  const message = (t0: number) => {
    const id = qid();
    const viaPickup = r.next() < 0.1;
    const sender = `${r.pick(SENDERS)}@${OUR_DOMAIN}`;
    const forced = made < FIRST_FATES.length ? FIRST_FATES[made] : null;
    made++;
    const n = forced ? 1 : r.weighted([[1, 70], [r.int(2, 5), 25], [r.int(10, 20), 5]] as const);
    const late = t0 > end - 8 * HOUR;
    const m: Message = { id, t0, sender, rcpts: [], pending: 0, expireAt: null, lastFinal: t0 };
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      let fate = forced ?? r.weighted<Fate>([['sent', 860], ['ok-defer', 50], ['too-fast', 10], ['bounce', 40], ['defer-bounce', 10], ['too-long', 6], ['gave-up-early', 2], ['softbounce', 2], ['stuck', 0]]);
      if (MESSAGE_FATES.has(fate) && n > 1) fate = 'sent';
      // Near the end only fates that settle in time, or deferrals the end cuts (still queued).
      if (late && fate !== 'sent' && fate !== 'bounce') fate = t0 > end - 3 * HOUR ? 'stuck' : 'sent';
      if (t0 > end - 3 * HOUR && r.next() < 0.3) fate = 'stuck';
      if ((fate === 'too-long' || fate === 'softbounce') && t0 + QUEUE_LIFETIME + HOUR > end) fate = 'sent';
      const from = poolOf[fate];
      const { domain, mx, address } = from ? r.pick(from) : (({ domain: d, mx: x }) => ({ domain: d, mx: x, address: `${r.pick(FIRST_NAMES)}.${r.int(1, 30000)}@${d}` }))(domainFor(r));
      if (seen.has(address)) continue;
      seen.add(address);
      const first = t0 + r.int(1, 4) * 1000;
      const { steps, expireAt } = attemptsFor(fate, first, mx, r);
      if (expireAt !== null) m.expireAt = expireAt;
      m.rcpts.push({ address, domain, mx, fate, steps, attempts: 0, deferrals: 0, firstAttempt: Infinity, lastAttempt: -Infinity, lastReply: null, done: false });
    }
    m.pending = m.rcpts.length;
    const client = r.pick(CLIENTS);
    const p = pid(1000);
    heap.push(t0, () => {
      if (viaPickup) {
        write(t0, 'pickup', pid(6000), `${id}: uid=1000 from=<${sender.split('@')[0]}>`);
      } else {
        write(t0, 'smtpd', p, `connect from ${client}`);
        write(t0, 'smtpd', p, `${id}: client=${client}`);
      }
      truth.receivedLines++;
      truth.messages++;
      day(t0).received++;
      write(t0, 'cleanup', pid(2000), `${id}: message-id=<${dayOf(t0).replace(/-/g, '')}.${id}@${OUR_DOMAIN}>`);
      write(t0, 'qmgr', 1003, `${id}: from=<${sender}>, size=${r.int(2000, 90000)}, nrcpt=${m.rcpts.length} (queue active)`);
      if (!viaPickup) write(t0 + 1000, 'smtpd', p, `disconnect from ${client} ehlo=1 mail=1 rcpt=${m.rcpts.length} data=1 quit=1 commands=${m.rcpts.length + 4}`);
      for (const rc of m.rcpts) heap.push(rc.steps[0].t, () => attempt(m, rc, 0));
      if (m.expireAt !== null) heap.push(m.expireAt, () => expire(m));
    });
    return m;
  };

  const gap = arrivals / o.messages;
  const second = (t: number) => Math.floor(t / 1000) * 1000;
  for (let i = 0; i < o.messages; i++) {
    // Whole seconds, as syslog writes them: the truth's times are the log's.
    const t = second(start + i * gap + r.next() * gap);
    while (heap.size && heap.peek() <= t) heap.pop()();
    live.add(message(t));
    if (i === 0 || r.next() < 0.08) reject(second(t + r.next() * gap));
    if (i === 0 || r.next() < 0.003) cleanupReject(second(t + r.next() * gap));
  }
  while (heap.size && heap.peek() <= end) heap.pop()();
  // What the end cut is still queued: deferred.
  for (const m of live) {
    for (const rc of m.rcpts) {
      if (rc.done || rc.attempts === 0) continue;
      truth.recipients.deferred++;
      dom(rc.domain).deferred++;
      failed(rc, 'deferred', rc.lastReply?.reason ?? 'unknown');
      verdict(rc);
    }
  }
  flush();
  fs.closeSync(fd);
  fs.utimesSync(o.out, new Date(end), new Date(end));
  truth.lines = lines;
  truth.bytes = bytes;
  truth.period = { first: isoTime(firstT), last: isoTime(lastT) };
  return truth;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
  };
  const out = opt('--out', 'bench/out/postfix.log');
  const t0 = Date.now();
  const truth = generatePostfixLog({ messages: Number(opt('--messages', '100000')), out, seed: Number(opt('--seed', '20261228')) });
  fs.writeFileSync(`${out}.truth.json`, JSON.stringify(truth, null, 1));
  console.log(`${out}: ${truth.lines.toLocaleString('en-US')} lines, ${(truth.bytes / 1e6).toFixed(1)} MB, ${truth.messages.toLocaleString('en-US')} messages, in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
