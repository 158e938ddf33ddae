// The command line: a table of options and one small parser, so the usage text and the checks cannot drift apart.
import { parseTimeArg, type ReplyClass } from '../core';

export class UsageError extends Error {}

export type Command = 'explain' | 'scan' | 'report';

/** Classes from least to most severe; `unknown` (no code at all) ranks below them all. */
export const SEVERITY: Readonly<Record<ReplyClass, number>> = {
  unknown: -1, success: 0, intermediate: 1, transient: 2, permanent: 3,
};
const CLASS_NAMES = ['success', 'intermediate', 'transient', 'permanent'] as const;
export type ThresholdClass = (typeof CLASS_NAMES)[number];

export interface Options {
  command: Command | null;
  help: boolean;
  version: boolean;
  json: boolean;
  batch: boolean;
  markdown: boolean;
  summary: boolean;
  minClass: ThresholdClass | null;
  failOn: ThresholdClass | null;
  /** true/false when forced by --color/--no-color, null to decide from the terminal and NO_COLOR. */
  color: boolean | null;
  /** report: write the failed recipients as CSV. */
  csv: boolean;
  /** report: write a self-contained HTML page to this file. */
  html: string | null;
  /** report: only lines at or after / before this time (the log's wall-clock ms). */
  since: number | null;
  until: number | null;
  positionals: string[];
}

interface OptionSpec {
  /** Commands that accept it; empty means every command and none. */
  commands: Command[];
  value?: 'class' | 'file' | 'time';
  set(o: Options, value: string): void;
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  '--help': { commands: [], set: (o) => { o.help = true; } },
  '-h': { commands: [], set: (o) => { o.help = true; } },
  '--version': { commands: [], set: (o) => { o.version = true; } },
  '-V': { commands: [], set: (o) => { o.version = true; } },
  '--color': { commands: [], set: (o) => { o.color = true; } },
  '--colour': { commands: [], set: (o) => { o.color = true; } },
  '--no-color': { commands: [], set: (o) => { o.color = false; } },
  '--no-colour': { commands: [], set: (o) => { o.color = false; } },
  '--json': { commands: ['explain', 'scan', 'report'], set: (o) => { o.json = true; } },
  '--batch': { commands: ['explain'], set: (o) => { o.batch = true; } },
  '--markdown': { commands: ['explain', 'report'], set: (o) => { o.markdown = true; } },
  '--csv': { commands: ['report'], set: (o) => { o.csv = true; } },
  '--html': { commands: ['report'], value: 'file', set: (o, v) => { o.html = v; } },
  '--since': { commands: ['report'], value: 'time', set: (o, v) => { o.since = parseTimeArg(v); } },
  '--until': { commands: ['report'], value: 'time', set: (o, v) => { o.until = parseTimeArg(v); } },
  '--summary': { commands: ['scan'], set: (o) => { o.summary = true; } },
  '--min-class': { commands: ['scan'], value: 'class', set: (o, v) => { o.minClass = v as ThresholdClass; } },
  '--fail-on': { commands: ['scan'], value: 'class', set: (o, v) => { o.failOn = v as ThresholdClass; } },
};

export const USAGE = `smtp-lens — explains SMTP server replies in mail logs, SMTP transcripts and bounces

Usage:
  smtp-lens explain [--json | --markdown] TEXT...
  smtp-lens explain [--json] --batch < replies.txt
  smtp-lens scan [--json] [--summary] [--min-class CLASS] [--fail-on CLASS] [FILE... | -]
  smtp-lens report [--json | --csv | --markdown | --html FILE] [--since T] [--until T] [FILE... | -]
  smtp-lens --help | --version

Commands:
  explain   Explain one reply: the TEXT words joined by spaces, where the two characters \\n
            stand for a line break ('550-5.1.1 first line\\n550 5.1.1 second line').
            Without TEXT the reply is read from stdin.
  scan      Find the SMTP replies in mail logs, SMTP transcripts and bounces, and explain each
            one: file:line:column, code, class, reason, what to do. "-" reads stdin, as does
            no FILE when stdin is not a terminal.
  report    Follow each message through a mail log (Postfix, Exim, Sendmail, Exchange message
            tracking, Cisco/IronPort mail_logs) and report what became of its recipients:
            delivered, bounced, expired, still deferred; by domain, reason, provider and
            day; the failed recipients; and whether retries followed exponential backoff.
            Rotated logs: give them oldest first.

Options:
  --json               explain: the explanation as JSON; scan: one JSON object per line;
                       report: one JSON object (its fields are listed in the README)
  --batch              explain: one reply per stdin line (\\n inside it = line break); one
                       result per line, in the same order
  --markdown           explain: print the Markdown explanation (as the editor hover shows it);
                       report: the report as Markdown tables
  --summary            scan: counts by class and reason instead of each reply
  --csv                report: the failed recipients, one CSV row each (a suppression list)
  --html FILE          report: write a self-contained HTML page with charts to FILE
  --since T, --until T report: only lines from T on / before T; T is 2026-11-29,
                       2026-11-29T10:00 or '2026-11-29 10:00:05', in the log's own time
  --min-class CLASS    scan: report only replies of CLASS or more severe
  --fail-on CLASS      scan: exit 1 when a reported reply is of CLASS or more severe
  --color, --no-color  colours (default: when stdout is a terminal and NO_COLOR is unset)
  -h, --help           this help
  -V, --version        the version

  CLASS, least to most severe: success, intermediate, transient, permanent.

Exit codes:
  0  done (and no reported reply at or above --fail-on)
  1  a reported reply is at or above --fail-on
  2  usage error: unknown option or command, missing or wrong argument
  3  an input could not be read: missing file, directory, binary file (a NUL byte in
     its first 8 KB), read error; the other inputs are still scanned; 3 wins over 1
  4  internal error (a bug: please report it)

Input is UTF-8 (a byte-order mark is skipped; UTF-16 with a byte-order mark is decoded).
Invalid UTF-8 bytes are read as U+FFFD with one warning per file on stderr; that is not
an error. Lines longer than 16 Mi characters are cut, with a warning. When the reader of
the output goes away (smtp-lens scan big.log | head), smtp-lens stops quietly with exit 0.
`;

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    command: null, help: false, version: false, json: false, batch: false, markdown: false, summary: false,
    minClass: null, failOn: null, color: null, csv: false, html: null, since: null, until: null, positionals: [],
  };
  const used: string[] = [];
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      if (o.command === null && !onlyPositionals && arg === 'help') o.help = true;
      else if (o.command === null && !onlyPositionals) o.command = commandOf(arg);
      else o.positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = Object.prototype.hasOwnProperty.call(OPTIONS, name) ? OPTIONS[name] : undefined;
    if (!spec) throw new UsageError(`unknown option '${name}'`);
    let value = '';
    if (spec.value) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`option '${name}' needs a value: ${VALUE_HELP[spec.value]}`);
      checkValue(name, spec.value, value);
    } else if (eq > 0) {
      throw new UsageError(`option '${name}' takes no value`);
    }
    spec.set(o, value);
    used.push(name);
  }
  if (o.help || o.version) return o;
  if (o.command === null) throw new UsageError('no command given: use explain, scan or report');
  for (const name of used) {
    const cmds = OPTIONS[name].commands;
    if (cmds.length > 0 && !cmds.includes(o.command)) throw new UsageError(`option '${name}' does not apply to '${o.command}'`);
  }
  if (o.command === 'report') {
    const formats = [o.json && '--json', o.csv && '--csv', o.markdown && '--markdown', o.html !== null && '--html'].filter(Boolean);
    if (formats.length > 1) throw new UsageError(`choose one of ${formats.map((f) => `'${f}'`).join(', ')}`);
    if (o.since !== null && o.until !== null && o.since >= o.until) throw new UsageError("'--since' must be earlier than '--until'");
  }
  if (o.command === 'explain') {
    if (o.json && o.markdown) throw new UsageError("choose one of '--json' and '--markdown'");
    if (o.batch && o.markdown) throw new UsageError("'--batch' writes one line per reply: use it with '--json' or alone");
    if (o.batch && o.positionals.length > 0) throw new UsageError("'--batch' reads the replies from stdin: give no TEXT");
  }
  return o;
}

function commandOf(word: string): Command {
  if (word === 'explain' || word === 'scan' || word === 'report') return word;
  throw new UsageError(`unknown command '${word}': use explain, scan or report`);
}

const VALUE_HELP: Readonly<Record<NonNullable<OptionSpec['value']>, string>> = {
  class: CLASS_NAMES.join(', '),
  file: 'a file name',
  time: 'a time such as 2026-11-29 or 2026-11-29T10:00',
};

function checkValue(name: string, kind: NonNullable<OptionSpec['value']>, value: string): void {
  if (kind === 'class' && !(CLASS_NAMES as readonly string[]).includes(value)) {
    throw new UsageError(`option '${name}' takes ${CLASS_NAMES.join(', ')}, not '${value}'`);
  }
  if (kind === 'file' && value === '') throw new UsageError(`option '${name}' needs ${VALUE_HELP.file}`);
  if (kind === 'time' && parseTimeArg(value) === null) throw new UsageError(`option '${name}' takes ${VALUE_HELP.time}, not '${value}'`);
}

export function atLeast(cls: ReplyClass, threshold: ThresholdClass): boolean {
  return SEVERITY[cls] >= SEVERITY[threshold];
}
