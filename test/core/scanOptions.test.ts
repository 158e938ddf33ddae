import { strict as assert } from 'assert';
import { readdirSync } from 'fs';
import { join } from 'path';
import { createScanner, type Finding, type ScannerOptions } from '../../src/core';
import { CORPUS, hasCorpus } from '../support/corpus';
import { FIXTURES, filesUnder, readText } from './fixtures/scan/support';

// The scanner's options for a problems scan (the editor's diagnostics): failures only, no outcome-fact ranges. What
// it returns must be exactly the failures a full scan returns, with the same ranges and explanations.

function scanWith(text: string, options: ScannerOptions): Finding[] {
  const s = createScanner(options);
  const out: Finding[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) out.push(...s.push(line));
  out.push(...s.end());
  return out;
}

const key = (f: Finding) => JSON.stringify([f.range, f.codeRange, f.enhancedRange, f.recipient, f.direction, f.consequenceOf, f.explanation.class, f.explanation.reason]);
const failed = (f: Finding) => f.explanation.class === 'permanent' || f.explanation.class === 'transient' || f.explanation.class === 'unknown';

function check(file: string): void {
  const text = readText(file);
  const full = scanWith(text, {});
  const lean = scanWith(text, { facts: false, failuresOnly: true });
  assert.deepEqual(lean.map(key), full.filter(failed).map(key), file);
  assert.ok(lean.every((f) => f.facts.length === 0), `${file}: no facts`);
}

describe('scanner options: failures only, without facts', () => {
  const own = readdirSync(FIXTURES).filter((f) => !f.endsWith('.ts')).map((f) => join(FIXTURES, f));
  it(`the project's fixtures (${own.length} files): exactly the failures of a full scan`, () => {
    for (const f of own) check(f);
  });

  it('a full scan of the same fixtures does find successes and facts (the options change something)', () => {
    const all = own.flatMap((f) => scanWith(readText(f), {}));
    assert.ok(all.some((f) => f.explanation.class === 'success'));
    assert.ok(all.some((f) => f.facts.length > 0));
  });

  it('the corpus logs and transcripts: exactly the failures of a full scan', function () {
    if (!hasCorpus()) this.skip();
    this.timeout(60_000);
    for (const d of ['postfix', 'exim', 'sendmail', 'misc-mta-syslog', 'smtp-transcript']) for (const f of filesUnder(join(CORPUS, d))) check(f);
  });
});

describe('scanner options: expiryCauses', () => {
  const log = [
    'Nov 29 11:00:02 mx1 postfix/smtp[2140]: 7A7B7C7D7E: to=<eve@example.com>, relay=mx.example.com[203.0.113.9]:25, delay=1, delays=0.1/0/1/0, dsn=4.2.2, status=deferred (host mx.example.com[203.0.113.9] said: 452 4.2.2 <eve@example.com>: Mailbox full (in reply to RCPT TO command))',
    'Dec  4 11:00:03 mx1 postfix/qmgr[2103]: 7A7B7C7D7E: from=<shop@example.org>, status=expired, returned to sender',
  ].join('\n');
  const expiry = (options: ScannerOptions) => scanWith(log, options).find((f) => f.range.start.line === 1)!;

  it('by default an expiry is told the cause its last deferral gave', () => {
    assert.equal(expiry({}).explanation.reason, 'mailbox-full');
    assert.equal(expiry({}).recipient, 'eve@example.com');
  });

  it('false: the expiry is a bare expiry (the caller reads the deferral again itself)', () => {
    const f = expiry({ expiryCauses: false });
    assert.equal(f.explanation.reason, 'expired');
    assert.equal(f.explanation.class, 'permanent');
    assert.equal(f.recipient, null);
  });
});
