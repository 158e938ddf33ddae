import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonLines, requireBuild, ROOT, run, tempDir } from './helpers';

// `smtp-lens scan` on bounce messages: an input whose first line opens an email is read a message at a time.

const MAIL = path.relative(ROOT, path.join(ROOT, 'test/core/fixtures/mail'));
const POSTFIX = path.join(MAIL, 'postfix-two-recipients.eml');

describe('cli: scan on bounce messages', () => {
  before(requireBuild);

  it('lists each failed recipient of a bounce, once, readable', () => {
    const r = run(['scan', POSTFIX]);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trim().split('\n');
    assert.equal(rows.length, 2);
    assert.match(rows[0], /^test\/core\/fixtures\/mail\/postfix-two-recipients\.eml:53:24 +550 5\.1\.1 +permanent +user-unknown .*→ bob@example\.net$/);
    assert.match(rows[1], /:60:29 +5\.4\.4 +permanent .*→ carol@nowhere\.example$/);
    assert.equal(run(['scan', '--fail-on', 'permanent', POSTFIX]).status, 1);
  });

  it('JSON: recipient, codes and where a reply was decoded from', () => {
    const r = run(['scan', '--json', POSTFIX, path.join(MAIL, 'base64-text.eml')]);
    assert.equal(r.status, 0, r.stderr);
    const recs = jsonLines(r.stdout);
    assert.deepEqual(recs.map((x) => [x.recipient, x.code, x.enhanced, x.decodedFrom]), [
      ['bob@example.net', 550, '5.1.1', null],
      ['carol@nowhere.example', null, '5.4.4', null],
      ['frank@example.org', 552, '5.2.2', 'base64 text/plain; charset=utf-8 part'],
    ]);
    // The decoded reply sits on its part's Content-Type line.
    const lines = fs.readFileSync(path.join(ROOT, MAIL, 'base64-text.eml'), 'utf8').split('\n');
    assert.match(lines[(recs[2].line as number) - 1], /^Content-Type: text\/plain/);
    assert.match(r.stdout, /"file":"test\/core\/fixtures\/mail\/base64-text\.eml"/);
  });

  it('knows a bounce by its RFC 2047-encoded subject alone (the bundle\'s postal-mime is its CommonJS build)', () => {
    // French Exchange: no DSN, no X-Failed-Recipients, a sender that is no MAILER-DAEMON; only `Non remis`.
    const recs = jsonLines(run(['scan', '--json', path.join(MAIL, 'exchange-fr.eml')]).stdout);
    assert.deepEqual(recs.map((x) => [x.recipient, x.code, x.reason]), [['bob@example.net', 550, 'user-unknown']]);
  });

  it('reads an mbox of bounces from stdin, each message with its own findings', () => {
    const a = fs.readFileSync(path.join(ROOT, MAIL, 'qmail-failure-notice.eml'), 'utf8');
    const b = fs.readFileSync(path.join(ROOT, POSTFIX), 'utf8');
    const r = run(['scan', '--json', '-'], { input: `From MAILER-DAEMON Tue Mar  4 10:30:02 2025\n${a}\nFrom MAILER-DAEMON Tue Mar  4 10:15:07 2025\n${b}` });
    assert.equal(r.status, 0, r.stderr);
    const recs = jsonLines(r.stdout);
    assert.deepEqual(recs.map((x) => x.recipient), ['bob@example.net', 'carol@nowhere.example', 'bob@example.net', 'carol@nowhere.example']);
    assert.ok((recs[2].line as number) > a.split('\n').length, 'the second message\'s lines count from the start of the mbox');
  });

  it('an email with a stray NUL byte is still read as text; another file with one is binary', () => {
    const tmp = tempDir();
    try {
      const eml = tmp.file('bounce.eml', Buffer.concat([fs.readFileSync(path.join(ROOT, POSTFIX)), Buffer.from([0, 10])]));
      const bin = tmp.file('notes.txt', Buffer.from('550 5.1.1 user unknown\n\0\n'));
      const r = run(['scan', '--json', eml, bin]);
      assert.equal(r.status, 3);
      assert.equal(jsonLines(r.stdout).length, 2);
      assert.match(r.stderr, /notes\.txt: binary file, skipped/);
      assert.doesNotMatch(r.stderr, /bounce\.eml/);
    } finally {
      tmp.remove();
    }
  });

  it('a log after an email in one run is still scanned line by line', () => {
    const r = run(['scan', '--json', POSTFIX, 'samples/maillog.sample']);
    assert.equal(r.status, 0, r.stderr);
    const log = jsonLines(run(['scan', '--json', 'samples/maillog.sample']).stdout);
    assert.deepEqual(jsonLines(r.stdout).filter((x) => x.file === 'samples/maillog.sample'), log);
  });
});
