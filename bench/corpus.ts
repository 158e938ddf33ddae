// Builds a large, varied mail log from the real lines of the corpus (../shared/corpus or SMTP_LENS_CORPUS, read in
// place, never copied into the project): Postfix, Exim and Sendmail, each line given a syslog header where the source
// stripped it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS } from '../test/support/corpus';

export { CORPUS };

/** The benchmarks measure real log lines: without a corpus, one line says so and the run stops (exit 2). */
export function requireCorpus(bench: string): void {
  if (fs.existsSync(CORPUS)) return;
  console.error(`${bench}: needs the real-log corpus, and there is none at ${CORPUS}; set SMTP_LENS_CORPUS=DIR`);
  process.exit(2);
}

function readLines(rel: string): string[] {
  const text = fs.readFileSync(path.join(CORPUS, rel), 'utf8');
  // fail2ban's `# failJSON:` annotations and blank lines are not log lines.
  return text.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

function readDir(rel: string): string[] {
  const dir = path.join(CORPUS, rel);
  return fs.readdirSync(dir).sort().flatMap((f) => readLines(path.join(rel, f)));
}

const SYSLOG = 'Mar 14 09:12:03 mx1';

/** The corpus lines by source, as a log would hold them. */
export function corpusLines(): { source: string; lines: string[] }[] {
  const grok = readLines('postfix/postfix-grok-patterns-samples.jsonl').map((l) => {
    const row = JSON.parse(l) as { file: string; line: string };
    const program = row.file.replace(/_\d+\.yaml$/, '');
    // The YAML holds the CR and LF that Postfix itself logs escaped, as the text `\r\n`.
    return `${SYSLOG} postfix/${program}[4242]: ${row.line.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}`;
  });
  const logwatch = readLines('postfix/logwatch-postfix-TD-lines.txt')
    .map((l) => `${SYSLOG} postfix/${l.startsWith('to=<') ? 'smtp' : 'smtpd'}[4243]: ${l}`);
  return [
    { source: 'postfix/fail2ban-postfix.log', lines: readLines('postfix/fail2ban-postfix.log') },
    { source: 'postfix/postfix-grok-patterns-samples.jsonl', lines: grok },
    { source: 'postfix/logwatch-postfix-TD-lines.txt', lines: logwatch },
    { source: 'exim/exim-testsuite/log/*', lines: readDir('exim/exim-testsuite/log') },
    { source: 'exim/exim-testsuite/rejectlog/*', lines: readDir('exim/exim-testsuite/rejectlog') },
    { source: 'exim/fail2ban-exim*.log', lines: [...readLines('exim/fail2ban-exim.log'), ...readLines('exim/fail2ban-exim-spam.log')] },
    { source: 'sendmail/*.log', lines: [
      ...readLines('sendmail/fail2ban-sendmail-reject.log'),
      ...readLines('sendmail/fail2ban-sendmail-auth.log'),
      ...readLines('sendmail/fluent-plugin-sendmail-test-data.log'),
    ] },
  ];
}

/**
 * Round `round` of the corpus, varied so that no two rounds repeat a line: process ids, queue ids, the time of
 * day and the local part of addresses change, as they do in a real log.
 */
export function vary(line: string, round: number): string {
  if (round === 0) return line;
  const tag = round.toString(36);
  return line
    .replace(/\[(\d{2,6})\]:/, (_, pid: string) => `[${(Number(pid) + round * 7919) % 99991}]:`)
    .replace(/\b(\d\d):(\d\d):(\d\d)\b/, (_, h: string, m: string, s: string) =>
      `${h}:${String((Number(m) + round) % 60).padStart(2, '0')}:${String((Number(s) + round * 7) % 60).padStart(2, '0')}`)
    .replace(/\b([0-9A-F]{10,12}):/, (_, id: string) => `${id.slice(0, -tag.length)}${tag.toUpperCase()}:`)
    .replace(/<([A-Za-z0-9._%+-]{1,64})@/g, (_, local: string) => `<${local}.${tag}@`);
}

/** At least `minLines` lines: the corpus repeated, each round varied. */
export function buildLog(minLines: number): string[] {
  const base = corpusLines().flatMap((s) => s.lines);
  const out: string[] = [];
  for (let round = 0; out.length < minLines; round++) {
    for (const line of base) out.push(vary(line, round));
  }
  return out;
}

interface ScanFn { (text: string): readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }

/**
 * `count` distinct replies for an explain() benchmark: the one-line replies `scan` finds in the corpus lines, each
 * made distinct (an address or a trailing id varied), so that no cache keyed on the text can help.
 */
export function distinctReplies(scan: ScanFn, count: number): { seeds: number; replies: string[] } {
  const base = corpusLines().flatMap((s) => s.lines);
  const distinct = new Set<string>();
  for (const f of scan(base.join('\n'))) {
    if (f.range.start.line !== f.range.end.line) continue;
    distinct.add(base[f.range.start.line].slice(f.range.start.character, f.range.end.character));
  }
  const seeds = [...distinct];
  const replies = Array.from({ length: count }, (_, i) => {
    const seed = seeds[i % seeds.length];
    const round = Math.floor(i / seeds.length).toString(36);
    return /<[^<>@\s]+@/.test(seed) ? seed.replace(/<([^<>@\s]+)@/, `<$1.${round}@`) : `${seed} [${round}]`;
  });
  return { seeds: seeds.length, replies };
}
