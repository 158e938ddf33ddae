import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { createScanner, scan } from '../../src/core/scan';
import { MAX_DEFERRED } from '../../src/core/scan/locators/postfix';
import { corpusFile } from '../support/corpus';

// Postfix's qmgr gives up on a message that stayed deferred past maximal_queue_lifetime:
// `QID: from=<…>, status=expired, returned to sender`. It is a permanent failure; the last deferral of the
// same queue id, when the log has it, says what kept failing and for whom.

const DEFERRED_FULL = 'Jan  1 00:00:01 mx postfix/smtp[11]: 4F9D3C2A1B: to=<ann@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=5, delays=0/0/5/0, dsn=4.2.2, status=deferred (host mx.example.com[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))';
const DEFERRED_CONNECT = 'Jan  1 00:00:02 mx postfix/smtp[11]: 5A5A5A5A5A: to=<bob@example.org>, relay=none, delay=5, delays=0/0/5/0, dsn=4.4.1, status=deferred (connect to example.org[192.0.2.2]:25: Connection timed out)';
const expiry = (id: string) => `Jan  6 00:00:01 mx postfix/qmgr[12]: ${id}: from=<sender@example.net>, status=expired, returned to sender`;

describe('Postfix: status=expired, returned to sender', () => {
  it('is a permanent failure, reason expired, on the words after status=, when the log has no deferral of it', () => {
    const line = expiry('6B6B6B6B6B');
    const [f] = scan(line);
    assert.equal(f.format, 'postfix');
    assert.equal(line.slice(f.range.start.character, f.range.end.character), 'expired, returned to sender');
    assert.equal(f.codeRange, null);
    assert.deepEqual([f.label?.text, f.label?.class], ['expired', 'permanent']);
    assert.equal(f.recipient, null);
    assert.equal(f.explanation.class, 'permanent');
    assert.equal(f.explanation.reason, 'expired');
  });

  it('carries the last deferral of its queue id: that recipient, and what kept failing as the reason', () => {
    const found = scan([DEFERRED_FULL, DEFERRED_CONNECT, expiry('4F9D3C2A1B'), expiry('5A5A5A5A5A')].join('\n'));
    const expired = found.filter((f) => f.label?.text === 'expired');
    assert.deepEqual(expired.map((f) => [f.recipient, f.explanation.class, f.explanation.reason]), [
      ['ann@example.com', 'permanent', 'mailbox-full'],
      ['bob@example.org', 'permanent', 'network'],
    ]);
    assert.match(expired[0].replyText ?? '', /^Mailbox full \(expired, returned to sender\)$/);
  });

  it('the last deferral wins, and a message that left the queue is forgotten', () => {
    const later = DEFERRED_CONNECT.replace('5A5A5A5A5A', '4F9D3C2A1B').replace('bob@example.org', 'ann@example.com');
    const [a] = scan([DEFERRED_FULL, later, expiry('4F9D3C2A1B')].join('\n')).filter((f) => f.label?.text === 'expired');
    assert.equal(a.explanation.reason, 'network');
    const sent = 'Jan  2 00:00:01 mx postfix/smtp[11]: 4F9D3C2A1B: to=<ann@example.com>, relay=mx.example.com[192.0.2.1]:25, delay=9, delays=0/0/5/4, dsn=2.0.0, status=sent (250 2.0.0 OK)';
    const [b] = scan([DEFERRED_FULL, sent, expiry('4F9D3C2A1B')].join('\n')).filter((f) => f.label?.text === 'expired');
    assert.deepEqual([b.recipient, b.explanation.reason], [null, 'expired']);
  });

  it('an expiry is reported once, and the memory of the queue id goes with it', () => {
    const s = createScanner();
    s.push(DEFERRED_FULL);
    assert.equal(s.push(expiry('4F9D3C2A1B'))[0].explanation.reason, 'mailbox-full');
    assert.equal(s.push(expiry('4F9D3C2A1B'))[0].explanation.reason, 'expired');
  });

  it(`remembers at most ${MAX_DEFERRED} deferred queue ids, the oldest forgotten first`, () => {
    const s = createScanner();
    const id = (n: number) => `Q${n.toString(16).toUpperCase().padStart(9, '0')}`;
    for (let n = 0; n <= MAX_DEFERRED; n++) s.push(DEFERRED_FULL.replace('4F9D3C2A1B', id(n)));
    assert.equal(s.push(expiry(id(0)))[0].explanation.reason, 'expired');
    assert.equal(s.push(expiry(id(MAX_DEFERRED)))[0].explanation.reason, 'mailbox-full');
  });

  const corpus = corpusFile('postfix/postfix-grok-patterns-samples.jsonl');
  (corpus ? it : it.skip)('finds the expiries of the corpus (postfix-grok-patterns qmgr samples)', () => {
    const lines = readFileSync(corpus!, 'utf8').split('\n').filter((l) => l.includes('status=expired')).map((l) => JSON.parse(l).line as string);
    assert.ok(lines.length > 0);
    for (const line of lines) {
      const f = scan(line);
      assert.equal(f.length, 1, line);
      assert.deepEqual([f[0].explanation.class, f[0].explanation.reason], ['permanent', 'expired'], line);
    }
  });
});
