// `smtp-lens report` beside pflogsumm on the same generated Postfix log: wall time, CPU time and peak memory of
// both, every figure of the report checked against the generator's truth, and pflogsumm's Grand Totals and
// per-domain deliveries compared with it, each difference explained.
//   npx tsx bench/report-bench.ts [--messages N] [--big] [--keep]
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

interface Pflogsumm {
  received: number; delivered: number; deferrals: number; bounced: number; rejected: number;
  domains: Map<string, { delivered: number; defers: number }>;
}

/** pflogsumm prints counts over 512k as `Nk`: read back as a lower bound. */
function count(s: string, unit = ''): number {
  const n = Number(s);
  return unit === 'k' ? n * 1024 : unit === 'm' ? n * 1024 * 1024 : n;
}

function parsePflogsumm(text: string): Pflogsumm {
  const total = (label: string) => {
    const m = new RegExp(`^\\s*(\\d+)([km]?)\\s+${label}`, 'm').exec(text);
    return m ? count(m[1], m[2]) : NaN;
  };
  const defer = /^\s*\d+[km]?\s+deferred\s+\((\d+)([km]?)\s*deferrals\)/m.exec(text);
  const domains = new Map<string, { delivered: number; defers: number }>();
  const section = text.split('Host/Domain Summary: Message Delivery')[1]?.split('\n\n')[0] ?? '';
  for (const line of section.split('\n')) {
    const m = /^\s*(\d+)([km]?)\s+\S+\s+(\d+)([km]?)\s+[\d.]+ \w\s+[\d.]+ \w\s+(\S+)$/.exec(line);
    if (m) domains.set(m[5], { delivered: count(m[1], m[2]), defers: count(m[3], m[4]) });
  }
  return {
    received: total('received'), delivered: total('delivered'), bounced: total('bounced'), rejected: total('rejected'),
    deferrals: defer ? count(defer[1], defer[2]) : 0, domains,
  };
}

function heading(s: string): void {
  console.log(`\n== ${s}`);
}

function runReport(log: string): { m: Measured; report: ReportJson } {
  const m = measure(process.execPath, [CLI, 'report', '--json', log]);
  if (m.status !== 0) throw new Error(`smtp-lens report exited ${m.status}: ${m.stderr}`);
  return { m, report: JSON.parse(m.stdout) as ReportJson };
}

function compareTotals(report: ReportJson, truth: Truth, p: Pflogsumm): void {
  const rows: [string, number, number, string][] = [
    ['received', report.messages, p.received, `pflogsumm counts every smtpd client= and pickup line: ${int(truth.cleanupRejects)} of them are messages cleanup's header checks refused before queueing (smtp-lens counts those under rejected, as pflogsumm does too); smtp-lens counts messages that entered the queue`],
    ['delivered', report.recipients.delivered, p.delivered, 'both count status=sent per recipient, the local delivery of each bounce notification included'],
    ['deferrals', report.deferrals, p.deferrals, `pflogsumm reads status=deferred only: ${int(truth.softBounces)} deferrals of soft_bounce=yes are logged as status=SOFTBOUNCE; they are deferrals (the message stays queued and is retried), so smtp-lens is right`],
    ['bounced', report.recipients.bounced, p.bounced, 'both count status=bounced'],
    ['expired', report.recipients.expired, NaN, 'pflogsumm does not count expiries (qmgr: status=expired, returned to sender); they are neither delivered nor bounced by a remote server'],
    ['rejected', report.rejected, p.rejected, 'both count smtpd and cleanup reject lines'],
  ];
  console.log(`${'figure'.padEnd(10)} ${'smtp-lens'.padStart(10)} ${'pflogsumm'.padStart(10)} ${'truth'.padStart(10)}`);
  const truthOf: Record<string, number> = {
    received: truth.messages, delivered: truth.recipients.delivered, deferrals: truth.deferrals, bounced: truth.recipients.bounced, expired: truth.recipients.expired, rejected: truth.rejected,
  };
  for (const [name, ours, theirs, why] of rows) {
    const same = ours === theirs;
    console.log(`${name.padEnd(10)} ${int(ours).padStart(10)} ${(Number.isNaN(theirs) ? '—' : int(theirs)).padStart(10)} ${int(truthOf[name]).padStart(10)}  ${same ? 'same' : `differ: ${why}`}`);
  }
  let same = 0;
  const differ: string[] = [];
  for (const d of report.byDomain) {
    const theirs = p.domains.get(d.domain);
    const want = truth.byDomain[d.domain];
    if (!theirs && d.delivered === 0) continue;
    if (theirs && theirs.delivered === d.delivered) same++;
    else differ.push(`${d.domain}: smtp-lens ${d.delivered}, pflogsumm ${theirs?.delivered ?? 'absent'}, truth ${want?.delivered}`);
  }
  console.log(`per-domain delivered: ${same} domains the same${differ.length ? `; differ: ${differ.join('; ')}` : ', none differs'}`);
  const soft = report.byDomain.filter((d) => (p.domains.get(d.domain)?.defers ?? 0) !== d.deferrals);
  console.log(`per-domain deferrals: ${report.byDomain.length - soft.length} the same, ${soft.length} differ by their SOFTBOUNCE deferrals (pflogsumm's "defers" column)`);
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
