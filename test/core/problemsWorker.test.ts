import { strict as assert } from 'assert';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import { createProblemScan, createScanner, scanEmail, type Problem } from '../../src/core';
import { levelOf, ProblemsJob, type JobSnapshot, type Levels } from '../../src/extension/problemsJob';
import { serveProblems, type FromWorker, type ToWorker } from '../../src/extension/problemsWorker';
import { feedInSlices } from '../../src/extension/slicedScan';

// The problems scan the editor runs away from its extension host (issue 11): the job, its message protocol and a real
// worker thread must list what the core's problem scan finds, whichever way the lines arrive.

const LOG = readFileSync(join(__dirname, 'fixtures/problems/postfix-outcomes.log'), 'utf8').replace(/\n$/, '');
const LINES = LOG.split('\n');
const LEVELS: Levels = { permanent: 0, transient: 1, inbound: 2, deliveredLater: 3, retryReview: 2 };
const REFERENCE = Date.UTC(2026, 11, 1);

/** What the core lists, read the plain way (replies kept, no rereading): the reference the job must agree with. */
function coreProblems(levels: Levels): Problem[] {
  const out: Problem[] = [];
  const scanner = createScanner();
  const tracked = createProblemScan((p) => out.push(p), { referenceTime: REFERENCE });
  for (const line of LINES) tracked.push(line, scanner.push(line));
  tracked.end(scanner.end());
  return out.filter((p) => levelOf(p, levels) !== null);
}

const key = (line: number, message: string) => `${line + 1}: ${message}`;
const keysOfCore = (ps: Problem[]) => ps.map((p) => key(p.range.start.line, p.message)).sort();
const keysOf = (s: JobSnapshot) => s.listed.map((d) => key(d.range.start.line, d.message)).sort();

function runJob(levels: Levels, max: number, reread: boolean): JobSnapshot {
  const job = new ProblemsJob({ referenceTime: REFERENCE, levels, max, ...(reread ? { lineAt: (n: number) => LINES[n] } : {}) });
  for (const line of LINES) job.push(line);
  // Settled a little at a time, as the extension host does when it gives the thread back between parts.
  let parts = 0;
  while (!job.end(() => true)) parts++;
  assert.ok(parts < 10_000);
  return job.snapshot();
}

describe('problems job: the editor\'s problem list as plain data', () => {
  const expected = coreProblems(LEVELS);

  it('lists what the core finds, the same with replies kept or read again from the lines', () => {
    assert.ok(expected.length >= 5, `the fixture has problems (${expected.length})`);
    for (const reread of [false, true]) {
      const s = runJob(LEVELS, 1000, reread);
      assert.deepEqual(keysOf(s), keysOfCore(expected), reread ? 'reread' : 'kept');
      assert.equal(s.total, expected.length);
      assert.equal(s.lines, LINES.length);
    }
  });

  it('gives each problem the severity of its kind, and lists errors first, each severity in document order', () => {
    const s = runJob(LEVELS, 1000, true);
    for (const d of s.listed) {
      if (d.kind === 'delivered-later') assert.equal(d.severity, 3);
      else if (d.kind === 'retry-review') assert.equal(d.severity, 2);
      else if (d.direction === 'inbound') assert.equal(d.severity, 2);
      else assert.equal(d.severity, d.cls === 'permanent' ? 0 : 1, d.message);
    }
    const order = s.listed.map((d) => [d.severity, d.range.start.line, d.range.start.character]);
    const sorted = [...order].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    assert.deepEqual(order, sorted);
  });

  it('leaves out a kind whose setting is off, and does not count it', () => {
    const off: Levels = { ...LEVELS, deliveredLater: null, retryReview: null };
    const s = runJob(off, 1000, true);
    assert.ok(s.listed.every((d) => d.kind !== 'delivered-later' && d.kind !== 'retry-review'));
    assert.equal(s.total, coreProblems(off).length);
    assert.ok(s.total < expected.length, 'the fixture has a delivered deferral or a retry review to leave out');
  });

  it('lists at most max, keeping a place for the note on the rest, the most severe first', () => {
    const max = 3;
    const s = runJob(LEVELS, max, true);
    assert.equal(s.total, expected.length);
    assert.equal(s.listed.length, max - 1);
    const errors = expected.filter((p) => levelOf(p, LEVELS) === 0).length;
    assert.ok(s.listed.slice(0, Math.min(errors, max - 1)).every((d) => d.severity === 0));
  });

  it('a bounce\'s findings, added whole, are one problem per failed recipient', async () => {
    const job = new ProblemsJob({ referenceTime: REFERENCE, levels: LEVELS, max: 100 });
    const found = await scanEmail(readFileSync(join(__dirname, 'fixtures/mail/exim-mail-delivery-failed.eml'), 'utf8'));
    const failed = new Set(found.filter((f) => f.explanation.class === 'permanent').map((f) => f.recipient));
    assert.ok(failed.size >= 1);
    job.addFindings(found);
    const s = job.snapshot();
    assert.equal(s.listed.filter((d) => d.cls === 'permanent').length, failed.size);
    assert.ok(s.listed.every((d) => d.code === null || d.code >= 400));
  });
});

/** Lines as the extension host sends them: joined by the document's line breaks (LF or CRLF), with their count. */
const joined = (lines: string[], eol: string) => ({ text: lines.join(eol), count: lines.length });

/** Sends the log in messages of `chunk` lines through the protocol; returns what came back. */
function serve(chunk: number, cancelAfter?: number): FromWorker[] {
  const back: FromWorker[] = [];
  const handle = serveProblems((m) => back.push(m));
  handle({ type: 'begin', id: 7, referenceTime: REFERENCE, levels: LEVELS, max: 1000 });
  for (let i = 0; i < LINES.length; i += chunk) {
    if (cancelAfter !== undefined && i >= cancelAfter) {
      handle({ type: 'cancel', id: 7 });
      break;
    }
    handle({ type: 'lines', id: 7, ...joined(LINES.slice(i, i + chunk), i % 2 === 0 ? '\n' : '\r\n') });
  }
  handle({ type: 'end', id: 7 });
  return back;
}

describe('problems worker protocol', () => {
  it('acknowledges every message of lines with its count, and ends with the list the core makes', () => {
    for (const chunk of [1, 7, 512]) {
      const back = serve(chunk);
      const read = back.filter((m) => m.type === 'read').reduce((n, m) => n + (m.type === 'read' ? m.lines : 0), 0);
      assert.equal(read, LINES.length);
      const done = back.filter((m) => m.type === 'done');
      assert.equal(done.length, 1);
      assert.ok(done[0].type === 'done' && done[0].id === 7);
      if (done[0].type === 'done') assert.deepEqual(keysOf(done[0].snapshot), keysOfCore(coreProblems(LEVELS)));
    }
  });

  it('a cancelled job sends nothing more, and its end is ignored', () => {
    const back = serve(2, 4);
    assert.equal(back.filter((m) => m.type === 'done' || m.type === 'progress').length, 0);
    assert.equal(back.filter((m) => m.type === 'read').length, 2);
  });

  it('lines for a job it does not know are ignored; a job that throws says it failed', () => {
    const back: FromWorker[] = [];
    const handle = serveProblems((m) => back.push(m));
    handle({ type: 'lines', id: 1, text: 'x', count: 1 });
    assert.equal(back.length, 0);
    handle({ type: 'begin', id: 2, referenceTime: REFERENCE, levels: LEVELS, max: 10 });
    handle({ type: 'lines', id: 2, text: null as unknown as string, count: 1 });
    assert.deepEqual(back.map((m) => [m.type, m.id]), [['failed', 2]]);
  });
});

describe('problems worker in a Node worker thread', function () {
  this.timeout(60_000);
  let dir = '';
  let file = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smtp-lens-worker-'));
    file = join(dir, 'problems-worker.js');
    // The same entry point and platform as esbuild.mjs bundles into dist/problems-worker.js.
    await build({ entryPoints: [join(__dirname, '../../src/extension/problemsWorker.node.ts')], outfile: file, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('scans the lines it is sent and answers with the list the core makes', async () => {
    const worker = new Worker(file);
    try {
      const done = new Promise<JobSnapshot>((resolve, reject) => {
        worker.on('message', (m: FromWorker) => {
          if (m.type === 'done') resolve(m.snapshot);
          if (m.type === 'failed') reject(new Error(m.error));
        });
        worker.on('error', reject);
      });
      const post = (m: ToWorker) => worker.postMessage(m);
      post({ type: 'begin', id: 1, referenceTime: REFERENCE, levels: LEVELS, max: 1000 });
      for (let i = 0; i < LINES.length; i += 5) post({ type: 'lines', id: 1, ...joined(LINES.slice(i, i + 5), '\n') });
      post({ type: 'end', id: 1 });
      const snapshot = await done;
      assert.deepEqual(keysOf(snapshot), keysOfCore(coreProblems(LEVELS)));
    } finally {
      await worker.terminate();
    }
  });
});

describe('feeding lines in slices', () => {
  const progress = () => ({ lines: 0, slices: 0, longestSliceMs: 0, longestYieldMs: 0 });
  const source = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);

  it('hands every line on once, in order, and yields between slices', async () => {
    const got: string[] = [];
    const p = progress();
    const ok = await feedInSlices(source.length, (from, to) => { got.push(...source.slice(from, to)); }, () => false, p, 64, undefined, 0.01);
    assert.equal(ok, true);
    assert.deepEqual(got, source);
    assert.equal(p.lines, source.length);
    assert.ok(p.slices > 1, `${p.slices} slices`);
  });

  it('never runs further ahead of a slow reader than its backlog allows, one chunk included', async () => {
    const MAX = 1000, CHUNK = 100;
    let ahead = 0, most = 0, read = 0;
    const ready = () => (ahead <= MAX ? null : new Promise<void>((resolve) => setTimeout(() => { read += ahead; ahead = 0; resolve(); }, 1)));
    const ok = await feedInSlices(source.length, (from, to) => { ahead += to - from; most = Math.max(most, ahead); }, () => false, progress(), CHUNK, ready);
    assert.equal(ok, true);
    assert.equal(read + ahead, source.length);
    assert.ok(most <= MAX + CHUNK, `at most ${most} lines ahead`);
  });

  it('stops when cancelled, and says so', async () => {
    let taken = 0;
    const ok = await feedInSlices(source.length, (from, to) => { taken += to - from; }, () => taken > 500, progress(), 100, undefined, 0.01);
    assert.equal(ok, false);
    assert.ok(taken < source.length);
  });
});
