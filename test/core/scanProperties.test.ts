import { strict as assert } from 'assert';
import fc from 'fast-check';
import { join } from 'path';
import { checkSync } from 'recheck';
import { ANCHOR_LOCATORS, createScanner, MAX_SCAN_LINE, scan, SCANNER_REGEXES } from '../../src/core/scan';
import type { Finding } from '../../src/core/types';
import { CORPUS, corpusFile, describeCorpus } from '../support/corpus';
import { filesUnder, FIXTURES, readText, splitLines } from './fixtures/scan/support';

/** What must hold of any finding in any document. */
function assertWellFormed(text: string, findings: Finding[]): void {
  const lines = splitLines(text);
  for (const f of findings) {
    const { start, end } = f.range;
    assert.ok(start.line >= 0 && end.line < lines.length && start.line <= end.line);
    assert.ok(start.character >= 0 && end.character <= lines[end.line].length);
    assert.ok(start.line < end.line || start.character < end.character, 'empty range');
    if (f.codeRange) {
      assert.equal(f.codeRange.end.character - f.codeRange.start.character, 3);
      const code = lines[f.codeRange.start.line].slice(f.codeRange.start.character, f.codeRange.end.character);
      assert.match(code, /^[2-5]\d\d$/);
    }
    assert.equal(typeof f.explanation.class, 'string');
  }
}

/** Pieces that make random text look like the documents the scanner reads. */
const PIECES = [
  'status=', 'dsn=5.1.1, ', 'said: ', ' said:', 'reject: ', 'milter-reject: ', 'stat=Deferred: ', 'reject=', ' C="', '"', 'Diagnostic-Code: smtp; ',
  'Status: ', 'Final-Recipient: rfc822; ', 'Action: failed', '<-  ', '<** ', ' -> ', '<<< ', '>>> ', 'S: ', 'C: ', '??? ', "reply: b'", "send: '",
  '[2026-01-01 00:00:00] DEBUG [x] S: ', '"diagnosticCode":"smtp; ', '"reason":"', '"event":"bounce",', '"delivery-status":{"code":', '"message":"',
  '#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context', '2024-03-01T00:00:00Z,a,b,1,x,y,<,',
  ' ** ', ' == ', '1rg4Ah-000550-25', 'error from remote mail server after RCPT TO:<a@b>: ', 'rejected RCPT <a@b>: ', 'Remote_host_said:_', 'delivery 1: failure: ',
  '(#5.1.1)', '550', '550-', '250 ', '5.1.1', '4.7.0', ' (in reply to RCPT TO command)', '\n', '\n    ', ':', ' ', '-', '<', '>', '(', ')', '\\n', '220 x ESMTP\n',
];
const docArb = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })), { maxLength: 40 }).map((a) => a.join(''));

describe('properties of the scanner', () => {
  it('random documents built from format pieces: never throws, ranges well formed', () => {
    fc.assert(fc.property(docArb, (text) => assertWellFormed(text, scan(text))), { numRuns: 3000 });
  });

  it('random strings: never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => assertWellFormed(text, scan(text))), { numRuns: 2000 });
  });

  it('mutated corpus lines: never throws, ranges well formed', () => {
    // Without the corpus, its GPL files give way to the project's fixtures of the same formats.
    const files = [corpusFile('postfix/logwatch-postfix-TD-lines.txt')!, corpusFile('exim/exim-testsuite/log/0215') ?? join(FIXTURES, 'exim-mainlog'), corpusFile('sendmail/fluent-plugin-sendmail-test-data.log')!,
      corpusFile('smtp-transcript/swaks/_exec-transactions/00000.stdout') ?? join(FIXTURES, 'swaks-session.txt'), join(FIXTURES, 'dsn-folded.eml'), join(FIXTURES, 'ses-events.jsonl'), join(FIXTURES, 'exchange-send-protocol.log')];
    const lines = files.flatMap((f) => splitLines(readText(f))).filter((l) => l.length > 0);
    const edit = fc.tuple(fc.nat(400), fc.nat(8), fc.string({ maxLength: 5 }));
    fc.assert(fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 6 }), fc.array(edit, { maxLength: 6 }), (picked, edits) => {
      let text = picked.join('\n');
      for (const [at, del, ins] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + ins + text.slice(i + del);
      }
      assertWellFormed(text, scan(text));
    }), { numRuns: 3000 });
  });

  it('streaming gives what scan gives, whatever the document', () => {
    fc.assert(fc.property(docArb, (text) => {
      const s = createScanner();
      const streamed = [...splitLines(text).flatMap((l) => s.push(l)), ...s.end()];
      const key = (f: Finding) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;
      assert.deepEqual(streamed.map(key).sort(), scan(text).map(key).sort());
    }), { numRuns: 1000 });
  });

  it('lines of 100 KB of one character return (and find nothing)', function () {
    this.timeout(60_000);
    for (const ch of ['5', ' ', '-', '.', 'a', '<', ':', '"', '=', '#', '\\', '[', '_', '\t']) {
      const line = ch.repeat(100 * 1024);
      assert.deepEqual(scan(line), [], JSON.stringify(ch));
      assert.deepEqual(scan(`Diagnostic-Code: smtp; ${line}`).length <= 1, true);
    }
  });

  it('lines of 100 KB of a repeated anchor return', function () {
    this.timeout(60_000);
    for (const piece of ['said: ', 'status=', ': 550 ', '550-', '"code":550,', 'reject: ', ' C="250 ', '(#5.1.1)', 'RCPT TO:<', 'rejected ', '\\n']) {
      const line = piece.repeat(Math.ceil((100 * 1024) / piece.length));
      assertWellFormed(line, scan(line));
      assertWellFormed(`220 x ESMTP\n${line}`, scan(`220 x ESMTP\n${line}`));
    }
  });

  it('a 10 MB line is cut at the cap and returns', function () {
    this.timeout(60_000);
    const line = `Mar  1 10:15:01 mail postfix/smtp[1]: A: to=<a@b>, dsn=5.1.1, status=bounced (host x said: 550 ${'5'.repeat(10 * 1024 * 1024)})`;
    const f = scan(line);
    assert.ok(f.length <= 1);
    for (const x of f) assert.ok(x.range.end.character <= MAX_SCAN_LINE);
  });

  it('every anchor belongs to one locator', () => {
    const all = ANCHOR_LOCATORS.flatMap((l) => [...l.anchors, ...(l.lineAnchors ?? [])]);
    assert.equal(new Set(all).size, all.length);
  });
});

describe('regular expressions of the scanner', () => {
  it('the scanner exports its regular expressions', () => assert.ok(SCANNER_REGEXES.length >= 2));
  for (const re of SCANNER_REGEXES) {
    it(`/${re.source.slice(0, 60)}…/ cannot backtrack catastrophically`, function () {
      this.timeout(120_000);
      const result = checkSync(re.source, re.flags);
      assert.equal(result.status, 'safe', JSON.stringify(result));
    });
  }
});

describeCorpus('the corpus as a whole', () => {
  it('every corpus file scans, with well-formed findings', function () {
    this.timeout(120_000);
    let n = 0;
    for (const file of filesUnder(CORPUS)) {
      if (/\/LICENSES\/|SOURCES\.tsv$|README\.md$/.test(file)) continue;
      const text = readText(file);
      const found = scan(text);
      assertWellFormed(text, found);
      n += found.length;
    }
    assert.ok(n > 10_000, `${n} findings`);
  });
});

describe('bounded state', () => {
  it('a dialogue of 5000 continuation lines is cut into findings of at most 1000 lines', () => {
    const text = ['220 mx.example.net ESMTP', ...Array.from({ length: 5000 }, (_, i) => `250-line ${i}`), '250 end'].join('\n');
    const found = scan(text);
    assert.ok(found.length >= 6);
    for (const f of found) assert.ok(f.range.end.line - f.range.start.line < 1000);
    assert.equal(found.reduce((n, f) => n + f.range.end.line - f.range.start.line + 1, 0), 5002);
  });
});
