import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, jsonLines, noStackTrace, requireBuild, ROOT, run, SAMPLE, tempDir } from './helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const sampleText = fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8');

describe('cli: exit codes and messages', () => {
  before(requireBuild);
  let tmp: ReturnType<typeof tempDir>;
  before(() => { tmp = tempDir(); });
  after(() => tmp.remove());

  it('--help documents the commands and every exit code, and exits 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['scan', '--help']]) {
      const r = run(args);
      assert.equal(r.status, 0, args.join(' '));
      assert.match(r.stdout, /smtp-lens explain/);
      assert.match(r.stdout, /smtp-lens scan/);
      for (const code of [0, 1, 2, 3, 4]) assert.match(r.stdout, new RegExp(`^ +${code} +\\S`, 'm'), `exit code ${code}`);
    }
  });

  it('--version prints the version of package.json', () => {
    for (const flag of ['--version', '-V']) {
      const r = run([flag]);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `smtp-lens ${pkg.version}\n`);
    }
  });

  it('exits 2 on usage errors, with one smtp-lens: line and no stack trace', () => {
    const cases: [string[], RegExp][] = [
      [[], /no command/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['scan', '--bogus', SAMPLE], /unknown option '--bogus'/],
      [['explain', '-x', '250 OK'], /unknown option '-x'/],
      [['scan', '--min-class', 'fatal', SAMPLE], /--min-class.*'fatal'/],
      [['scan', SAMPLE, '--fail-on'], /--fail-on.*needs a value/],
      [['explain', '--summary', '250 OK'], /'--summary' does not apply to 'explain'/],
      [['scan', '--batch', SAMPLE], /'--batch' does not apply to 'scan'/],
      [['scan', '--json=yes', SAMPLE], /takes no value/],
      [['scan', '-', '-'], /stdin/],
      [['explain'], /no reply on stdin/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^smtp-lens: /);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.ok(noStackTrace(r.stderr), r.stderr);
    }
  });

  it('exits 1 when a reported reply is at or above --fail-on, 0 otherwise', () => {
    assert.equal(run(['scan', '--fail-on', 'permanent', SAMPLE]).status, 1);
    assert.equal(run(['scan', '--summary', '--fail-on', 'transient', SAMPLE]).status, 1);
    assert.equal(run(['scan', SAMPLE]).status, 0);
    const deferredOnly = tmp.file('deferred.log', sampleText.split('\n').filter((l) => l.includes('status=deferred')).join('\n'));
    const r = run(['scan', '--json', '--fail-on', 'permanent', deferredOnly]);
    assert.ok(jsonLines(r.stdout).length > 0 && jsonLines(r.stdout).every((f) => f.class === 'transient'), r.stdout);
    assert.equal(r.status, 0);
    assert.equal(run(['scan', '--fail-on', 'transient', deferredOnly]).status, 1);
    // What --min-class hides does not fail the run.
    assert.equal(run(['scan', '--min-class', 'permanent', '--fail-on', 'transient', deferredOnly]).status, 0);
  });

  it('exits 3 for a missing file, a directory and a binary file, after scanning the other inputs', () => {
    const binary = tmp.file('image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const cases: [string, RegExp][] = [
      [path.join(tmp.dir, 'no-such.log'), /no-such\.log: no such file or directory/],
      [tmp.dir, /: is a directory/],
      [binary, /image\.bin: binary file, skipped/],
    ];
    const alone = run(['scan', '--json', SAMPLE]);
    for (const [input, message] of cases) {
      const r = run(['scan', '--json', input, SAMPLE]);
      assert.equal(r.status, 3, input);
      assert.match(r.stderr, /^smtp-lens: /);
      assert.match(r.stderr, message);
      assert.ok(noStackTrace(r.stderr), r.stderr);
      assert.equal(r.stdout, alone.stdout, 'the readable file is still scanned');
    }
  });

  it('exit 3 wins over exit 1, and binary stdin is refused too', () => {
    assert.equal(run(['scan', '--fail-on', 'permanent', SAMPLE, path.join(tmp.dir, 'missing')]).status, 3);
    const r = run(['scan', '-'], { input: Buffer.from('250 OK\0\0\0') });
    assert.equal(r.status, 3);
    assert.match(r.stderr, /<stdin>: binary file, skipped/);
  });

  it('refuses a directory redirected to stdin instead of reading it as empty', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" scan - < "${tmp.dir}"`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 3, r.stderr);
    assert.match(r.stderr, /<stdin>: is a directory/);
    assert.ok(noStackTrace(r.stderr), r.stderr);
  });

  it('stops quietly with exit 0 when the reader of its output goes away (| head)', () => {
    const big = tmp.file('big.log', sampleText.repeat(3000));
    for (const args of [['scan', big], ['scan', '--json', big]]) {
      const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" ${args.map((a) => `"${a}"`).join(' ')} | head -n 2 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], {
        encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
      });
      assert.equal(r.stdout.trim(), 'status=0', r.stderr);
      assert.equal(r.stderr, '', 'nothing on stderr');
    }
  });
});
