// explain() throughput of two revisions, measured in one process, alternating: on a noisy machine two separate
// `npm run bench` runs differ by more than a change costs. Each revision's core is bundled with esbuild (the same
// minified form as the CLI), the replies are the corpus replies `npm run bench` uses, and the rounds alternate.
//   npx tsx bench/explain-ab.ts REV [--rounds N] [--replies N]
// REV is a git revision (e.g. HEAD~3); it is compared with the working tree. Prints each round, medians and minima.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { distinctReplies, requireCorpus } from './corpus';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : fallback;
};
const rev = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
if (!rev) {
  console.error('usage: npx tsx bench/explain-ab.ts REV [--rounds N] [--replies N]');
  process.exit(2);
}
const ROUNDS = option('--rounds', 12);
const REPLIES = option('--replies', 200_000);
requireCorpus('explain-ab');

interface Core { explain(reply: string): { reason: string }; scan(text: string): { range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }

async function bundle(srcRoot: string, out: string): Promise<Core> {
  // The old tree has no node_modules of its own: its packages resolve from this checkout's.
  await build({ entryPoints: [path.join(srcRoot, 'src/core/index.ts')], bundle: true, platform: 'node', format: 'cjs', minify: true, outfile: out, logLevel: 'error', nodePaths: [path.join(ROOT, 'node_modules')] });
  return (await import(out)) as Core;
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-lens-ab-'));
  const tree = path.join(tmp, 'tree');
  execFileSync('git', ['-C', ROOT, 'worktree', 'add', '--detach', '-q', tree, rev!]);
  try {
    const old = await bundle(tree, path.join(tmp, 'old.js'));
    const now = await bundle(ROOT, path.join(tmp, 'new.js'));
    const { seeds, replies } = distinctReplies((text) => now.scan(text), REPLIES);
    let sink = 0;
    const time = (core: Core) => {
      const t = process.hrtime.bigint();
      for (const r of replies) sink += core.explain(r).reason.length;
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    for (let w = 0; w < 2; w++) { time(old); time(now); }
    const a: number[] = [];
    const b: number[] = [];
    for (let k = 0; k < ROUNDS; k++) { a.push(time(old)); b.push(time(now)); }
    const med = (x: number[]) => x.slice().sort((p, q) => p - q)[x.length >> 1];
    const row = (name: string, x: number[]) => `${name.padEnd(14)} median ${Math.round(med(x))} ms, best ${Math.round(Math.min(...x))} ms (${x.map(Math.round).join(', ')})`;
    console.log(`explain() over ${REPLIES.toLocaleString('en-US')} corpus replies (${seeds} seeds), ${ROUNDS} alternating rounds`);
    console.log(row(rev!, a));
    console.log(row('working tree', b));
    console.log(`working tree / ${rev}: ${(med(b) / med(a)).toFixed(2)}× by median, ${(Math.min(...b) / Math.min(...a)).toFixed(2)}× by best`);
    if (sink < 0) console.log(sink); // keeps the work observable
  } finally {
    execFileSync('git', ['-C', ROOT, 'worktree', 'remove', '--force', tree]);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
