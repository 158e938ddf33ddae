/*
 * Source of the four TextMate grammars in this folder. The *.tmLanguage.json files are generated from this file:
 *
 *   npx tsx syntaxes/build.ts           write the JSON files
 *   npx tsx syntaxes/build.ts --check   exit 1 if they are out of date (run by `npm run test:grammar`)
 *
 * Why a generator: the same fragments (timestamps, reply codes split by class, enhanced codes, transcript markers)
 * appear in many rules of three grammars, and every rule needs its capture groups numbered. Composing them here keeps
 * one definition of each fragment and numbers the captures automatically; the JSON stays plain TextMate.
 *
 * Performance (measured with bench/grammar-bench.ts on vscode-textmate + vscode-oniguruma, as VS Code runs them):
 * - A regex that fails still costs a search of the rest of the line, and Oniguruma does not use `^` to skip that
 *   search; `$` as an end pattern costs a full search too. `\G` fails at once, and `\n\Z` (end of the line, newline
 *   included) is found without searching. Hence the mail-log shape described at its section below: every line is
 *   matched by a `\G` head, and only the field rules of that head's MTA search the rest of the line.
 * - Each field rule is a separate regex starting with a literal (`said:`, `status=`, `dsn=`): one alternation of the
 *   same rules was tried at every position and measured 20 times slower.
 * - No nested quantifiers, no alternations whose branches can match the same text, possessive quantifiers or atomic
 *   groups where nothing needs to be given back: tokenizing a 20,000-character line stays linear and fast.
 * - SMTP transcripts are short files; their grammar keeps plain `^`-anchored line rules and three begin/end blocks
 *   (the AUTH exchange, the DATA message and its body).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------------------------
// Scope names: standard roots that every theme colours, a `smtp-lens` segment, then the role. A token that has a
// class (a reply code, an enhanced code, an outcome word, an Exim flag) carries two scopes: its role (outer) and its
// class (inner). The inner one decides the colour, so recolouring a class recolours every token of that class.
// ---------------------------------------------------------------------------------------------------------------
export const CLASS = {
  success: 'markup.inserted.smtp-lens.success',
  intermediate: 'support.function.smtp-lens.intermediate',
  transient: 'markup.changed.smtp-lens.transient',
  permanent: 'invalid.illegal.smtp-lens.permanent',
} as const;
type ClassName = keyof typeof CLASS;

export const ROLE = {
  replyCode: 'constant.numeric.smtp-lens.reply-code',
  enhancedCode: 'constant.numeric.smtp-lens.enhanced-code',
  continuation: 'punctuation.separator.smtp-lens.continuation',
  lastLine: 'punctuation.separator.smtp-lens.last-line',
  status: 'constant.language.smtp-lens.status',
  command: 'keyword.control.smtp-lens.command',
  event: 'keyword.control.smtp-lens.event',
  extension: 'entity.name.type.smtp-lens.extension',
  authMechanism: 'support.constant.smtp-lens.auth-mechanism',
  base64: 'string.other.smtp-lens.base64',
  parameter: 'variable.parameter.smtp-lens.parameter',
  parameterValue: 'constant.other.smtp-lens.parameter-value',
  address: 'variable.other.smtp-lens.address',
  timestamp: 'comment.smtp-lens.timestamp',
  logPrefix: 'comment.smtp-lens.log-prefix',
  comment: 'comment.line.smtp-lens',
  info: 'comment.line.smtp-lens.info',
  error: 'markup.deleted.smtp-lens.error',
  redacted: 'comment.block.smtp-lens.redacted',
  host: 'entity.name.label.smtp-lens.host',
  program: 'entity.name.function.smtp-lens.program',
  pid: 'constant.numeric.smtp-lens.pid',
  queueId: 'constant.other.smtp-lens.queue-id',
  key: 'entity.name.label.smtp-lens.key',
  value: 'entity.name.label.smtp-lens.value',
  number: 'constant.numeric.smtp-lens.number',
  flag: 'keyword.operator.smtp-lens.flag',
  clientMarker: 'punctuation.definition.smtp-lens.client',
  serverMarker: 'punctuation.definition.smtp-lens.server',
  serverErrorMarker: 'punctuation.definition.smtp-lens.server-error',
  escape: 'constant.character.escape.smtp-lens',
  headerName: 'support.type.property-name.smtp-lens.header-name',
  messageBody: 'markup.raw.smtp-lens.message-body',
  endOfData: 'keyword.control.smtp-lens.end-of-data',
} as const;

const both = (role: string, cls: ClassName): string => `${role} ${CLASS[cls]}`;

// ---------------------------------------------------------------------------------------------------------------
// Regex composition. A fragment is regex source plus the scopes of its capture groups, in order. Literal template
// text must not contain capturing groups (checked), so numbering can never drift.
// ---------------------------------------------------------------------------------------------------------------
interface Capture { name?: string; patterns?: Rule[] }
interface Rx { src: string; caps: Capture[] }
type Part = Rx | string;

function countCaptures(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; if (src[i + 1] === ']') i++; continue; }
    if (c === '(' && src[i + 1] !== '?') n++;
  }
  return n;
}

function lit(src: string): Rx {
  if (typeof src !== 'string') throw new Error('lit() takes regex source text');
  if (countCaptures(src) !== 0) throw new Error(`capturing group in literal fragment: ${src}`);
  return { src, caps: [] };
}
const toRx = (p: Part): Rx => (typeof p === 'string' ? lit(p) : p);

/** Tagged template: raw text (backslashes kept) interleaved with fragments. */
function r(strings: TemplateStringsArray, ...parts: Part[]): Rx {
  const out: Rx = { src: '', caps: [] };
  strings.raw.forEach((s, i) => {
    const l = lit(s);
    out.src += l.src;
    if (i < parts.length) {
      const p = toRx(parts[i]);
      out.src += p.src;
      out.caps.push(...p.caps);
    }
  });
  return out;
}
function cap(scope: string | Capture | undefined, inner: Part): Rx {
  const i = toRx(inner);
  const c: Capture = typeof scope === 'string' ? { name: scope } : scope ?? {};
  return { src: `(${i.src})`, caps: [c, ...i.caps] };
}
function alt(...parts: Part[]): Rx {
  const xs = parts.map(toRx);
  return { src: `(?:${xs.map((x) => x.src).join('|')})`, caps: xs.flatMap((x) => x.caps) };
}
const opt = (p: Part): Rx => { const x = toRx(p); return { src: `(?:${x.src})?`, caps: x.caps }; };

interface Rule {
  comment?: string; name?: string; contentName?: string;
  match?: string; captures?: Record<string, Capture>;
  begin?: string; beginCaptures?: Record<string, Capture>;
  end?: string; endCaptures?: Record<string, Capture>;
  patterns?: Rule[]; include?: string;
}
function captures(rx: Rx): Record<string, Capture> {
  const out: Record<string, Capture> = {};
  rx.caps.forEach((c, i) => { if (c.name || c.patterns) out[String(i + 1)] = c; });
  return out;
}
function match(comment: string, rx: Rx, name?: string): Rule {
  return { comment, ...(name ? { name } : {}), match: rx.src, captures: captures(rx) };
}
const include = (key: string): Rule => ({ include: `#${key}` });

// ---------------------------------------------------------------------------------------------------------------
// Shared fragments: reply codes and enhanced status codes, coloured by their first digit.
// ---------------------------------------------------------------------------------------------------------------
/** A 3-digit reply code, split by class; not part of a longer number or a dotted version. */
const CODE = (): Rx => r`${alt(
  cap(both(ROLE.replyCode, 'success'), '2[0-9][0-9]'),
  cap(both(ROLE.replyCode, 'intermediate'), '3[0-9][0-9]'),
  cap(both(ROLE.replyCode, 'transient'), '4[0-9][0-9]'),
  cap(both(ROLE.replyCode, 'permanent'), '5[0-9][0-9]'),
)}(?![\w.])`;
/** RFC 3463 enhanced status code (class.subject.detail); the lookarounds keep IPv4 addresses out. */
const ENH = (role: string = ROLE.enhancedCode): Rx => r`(?<![\w.])${alt(
  cap(both(role, 'success'), r`2\.[0-9]{1,3}\.[0-9]{1,3}`),
  cap(both(role, 'transient'), r`4\.[0-9]{1,3}\.[0-9]{1,3}`),
  cap(both(role, 'permanent'), r`5\.[0-9]{1,3}\.[0-9]{1,3}`),
)}(?![\w.])`;
/** `-` continues a multi-line reply, a space marks its last line. */
const SEP = (): Rx => alt(cap(ROLE.continuation, '-'), cap(ROLE.lastLine, ' '));
/** A reply as logs quote it: code, optionally followed by an enhanced code; or an enhanced code alone. */
const REPLY = (): Rx => alt(r`${CODE()}${opt(r`${SEP()}${ENH()}`)}`, ENH());
/**
 * Code and enhanced code whose classes agree (`550 5.1.1`, `421-4.7.0`): unambiguous anywhere in a line, which
 * catches the continuation lines Postfix flattens into one record (`said: 550-5.7.1 ... 550-5.7.1 ...`).
 */
const PAIRED_REPLY = (): Rx => r`(?<![0-9.])${alt(
  r`${cap(both(ROLE.replyCode, 'success'), '2[0-9][0-9]')}${SEP()}${cap(both(ROLE.enhancedCode, 'success'), r`2\.[0-9]{1,3}\.[0-9]{1,3}`)}`,
  r`${cap(both(ROLE.replyCode, 'transient'), '4[0-9][0-9]')}${SEP()}${cap(both(ROLE.enhancedCode, 'transient'), r`4\.[0-9]{1,3}\.[0-9]{1,3}`)}`,
  r`${cap(both(ROLE.replyCode, 'permanent'), '5[0-9][0-9]')}${SEP()}${cap(both(ROLE.enhancedCode, 'permanent'), r`5\.[0-9]{1,3}\.[0-9]{1,3}`)}`,
)}(?![\w.])`;

const ADDRESS = r`<[^<>\s]*+>`;

// Postfix's status= values by outcome. 'expired' means the message was returned to its sender: permanent.
const POSTFIX_STATUS = (): Rx => alt(
  cap(both(ROLE.status, 'success'), 'sent|deliverable'),
  cap(both(ROLE.status, 'transient'), 'deferred|SOFTBOUNCE'),
  cap(both(ROLE.status, 'permanent'), 'bounced|expired|undeliverable(?:-but-not-cached)?'),
);
// ---------------------------------------------------------------------------------------------------------------
// mail-log
//
// Shape, chosen for speed (see bench/grammar-bench.ts and the notes at the top of this file):
// - `document` opens on the first line and spans the file. Because its begin consumed a whole line, newline included,
//   vscode-textmate anchors `\G` at column 0 of every later line, so each head below starts with `\G` and fails in one
//   step when it does not fit. (The first line itself goes through the begin's captures, with `\A` heads.)
// - One head per kind of line: Exim arrivals, deliveries, failures, Exim through syslog, other Exim lines, Postfix
//   deliveries, rejects, other Postfix lines, Sendmail, any other syslog program, a line without a head. (Oniguruma
//   tries every regex of a scanner, so each head is written to fail within its first few characters.) A head that leaves
//   fields to colour opens a context for the rest of its line with only its MTA's field rules; it ends at `\n\Z`,
//   which consumes the newline so that nothing runs after it.
// - Inside a line nothing may match "\n" (every negated class excludes it, checked at build time): a context that
//   swallowed the newline would leak into the next line. The corpus test checks that every line ends in the same state.
// ---------------------------------------------------------------------------------------------------------------
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TS_BSD = r`${MONTH}[ \t]{1,2}[0-9]{1,2}[ \t][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?`;
const TS_ISO = r`[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?(?:Z|[ \t]?[+-][0-9]{2}:?[0-9]{2}(?![0-9]))?`;
const EXIM_ID = '[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}';
const SP = '[ \\t]++';
const LOG_ADDRESS = r`<[^<>\s]*+>|[^,;\s<>]++`;
const LINE_END = r`\n\Z`;

/** Syslog head up to "prog[pid]:" for the given program names. */
const SYSLOG_HEAD = (program: Part): Rx => r`\G(?>${cap(ROLE.timestamp, alt(TS_BSD, TS_ISO))}[ \t]++(?:(?!${EXIM_ID}[ \t])${cap(ROLE.host, r`[\w.-]+|[0-9A-Fa-f:.]+`)}(?=[ \t])[ \t]++)?)${cap(ROLE.program, program)}${opt(r`\[${cap(ROLE.pid, '[0-9]+')}\]`)}:(?=[ \t]|$)`;
/** Postfix and Sendmail put a queue id (or NOQUEUE) and a colon first. */
const QUEUE_ID = (): Rx => opt(r`${SP}${cap(ROLE.queueId, r`(?=[A-Za-z]{0,23}[0-9])(?>[0-9A-Za-z]{5,24})|NOQUEUE`)}:(?=[ \t]|$)`);

const POSTFIX_DELIVERY = (): Rx => r`${cap(ROLE.key, 'to=')}${cap(ROLE.address, LOG_ADDRESS)},${opt(r`${SP}${cap(ROLE.key, 'orig_to=')}${cap(ROLE.address, LOG_ADDRESS)},`)}${SP}${cap(ROLE.key, 'relay=')}${cap(ROLE.host, r`[^,\s]++`)},${opt(r`${SP}${cap(ROLE.key, 'conn_use=')}${cap(ROLE.number, '[0-9]+')},?`)}${SP}${cap(ROLE.key, 'delay=')}${cap(ROLE.number, r`[0-9.]+`)},${opt(r`${SP}${cap(ROLE.key, 'delays=')}${cap(ROLE.number, r`[0-9./]+`)},`)}${opt(r`${SP}${cap(ROLE.key, 'tls=')}[^,\s]+,`)}${opt(r`${SP}${cap(ROLE.key, 'dsn=')}${ENH()},`)}${SP}${cap(ROLE.key, 'status=')}${POSTFIX_STATUS()}(?![\w-])`;
const POSTFIX_REJECT = (): Rx => r`${cap(ROLE.event, r`(?:milter-|proxy-)?reject(?:_warning)?|discard|hold`)}:${SP}(?:${cap(ROLE.command, '[A-Z][A-Z-]{2,}(?: [A-Z]+)?')}(?:${SP}from${SP}[^\s\[]*\[[^\]\s]*\](?::[0-9]+)?)?:${SP})?${opt(REPLY())}`;
const POSTFIX_QUEUED = (): Rx => r`${cap(ROLE.key, 'from=')}${cap(ROLE.address, LOG_ADDRESS)}${opt(r`,${SP}${cap(ROLE.key, 'status=')}${POSTFIX_STATUS()}(?![\w-])`)}`;

const SENDMAIL_STAT = (): Rx => r`${cap(ROLE.key, 'stat=')}${alt(
  cap(both(ROLE.status, 'success'), r`Sent\b`),
  cap(both(ROLE.status, 'transient'), r`Deferred\b|queued\b`),
  cap(both(ROLE.status, 'permanent'), r`[A-Za-z][^,:(\n]*`),
)}`;

// Field rules used after a line's head. Each is its own regex and starts with a literal where it can: Oniguruma finds
// a literal quickly, while an alternation of such rules would be tried at every position (measured 20x slower).
const F = {
  said: (): Rule => match('A reply quoted after "host … said:" (Postfix; also "server … said:" for SASL).', r`\bsaid:${SP}${REPLY()}`),
  paired: (): Rule => match('A code and an enhanced code of the same class: the continuation lines Postfix flattens.', PAIRED_REPLY()),
  inReplyTo: (): Rule => match('Postfix: "(in reply to RCPT TO command)" names the command the reply answered.',
    r`\(in reply to ${cap(ROLE.command, r`[\w/ -]{1,40}?`)} command\)`),
  addresses: (keys: string): Rule => match(`Envelope addresses: ${keys.split('|').join('=, ')}=.`,
    r`\b${cap(ROLE.key, `(?:${keys})=`)}${cap(ROLE.address, LOG_ADDRESS)}`),
  status: (): Rule => match('Postfix status=, the outcome of one delivery attempt.', r`\b${cap(ROLE.key, 'status=')}${POSTFIX_STATUS()}(?![\w-])`),
  dsn: (): Rule => match('dsn=X.Y.Z, the enhanced status code of the outcome.', r`\b${cap(ROLE.key, 'dsn=')}${ENH()}`),
  relay: (): Rule => match('relay=, the host a message went to.', r`\b${cap(ROLE.key, 'relay=')}${cap(ROLE.host, r`[^,\s]++`)}`),
  delays: (): Rule => match('delay=, xdelay=, delays=.', r`\b${cap(ROLE.key, '(?:x?delays?)=')}${cap(ROLE.number, r`[0-9][0-9.:+/]*`)}`),
  afterParen: (): Rule => match('A reply opening a parenthesis: Postfix "status=sent (250 2.0.0 Ok: queued as …)".',
    r`\(${REPLY()}`),
  afterColon: (): Rule => match('A reply right after a colon: "qmail-smtpd: 421 …", Exim "…]: 535 …", Sendmail "stat=Deferred: 451 …".',
    r`:${SP}${REPLY()}`),
  stat: (): Rule => match('Sendmail stat=: Sent, Deferred or queued, anything else failed and was returned.', SENDMAIL_STAT()),
  sendmailReject: (): Rule => match('Sendmail reject=550 5.7.1 …', r`\b${cap(ROLE.key, 'reject=')}${REPLY()}`),
  eximHost: (): Rule => match('Exim H=, the remote host.', r`\b${cap(ROLE.key, 'H=')}${cap(ROLE.value, r`[^\s\[]++`)}`),
  eximHostOrSender: (): Rule => match('Exim H= (remote host) and F= (envelope sender).',
    r`\b${alt(r`${cap(ROLE.key, 'H=')}${cap(ROLE.value, r`[^\s\[]++`)}`, r`${cap(ROLE.key, 'F=')}${cap(ROLE.address, LOG_ADDRESS)}`)}`),
  eximConfirmation: (): Rule => match('Exim C="250 OK id=…", the remote server\'s reply to the end of the message.',
    r`\b${cap(ROLE.key, 'C=')}"${opt(r`${CODE()}${opt(r`${SEP()}${ENH()}`)}`)}`),
  eximSmtpError: (): Rule => match('Exim: "SMTP error from remote mail server after <command>: [host <name> [<ip>]: ]<reply>".',
    r`\bSMTP error from remote (?:mail )?server after (?:[A-Za-z ]{1,40}:<[^<>\n]*>[^:<>\n]{0,200}|[^:<>\n]{1,200}):${SP}(?:host${SP}\S+${SP}\[[^\]\s]*\]:${SP})?${REPLY()}`),
};

/** A line rule: a `\G` head that identifies the record, then only the field rules that can follow it. */
const lineRule = (comment: string, head: Rx, fields: Rule[]): Rule =>
  beginEnd(comment, head, LINE_END, { patterns: fields });

const POSTFIX_PROGRAM = r`postfix[\w.-]*/[\w./-]+|postfix`;
const TS_EXIM = r`[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{3})?(?: [+-][0-9]{4})?`;
/**
 * Exim's own log: ISO date, a space, the time. A syslog head with the same date style ("2024-03-21 19:26:06 host
 * postfix/smtp[1]:") is refused, and left to the syslog rules (Exim through syslog has its own rule, exim-syslog).
 */
const EXIM_HEAD = (): Rx => alt(
  r`\G${cap(ROLE.timestamp, TS_EXIM)}(?![ \t]+(?!${EXIM_ID}[ \t])[\w.-]+[ \t]+[\w][\w./@-]*(?:\[[0-9]+\])?:[ \t])${opt(r`${SP}\[${cap(ROLE.pid, '[0-9]+')}\]`)}`,
);
/** Exim id, flag and address, then the fields Exim writes next in its fixed order (each optional). */
const EXIM_DELIVERY = (flags: Rx): Rx => r`${SP}${cap(ROLE.queueId, EXIM_ID)}${SP}${flags}(?=[ \t]|$)${opt(r`${SP}${cap(ROLE.address, r`[^\s<>]+`)}`)}${opt(r`${SP}${cap(ROLE.address, r`<[^<>\s]*>`)}`)}${opt(r`${SP}${cap(ROLE.key, 'F=')}${cap(ROLE.address, r`<[^<>\s]*>`)}`)}${opt(r`${SP}${cap(ROLE.key, 'P=')}${cap(ROLE.address, r`<[^<>\s]*>`)}`)}${opt(r`${SP}${cap(ROLE.key, 'R=')}${cap(ROLE.value, r`[^\s]++`)}`)}${opt(r`${SP}${cap(ROLE.key, 'T=')}${cap(ROLE.value, r`[^\s]++`)}`)}${opt(r`${SP}S=[0-9]++`)}${opt(r`${SP}${cap(ROLE.key, 'H=')}${cap(ROLE.value, r`[^\s\[]++`)}`)}`;


// Every head that leaves fields to colour opens a context: inside it only that context's field rules are searched.
// (Back in the document's own rule list, each head would be searched again, in its \G-less form, over the rest of
// the line: measured at a third of the total time.)
const LINE_HEADS: Record<string, Rule> = {
  'exim-arrival': match('Exim arrival (<=) or "Completed": nothing SMTP-specific follows, so the rule takes the whole line.',
    r`${EXIM_HEAD()}${SP}${cap(ROLE.queueId, EXIM_ID)}${SP}${alt(cap(ROLE.flag, r`<=|\(=`), cap(ROLE.event, 'Completed'))}(?=[ \t]|$)${opt(r`${SP}${cap(ROLE.address, r`[^\s<>]++`)}`)}[^\n]*+`),
  'exim-delivered': lineRule('Exim delivery: id, => or -> (or *> >>), address, F= P= R= T= H=; then C="250 …".',
    r`${EXIM_HEAD()}${EXIM_DELIVERY(alt(cap(both(ROLE.flag, 'success'), '=>|->'), cap(ROLE.flag, r`\*>|>>`)))}`,
    [F.eximConfirmation(), F.eximHost()]),
  'exim-failed': lineRule('Exim failure: ** (permanent) or == (deferred), address, R= T= H=; then the SMTP error and its reply.',
    r`${EXIM_HEAD()}${EXIM_DELIVERY(alt(cap(both(ROLE.flag, 'permanent'), r`\*\*`), cap(both(ROLE.flag, 'transient'), '==')))}`,
    [F.eximSmtpError(), F.eximHost(), F.paired()]),
  'exim-syslog': lineRule('Exim through syslog ("exim[pid]: id => …"): the same record after a syslog head.',
    r`${SYSLOG_HEAD(r`exim[\w.-]*`)}${opt(EXIM_DELIVERY(alt(
      cap(both(ROLE.flag, 'success'), '=>|->'), cap(both(ROLE.flag, 'permanent'), r`\*\*`),
      cap(both(ROLE.flag, 'transient'), '=='), cap(ROLE.flag, r`<=|\*>|>>|\(=`), cap(ROLE.event, 'Completed'))))}`,
    [F.eximConfirmation(), F.eximSmtpError(), F.eximHostOrSender(), F.paired(), F.afterColon()]),
  'exim-other': lineRule('Any other Exim line: rejections, authenticator failures, SMTP errors.',
    r`${EXIM_HEAD()}${opt(r`${SP}${cap(ROLE.queueId, EXIM_ID)}`)}`,
    [F.eximSmtpError(), F.eximHostOrSender(), F.afterColon()]),
  'postfix-delivery': lineRule('Postfix delivery: to=, [orig_to=,] relay=, delay=, [delays=, dsn=,] status= (and the reply it quotes).',
    r`${SYSLOG_HEAD(POSTFIX_PROGRAM)}${QUEUE_ID()}${SP}${POSTFIX_DELIVERY()}`,
    [F.said(), F.afterParen(), F.paired(), F.inReplyTo()]),
  'postfix-reject': lineRule('Postfix smtpd/cleanup: "reject: RCPT from host[ip]: 550 5.1.1 …; from=<…> to=<…>".',
    r`${SYSLOG_HEAD(POSTFIX_PROGRAM)}${QUEUE_ID()}${SP}${POSTFIX_REJECT()}`,
    [F.said(), F.paired(), F.inReplyTo(), F.addresses('from|to')]),
  'postfix-other': lineRule('Any other Postfix line: a queue entry (from=), "host … said:", status=, dsn=.',
    r`${SYSLOG_HEAD(POSTFIX_PROGRAM)}${QUEUE_ID()}${opt(r`${SP}${POSTFIX_QUEUED()}`)}`,
    [F.said(), F.paired(), F.inReplyTo(), F.status(), F.dsn(), F.addresses('from|to')]),
  sendmail: lineRule('Sendmail: to=, from=, ctladdr=, delay=, relay=, dsn=, stat=, reject=.',
    r`${SYSLOG_HEAD(r`sendmail|sm-[\w-]+`)}${QUEUE_ID()}`,
    [F.addresses('from|to|ctladdr'), F.delays(), F.relay(), F.dsn(), F.stat(), F.sendmailReject(), F.afterColon()]),
  'syslog-other': lineRule('Any other program after a syslog head (qmail, Courier, Dovecot, amavis, …).',
    r`${SYSLOG_HEAD(r`[\w][\w./@-]*`)}${QUEUE_ID()}`,
    [F.said(), F.paired(), F.status(), F.dsn(), F.eximSmtpError(), F.afterColon()]),
  'bare-line': lineRule('A line without a recognised head (an excerpt, a continuation): a Postfix record, then any field.',
    // Never empty: at the end of the first line (where the document rule leaves \G) it must not open.
    r`\G(?=[^\n])${opt(r`${cap(ROLE.queueId, r`(?=[A-Za-z]{0,23}[0-9])(?>[0-9A-Za-z]{5,24})|NOQUEUE`)}:(?=[ \t]|$)[ \t]*`)}`,
    [match('A Postfix record right after the queue id.', r`\G${alt(POSTFIX_DELIVERY(), POSTFIX_REJECT(), POSTFIX_QUEUED())}`),
      F.said(), F.eximSmtpError(), F.paired(), F.inReplyTo(), F.status(), F.dsn(), F.stat(), F.sendmailReject(), F.afterParen(),
      F.afterColon(), F.addresses('from|to|orig_to')]),
};

/** The same head rules for the first line, where `\A` stands in for `\G` (see `document`). */
function firstLine(rule: Rule): Rule {
  const swap = (src?: string): string | undefined => src?.replace(/\\G/g, '\\A');
  return { ...rule, ...(rule.match ? { match: swap(rule.match) } : {}), ...(rule.begin ? { begin: swap(rule.begin) } : {}) };
}

const mailLog = {
  name: 'Mail Log',
  scopeName: 'text.mail-log',
  comment: 'Generated by syntaxes/build.ts. Postfix, Exim, Sendmail and other MTA logs: the outcome of each delivery coloured by class.',
  patterns: [include('document')],
  repository: {
    document: {
      comment: 'Opens on the whole first line, newline included: vscode-textmate then anchors \\G at column 0 of every later line (a begin that captured the end of line), so the heads below start with \\G. The first line itself is tokenized by the capture\'s patterns, whose heads use \\A. The end never matches (U+FFFF is a noncharacter).',
      begin: r`\A[^\n]*+\n`.src,
      beginCaptures: { 0: { patterns: Object.keys(LINE_HEADS).map((k) => include(`first-line-${k}`)) } },
      end: r`\x{FFFF}`.src,
      patterns: Object.keys(LINE_HEADS).map(include),
    },
    ...LINE_HEADS,
    ...Object.fromEntries(Object.entries(LINE_HEADS).map(([k, v]) => [`first-line-${k}`, firstLine(v)])),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Injection into VS Code's built-in `log` language: only the contexts that cannot be anything but SMTP.
// ---------------------------------------------------------------------------------------------------------------
const injection = {
  scopeName: 'text.log.smtp-lens.injection',
  comment: 'Generated by syntaxes/build.ts. Colours SMTP replies in .log files only where the context is unambiguous.',
  injectionSelector: 'L:text.log',
  patterns: ['said', 'status', 'dsn', 'exim-smtp-error'].map(include),
  repository: {
    said: F.said(),
    status: F.status(),
    dsn: F.dsn(),
    'exim-smtp-error': F.eximSmtpError(),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// smtp-transcript
// ---------------------------------------------------------------------------------------------------------------
// A line is [prefix] [marker] payload. Whether the payload is a reply or a command is decided by its content, not by
// the marker, because tools disagree on which arrow means "sent".
const T_TIME = r`\[?[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(?:[.,][0-9]+)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?\]?|[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?`;
const T_LEVEL = r`(?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL)\s+(?:\[[#\w-]+\]\s+){0,2}`;
/** Optional timestamp (ISO, or smtplib's debuglevel-2 time), then nodemailer's "LEVEL [#cid] [sid]". */
const T_PREFIX = (): Rx => r`^${opt(r`${cap(ROLE.timestamp, T_TIME)}\s+`)}${opt(cap(ROLE.logPrefix, T_LEVEL))}`;
const CLIENT_MARKERS = r`C:|>>>|->|~>|send:\s+b?'`;
const SERVER_MARKERS = r`S:|<<<|<-|<~|reply:\s+b?'`;
const SERVER_ERROR_MARKERS = r`<~\*|<\*\*`;
/** Any marker, scoped by direction; swaks puts one space before its client arrows. */
const T_MARKER_REQ = (server = SERVER_MARKERS): Rx => r` ?${alt(
  cap(ROLE.serverErrorMarker, SERVER_ERROR_MARKERS),
  cap(ROLE.clientMarker, CLIENT_MARKERS),
  cap(ROLE.serverMarker, server),
)}\s*`;
const T_MARKER = (): Rx => opt(T_MARKER_REQ());
const T_CLIENT_MARKER = (): Rx => opt(r` ?${cap(ROLE.clientMarker, CLIENT_MARKERS)}\s*`);
/** End of a reply code: `-`, a space, or the end of the payload (a bare "250", or smtplib's "\r\n'"). */
const T_REPLY_END = r`(?:[ -]|$|\\r|')`;
const T_REPLY_HEAD = (): Rx => r`${CODE()}${alt(SEP(), r`(?=$|\\r|')`)}${opt(ENH())}`;

/** The same regex with its groups made non-capturing, for use inside a lookahead. */
function noCaps(p: Part): string {
  const src = toRx(p).src;
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { out += c + src[i + 1]; i++; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; if (src[i + 1] === ']') { out += ']'; i++; } continue; }
    out += c === '(' && src[i + 1] !== '?' ? '(?:' : c;
  }
  return out;
}

const EHLO_KEYWORDS = [
  '8BITMIME', 'ATRN', 'AUTH', 'BINARYMIME', 'BURL', 'CHECKPOINT', 'CHUNKING', 'CONNEG', 'CONPERM', 'DELIVERBY', 'DSN',
  'ENHANCEDSTATUSCODES', 'ETRN', 'EXPN', 'FUTURERELEASE', 'HELP', 'LIMITS', 'MT-PRIORITY', 'MTRK', 'NO-SOLICITING',
  'ONEX', 'PIPELINING', 'PRDR', 'REQUIRETLS', 'RRVS', 'SIZE', 'SMTPUTF8', 'STARTTLS', 'SUBMITTER', 'TURN', 'VERB',
  'VRFY', 'X-EXPS', 'X-LINK2STATE', 'XCLIENT', 'XEXCH50', 'XFORWARD', 'XRCPTFORWARD', 'XUSR',
].sort((a, b) => b.length - a.length);
const AUTH_MECHANISM = r`[A-Za-z0-9_-]++`;
const BASE64 = r`(?>[A-Za-z0-9+/]{2,})={0,2}|=`;
const ARG_END = r`(?=\s|$|\\r|')`;

const esmtpParameters: Rule = match(
  'ESMTP parameters of MAIL FROM and RCPT TO (SIZE=, BODY=, SMTPUTF8, NOTIFY=, RET=, ENVID=, ORCPT=, …).',
  r`(?<=\s)${cap(ROLE.parameter, r`[A-Za-z][A-Za-z0-9-]*+`)}(?:=${cap(ROLE.parameterValue, r`[^\s'\\]*+`)}|${ARG_END})`,
);
const authMechanisms: Rule = match('AUTH mechanisms advertised after EHLO.', r`\b${cap(ROLE.authMechanism, AUTH_MECHANISM)}`);

const challenge334 = (): Rx => r`${T_PREFIX()}${T_MARKER()}${cap(both(ROLE.replyCode, 'intermediate'), '334')}(?:${cap(ROLE.lastLine, ' ')}${opt(cap(ROLE.base64, BASE64))})?`;
/** A line with a server marker (or none) that carries a reply code: where a DATA or AUTH block must stop. */
const serverReplyAhead = (markers: Part, notCode = ''): string =>
  `^(?=${noCaps(T_PREFIX())}(?: ?(?:${toRx(SERVER_ERROR_MARKERS).src}|${toRx(markers).src})\\s*)?${notCode}[2-5][0-9][0-9]${toRx(T_REPLY_END).src})`;

function beginEnd(comment: string, begin: Rx, end: Rx, rest: Partial<Rule>): Rule {
  return {
    comment, begin: begin.src, beginCaptures: captures(begin), end: end.src, endCaptures: captures(end), ...rest,
  };
}

const transcript = {
  name: 'SMTP Transcript',
  scopeName: 'text.smtp-transcript',
  comment: 'Generated by syntaxes/build.ts. SMTP dialogues: C:/S:, <<</>>>, swaks, Python smtplib, nodemailer, raw.',
  patterns: [
    include('harness-lines'),
    include('data'),
    include('auth-exchange'),
    include('ehlo-keyword'),
    include('smtplib-summary'),
    include('reply'),
    include('command-hello'),
    include('command-mail-rcpt'),
    include('command-auth'),
    include('command-bdat'),
    include('command-argument'),
    include('command-simple'),
    include('marker-only'),
    include('escapes'),
  ],
  repository: {
    'harness-lines': match(
      'Tool chatter that is not wire data: swaks "===" info and "***" errors; Exim test scripts\' "****", "###", "???" expectations.',
      r`^${alt(
        cap(ROLE.info, r`===.*+`),
        cap(ROLE.error, r`\*\*\*(?!\*).*+`),
        cap(ROLE.comment, r`(?:\*\*\*\*|###|\?\?\?).*+`),
      )}`,
    ),
    reply: match('A server reply line: code coloured by class, "-" (more lines follow) or " " (last line), enhanced code.',
      r`${T_PREFIX()}${T_MARKER()}${T_REPLY_HEAD()}`),
    'ehlo-keyword': match(
      'A 250 line of the EHLO reply that advertises an extension: PIPELINING, SIZE 52428800, AUTH PLAIN LOGIN, …',
      r`${T_PREFIX()}${T_MARKER()}${cap(both(ROLE.replyCode, 'success'), '250')}${SEP()}${alt(
        r`${cap(ROLE.extension, 'AUTH')}[ =]${cap({ patterns: [authMechanisms] }, r`[^\\']*+`)}`,
        r`${cap(ROLE.extension, 'SIZE')}(?: ${cap(ROLE.number, '[0-9]+')})?`,
        cap(ROLE.extension, EHLO_KEYWORDS.join('|')),
      )}(?![\w-])`,
    ),
    'smtplib-summary': match(
      'Python smtplib: "reply: retcode (250); Msg: …" and "data: (354, …)".',
      r`^${opt(r`${cap(ROLE.timestamp, T_TIME)}\s+`)}${alt(
        r`${cap(ROLE.serverMarker, 'reply:')}\s+retcode \(${CODE()}\);`,
        r`${cap(ROLE.serverMarker, 'data:')}\s+\(${CODE()},`,
      )}`,
    ),
    'command-hello': match('EHLO, HELO, LHLO and the client\'s name.',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.command, '(?i:EHLO|HELO|LHLO)')}(?:\s+${cap(ROLE.host, r`[^\s'\\]+`)})?${ARG_END}`),
    'command-mail-rcpt': match('MAIL FROM:<…> and RCPT TO:<…> with their ESMTP parameters.',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.command, r`(?i:MAIL\s+FROM|RCPT\s+TO):`)}\s*${opt(cap(ROLE.address, ADDRESS))}${cap({ patterns: [esmtpParameters] }, r`[^\\']*+`)}`),
    'command-auth': match('AUTH <mechanism> [initial response].',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.command, '(?i:AUTH)')}\s+${cap(ROLE.authMechanism, AUTH_MECHANISM)}(?:\s+(?:${cap(ROLE.redacted, r`/\* secret \*/`)}|${cap(ROLE.base64, BASE64)}))?${ARG_END}`),
    'command-bdat': match('BDAT <size> [LAST].',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.command, '(?i:BDAT)')}\s+${cap(ROLE.number, '[0-9]+')}(?:\s+${cap(ROLE.parameter, '(?i:LAST)')})?${ARG_END}`),
    'command-argument': match('VRFY and EXPN with the name or address they ask about.',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.command, '(?i:VRFY|EXPN)')}\s+${cap(ROLE.address, r`[^\\']++`)}`),
    'command-simple': match('Commands without structured arguments.',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.command, '(?i:DATA|RSET|QUIT|NOOP|STARTTLS|HELP|TURN|ETRN|ATRN|XCLIENT|XFORWARD)')}${ARG_END}`),
    'marker-only': match('Any other line with a prefix or a marker: colour those and leave the rest plain.',
      alt(
        r`^${cap(ROLE.timestamp, T_TIME)}\s+${opt(cap(ROLE.logPrefix, T_LEVEL))}${T_MARKER()}`,
        r`^${cap(ROLE.logPrefix, T_LEVEL)}${T_MARKER()}`,
        r`^${T_MARKER_REQ()}`,
      )),
    escapes: match('smtplib shows CR LF as escapes.', cap(ROLE.escape, r`\\r\\n|\\n`)),
    'auth-exchange': beginEnd(
      'From a 334 challenge to the next reply that is not 334, client lines are base64 (or "*" to cancel).',
      challenge334(),
      r`${serverReplyAhead(SERVER_MARKERS, '(?!334)')}`,
      { patterns: [include('harness-lines'), include('auth-challenge'), include('auth-response'), include('marker-only'), include('escapes')] },
    ),
    'auth-challenge': match('A further 334 challenge.', challenge334()),
    'auth-response': match('The client\'s base64 answer, a redacted one (nodemailer), or "*" to cancel.',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}${alt(cap(ROLE.redacted, r`/\* secret \*/`), cap(ROLE.base64, r`[A-Za-z0-9+/]+={0,2}|\*`))}(?=\s*$|\\r|')`),
    // smtplib shows the whole message as one escaped "send:" line, so its "reply:" marker does not open a block.
    data: beginEnd(
      'The message: from the 354 reply to the lone "." (or, when a tool hides the message, to the next reply).',
      r`${T_PREFIX()}${opt(T_MARKER_REQ(r`S:|<<<|<-|<~`))}${cap(both(ROLE.replyCode, 'intermediate'), '354')}${alt(SEP(), '$')}.*+`,
      alt(
        r`${T_PREFIX()}${T_CLIENT_MARKER()}${cap(ROLE.endOfData, r`\.`)}(?=\s*$)`,
        serverReplyAhead(r`S:|<<<|<-|<~`),
      ),
      { patterns: [include('harness-lines'), include('message-body'), include('message-header'), include('marker-only')] },
    ),
    // The marker is atomic: "C: <412 bytes …>" must not read as a header named "C".
    'message-header': match('A header field name at the start of a line (folded lines continue the value).',
      r`${T_PREFIX()}(?>${T_CLIENT_MARKER()})${cap(ROLE.headerName, r`[A-Za-z][A-Za-z0-9-]*`)}:`),
    'message-body': beginEnd(
      'Everything after the blank line that ends the header section.',
      r`${T_PREFIX()}${T_CLIENT_MARKER()}$`,
      alt(
        `^(?=${noCaps(T_PREFIX())}${noCaps(T_CLIENT_MARKER())}\\.\\s*$)`,
        serverReplyAhead(r`S:|<<<|<-|<~`),
      ),
      { contentName: ROLE.messageBody, patterns: [include('harness-lines'), include('marker-only')] },
    ),
  },
};

// ---------------------------------------------------------------------------------------------------------------
// email: messages and bounces (.eml, .mbox). VS Code has no language of its own for them. Header field names, and the
// per-recipient fields of a delivery status report (RFC 3464) with their outcome coloured by class; in the text of a
// bounce, the replies its MTA quotes. Every rule is anchored at the start of a line or at a literal.
// ---------------------------------------------------------------------------------------------------------------
/** `rfc822;`, `smtp;`, `dns;`: the type that opens a DSN field's value. */
const DSN_TYPE = (): Rx => opt(r`${cap(ROLE.value, r`[\w-]++`)}[ 	]*+;[ 	]*+`);
const dsnField = (names: string): Rx => r`^${cap(ROLE.headerName, `(?i:${names})`)}:[ 	]*+`;

const email = {
  name: 'Email',
  scopeName: 'text.email.smtp-lens',
  comment: 'Generated by syntaxes/build.ts. Email messages and bounces: header fields, and the delivery status fields of a bounce (RFC 3464) coloured by class.',
  patterns: ['dsn-action', 'dsn-status', 'dsn-diagnostic-code', 'dsn-recipient', 'dsn-mta', 'header-field', 'folded-reply', 'said', 'exim-smtp-error', 'paired', 'in-reply-to'].map(include),
  repository: {
    'dsn-action': match('Action: failed is a permanent failure, delayed a transient one; delivered, relayed, expanded went through.',
      r`${dsnField('Action')}${alt(
        cap(both(ROLE.status, 'permanent'), '(?i:failed|undeliverable)'),
        cap(both(ROLE.status, 'transient'), '(?i:delayed)'),
        cap(both(ROLE.status, 'success'), '(?i:delivered|relayed|expanded|deliverable)'),
      )}(?![\w-])`),
    'dsn-status': match('Status: the recipient\'s enhanced status code.', r`${dsnField('Status')}${ENH()}`),
    'dsn-diagnostic-code': match('Diagnostic-Code: smtp; 550 5.1.1 …, the remote server\'s reply (X-Postfix; words of the MTA have no code).',
      r`${dsnField('Diagnostic-Code')}${DSN_TYPE()}${opt(REPLY())}`),
    'dsn-recipient': match('Final-Recipient, Original-Recipient, X-Failed-Recipients: the address the report is about.',
      r`${dsnField('Final-Recipient|Original-Recipient|X-Failed-Recipients')}${DSN_TYPE()}${cap(ROLE.address, r`[^\s;,]++`)}`),
    'dsn-mta': match('Remote-MTA, Reporting-MTA, Received-From-MTA: the host.',
      r`${dsnField('Remote-MTA|Reporting-MTA|Received-From-MTA')}${DSN_TYPE()}${cap(ROLE.host, r`[^\s;]++`)}`),
    'header-field': match('Any other header field: its name at the start of a line.', r`^${cap(ROLE.headerName, r`[!-9;-~]++`)}(?=:)`),
    'folded-reply': match('A reply on an indented line: a folded Diagnostic-Code, a bounce\'s quote of a multi-line reply.',
      r`^[ \t]++${REPLY()}(?=[ \t]|$)`),
    said: F.said(),
    'exim-smtp-error': F.eximSmtpError(),
    paired: F.paired(),
    'in-reply-to': F.inReplyTo(),
  },
};

// ---------------------------------------------------------------------------------------------------------------
export const GRAMMARS: Record<string, object> = {
  'mail-log.tmLanguage.json': mailLog,
  'smtp-transcript.tmLanguage.json': transcript,
  'smtp-log-injection.tmLanguage.json': injection,
  'email.tmLanguage.json': email,
};

/**
 * Inside a mail-log line nothing may consume the newline (see the mail-log comment): every negated class must
 * exclude it. Checked at build time so a new rule cannot break the line contexts silently.
 */
function checkNoNewlineLeak(grammar: object, file: string): void {
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'string' && /^(match|begin)$/.test(where.split('.').pop() ?? '')) {
      for (const cls of v.match(/\[\^(?:\\.|[^\]])*\]/g) ?? []) {
        if (!/\\[sn]/.test(cls)) throw new Error(`${file} ${where}: ${cls} can match a newline`);
      }
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
    }
  };
  walk(grammar, '');
}

export function render(file: string, grammar: object): string {
  if (file === 'mail-log.tmLanguage.json') checkNoNewlineLeak(grammar, file);
  if (JSON.stringify(grammar).includes('[object Object]')) throw new Error(`${file}: a fragment was interpolated as text`);
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, grammar] of Object.entries(GRAMMARS)) {
    const target = path.join(__dirname, file);
    const text = render(file, grammar);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current === text) continue;
    if (check) {
      console.error(`${file} is out of date: run npx tsx syntaxes/build.ts`);
      stale++;
    } else {
      fs.writeFileSync(target, text);
      console.log(`wrote syntaxes/${file}`);
    }
  }
  if (stale) process.exit(1);
}

if (require.main === module) main();
