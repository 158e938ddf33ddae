// `smtp-lens report` beside pflogsumm on the same generated Postfix log: wall time, CPU time and peak memory of
// both, every figure of the report checked against the generator's truth, and pflogsumm's Grand Totals and
// per-domain deliveries compared with it, each difference explained.
//   npm run bench:report [-- --messages N] [-- --big] [-- --keep]     (or npx tsx bench/report-bench.ts …, after a build)
// --messages: the log's size (100,000 messages, about 150 MB); --big: also a ~1 GB log, for memory (its pflogsumm run
// takes minutes), deleted afterwards unless --keep. Installs Debian's pflogsumm with apt-get when it is missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatePostfixLog, type Truth } from './postfix-log';
import { compareWithTruth, RELAY_PROVIDERS, type ReportJson } from './report-truth';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'bench/out');
const CLI = path.join(ROOT, 'dist/cli.js');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : fallback;
};
const MESSAGES = option('--messages', 100_000);
/** Messages for a log of about 1 GB (a message and its share of rejections and notifications take ~1.5 KB). */
const BIG_MESSAGES = 670_000;
const TARGET_SPEEDUP = 2;

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb: number | null) => (kb === null ? '?' : `${int(kb / 1024)} MB`);

interface Measured { ms: number; cpuMs: number | null; maxRssKB: number | null; status: number | null; stdout: string; stderr: string }

/** Wall time, CPU time and peak resident memory of a command, by GNU time. */
function measure(cmd: string, cmdArgs: string[]): Measured {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...cmdArgs], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  const num = (re: RegExp) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  const cpu = (num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/)) * 1000;
  const rss = num(/Maximum resident set size \(kbytes\): (\d+)/);
  return { ms, cpuMs: Number.isNaN(cpu) ? null : cpu, maxRssKB: Number.isNaN(rss) ? null : rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ensureTools(): boolean {
  if (!fs.existsSync('/usr/bin/time')) {
    console.log('installing GNU time (apt-get install -y time) …');
    spawnSync('apt-get', ['install', '-y', 'time'], { stdio: 'inherit' });
  }
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (spawnSync('sh', ['-c', 'command -v pflogsumm']).status !== 0) {
    console.log('installing pflogsumm (apt-get install -y pflogsumm) …');
    const r = spawnSync('apt-get', ['install', '-y', 'pflogsumm'], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.log('pflogsumm could not be installed (run as root, with Debian\'s archive reachable): comparison skipped');
      return false;
    }
  }
  return true;
}

/** A pflogsumm count: exact, or (over 512k, printed as `Nk`) the range [N×1024, (N+1)×1024). */
interface Count { lo: number; hi: number; text: string }

interface Pflogsumm {
  received: Count; delivered: Count; deferrals: Count; bounced: Count; rejected: Count;
  domains: Map<string, { delivered: Count; defers: Count }>;
}

function count(n: string, unit: string): Count {
  const v = Number(n);
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 * 1024 : 1;
  return { lo: v * scale, hi: scale === 1 ? v + 1 : (v + 1) * scale, text: `${n}${unit.trim()}` };
}

function parsePflogsumm(text: string): Pflogsumm {
  const total = (label: string) => {
    const m = new RegExp(`^\\s*(\\d+)([km ]?)\\s+${label}`, 'm').exec(text);
    return m ? count(m[1], m[2]) : count('0', '');
  };
  const defer = /^\s*\d+[km]?\s+deferred\s+\((\d+)([km ]?)\s*deferrals\)/m.exec(text);
  const domains = new Map<string, { delivered: Count; defers: Count }>();
  const section = text.split('Host/Domain Summary: Message Delivery')[1]?.split('\n\n')[0] ?? '';
  for (const line of section.split('\n')) {
    const m = /^\s*(\d+)([km]?)\s+\S+\s+(\d+)([km]?)\s+[\d.]+ \w\s+[\d.]+ \w\s+(\S+)$/.exec(line);
    if (m) domains.set(m[5], { delivered: count(m[1], m[2]), defers: count(m[3], m[4]) });
  }
  return {
    received: total('received'), delivered: total('delivered'), bounced: total('bounced'), rejected: total('rejected'),
    deferrals: defer ? count(defer[1], defer[2]) : count('0', ''), domains,
  };
}

const within = (n: number, c: Count) => n >= c.lo && n < c.hi;

function heading(s: string): void {
  console.log(`\n== ${s}`);
}

function runReport(log: string): { m: Measured; report: ReportJson } {
  const m = measure(process.execPath, [CLI, 'report', '--json', log]);
  if (m.status !== 0) throw new Error(`smtp-lens report exited ${m.status}: ${m.stderr}`);
  return { m, report: JSON.parse(m.stdout) as ReportJson };
}

/**
 * smtp-lens, pflogsumm and the truth side by side. Where the two tools differ, what pflogsumm counts by its own rules
 * is computed from the truth too: the difference is then explained, not a miscount.
 */
function compareTotals(report: ReportJson, truth: Truth, p: Pflogsumm): void {
  const rows: { name: string; ours: number; theirs: Count | null; truth: number; theirsByItsRules: number; why: string }[] = [
    { name: 'received', ours: report.messages, theirs: p.received, truth: truth.messages, theirsByItsRules: truth.receivedLines,
      why: `pflogsumm counts every smtpd client= and pickup line, and ${int(truth.cleanupRejects)} of them are messages cleanup's header checks refused before queueing (both tools count those under rejected); smtp-lens counts messages that entered the queue` },
    { name: 'delivered', ours: report.recipients.delivered, theirs: p.delivered, truth: truth.recipients.delivered, theirsByItsRules: truth.recipients.delivered, why: '' },
    { name: 'deferrals', ours: report.deferrals, theirs: p.deferrals, truth: truth.deferrals, theirsByItsRules: truth.deferrals - truth.softBounces,
      why: `pflogsumm reads status=deferred only; ${int(truth.softBounces)} deferrals under soft_bounce=yes are logged as status=SOFTBOUNCE. They are deferrals (the message stays queued and is retried): smtp-lens is right` },
    { name: 'bounced', ours: report.recipients.bounced, theirs: p.bounced, truth: truth.recipients.bounced, theirsByItsRules: truth.recipients.bounced, why: '' },
    { name: 'expired', ours: report.recipients.expired, theirs: null, truth: truth.recipients.expired, theirsByItsRules: NaN,
      why: 'pflogsumm has no figure for expiries (qmgr: status=expired, returned to sender): these recipients are neither delivered nor bounced in its totals' },
    { name: 'rejected', ours: report.rejected, theirs: p.rejected, truth: truth.rejected, theirsByItsRules: truth.rejected, why: '' },
  ];
  console.log(`${'figure'.padEnd(10)} ${'smtp-lens'.padStart(10)} ${'pflogsumm'.padStart(10)} ${'truth'.padStart(10)}`);
  for (const r of rows) {
    const rounded = r.theirs && r.theirs.hi - r.theirs.lo > 1 ? ` (pflogsumm prints "${r.theirs.text}": counts over 512k in units of 1,024)` : '';
    let verdict: string;
    if (r.theirs && within(r.ours, r.theirs)) verdict = `same${rounded}`;
    else if (r.theirs && within(r.theirsByItsRules, r.theirs)) verdict = `differ, as explained: ${r.why}${rounded}`;
    else if (!r.theirs) verdict = `only smtp-lens: ${r.why}`;
    else verdict = `DIFFER, unexplained: pflogsumm ${r.theirs.text}, expected by its rules ${int(r.theirsByItsRules)}`;
    const theirs = r.theirs ? (r.theirs.hi - r.theirs.lo > 1 ? `~${int(r.theirs.lo)}` : int(r.theirs.lo)) : '—';
    console.log(`${r.name.padEnd(10)} ${int(r.ours).padStart(10)} ${theirs.padStart(10)} ${int(r.truth).padStart(10)}  ${r.ours === r.truth ? '' : 'smtp-lens WRONG; '}${verdict}`);
  }
  let same = 0;
  const differ: string[] = [];
  for (const d of report.byDomain) {
    const theirs = p.domains.get(d.domain);
    if (!theirs && d.delivered === 0) continue;
    if (theirs && within(d.delivered, theirs.delivered)) same++;
    else differ.push(`${d.domain}: smtp-lens ${d.delivered}, pflogsumm ${theirs?.delivered.text ?? 'absent'}, truth ${truth.byDomain[d.domain]?.delivered}`);
  }
  console.log(`per-domain delivered: ${same} domains the same${differ.length ? `; DIFFER: ${differ.join('; ')}` : ', none differs'}`);
  let defersSame = 0;
  const defersOther: string[] = [];
  for (const d of report.byDomain) {
    const theirs = p.domains.get(d.domain)?.defers ?? count('0', '');
    const soft = truth.byDomain[d.domain]?.softBounces ?? 0;
    if (within(d.deferrals, theirs)) defersSame++;
    else if (!within(d.deferrals - soft, theirs)) defersOther.push(d.domain);
  }
  console.log(`per-domain deferrals: ${defersSame} domains the same, the others differ by exactly their SOFTBOUNCE deferrals${defersOther.length ? `; DIFFER otherwise: ${defersOther.join(', ')}` : ''}`);
}

function benchOne(label: string, messages: number, keep: boolean, withPflogsumm: boolean): { report: Measured; pflogsumm: Measured | null; bytes: number } {
  heading(`${label}: ${int(messages)} messages`);
  fs.mkdirSync(OUT, { recursive: true });
  const log = path.join(OUT, `postfix-${messages}.log`);
  const g0 = performance.now();
  const truth = generatePostfixLog({ messages, out: log });
  console.log(`generated ${path.relative(ROOT, log)}: ${int(truth.lines)} lines, ${int(truth.bytes / 1e6)} MB, in ${secs(performance.now() - g0)}`);
  try {
    const { m, report } = runReport(log);
    const diff = compareWithTruth(report, truth);
    console.log(`smtp-lens report --json: ${secs(m.ms)} wall, ${m.cpuMs === null ? '?' : secs(m.cpuMs)} CPU, peak ${mb(m.maxRssKB)}, ${int(truth.bytes / 1e6 / (m.ms / 1000))} MB/s`);
    console.log(diff.length === 0
      ? `every figure as the generator knows it: messages ${int(report.messages)}, recipients ${JSON.stringify(report.recipients)}, deferrals ${int(report.deferrals)}, rejected ${int(report.rejected)}, ${report.byDomain.length} domains, ${report.byReason.length} reasons, ${report.byDay.length} days, providers ${RELAY_PROVIDERS.join(', ')}, ${int(report.failedRecipients.length)} failed recipients, retry verdicts ${JSON.stringify(report.retryReview.verdicts)}`
      : `${diff.length} figures differ from the truth:\n  ${diff.slice(0, 30).join('\n  ')}`);
    let p: Measured | null = null;
    if (withPflogsumm) {
      p = measure('pflogsumm', [log]);
      console.log(`pflogsumm: ${secs(p.ms)} wall, ${p.cpuMs === null ? '?' : secs(p.cpuMs)} CPU, peak ${mb(p.maxRssKB)}`);
      const speedup = p.ms / m.ms;
      console.log(`smtp-lens is ${speedup.toFixed(1)}× as fast as pflogsumm (target ${TARGET_SPEEDUP}×: ${speedup >= TARGET_SPEEDUP ? 'met' : 'MISSED'}), CPU ${p.cpuMs && m.cpuMs ? (p.cpuMs / m.cpuMs).toFixed(1) : '?'}×`);
      compareTotals(report, truth, parsePflogsumm(p.stdout));
    }
    return { report: m, pflogsumm: p, bytes: truth.bytes };
  } finally {
    if (!keep) fs.rmSync(log, { force: true });
  }
}

function main(): void {
  const pf = ensureTools();
  console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}; Node ${process.version}`);
  const small = benchOne('generated log', MESSAGES, flag('--keep'), pf);
  if (flag('--big')) {
    const big = benchOne('~1 GB log', BIG_MESSAGES, flag('--keep'), pf && !flag('--no-pflogsumm-big'));
    heading('memory');
    console.log(`smtp-lens peak memory: ${mb(small.report.maxRssKB)} on ${int(small.bytes / 1e6)} MB, ${mb(big.report.maxRssKB)} on ${int(big.bytes / 1e6)} MB`);
    if (small.pflogsumm && big.pflogsumm) console.log(`pflogsumm peak memory: ${mb(small.pflogsumm.maxRssKB)} on ${int(small.bytes / 1e6)} MB, ${mb(big.pflogsumm.maxRssKB)} on ${int(big.bytes / 1e6)} MB`);
  }
  console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
}

main();
