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
