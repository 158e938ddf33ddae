import { strict as assert } from 'assert';
import { AUTO_REPLY_SUBJECTS, BOUNCE_SUBJECTS, REPORT_CLASS_PHRASES, REPORT_SIGNATURES, RETURNED_MESSAGE_MARKERS } from '../../src/core/data/bounceFormats';
import { addressesIn, isReturnedMessageMarker, mentionsIn, reportClass, reportSignature } from '../../src/core/mail/report';
import { explain } from '../../src/core/explain';

// Every row of the bounce-format tables is checked against its own example.

describe('bounce formats: the line that opens the returned message', () => {
  for (const m of RETURNED_MESSAGE_MARKERS) {
    it(`${m.writer}: ${m.example}`, () => {
      assert.equal(isReturnedMessageMarker(m.example), true);
      assert.equal(isReturnedMessageMarker(`x ${m.example}`), false, 'only at the start of a line');
    });
  }
  it('a reply or a sentence of the report is no marker', () => {
    for (const l of ['550 5.1.1 User unknown', 'The original message was received at Tue, 4 Mar 2025', 'Message will be retried for 2 more day(s)', '']) {
      assert.equal(isReturnedMessageMarker(l), false, l);
    }
  });
});

describe('bounce formats: what a report says of the class of its failures', () => {
  for (const p of REPORT_CLASS_PHRASES) {
    it(`${p.writer}: "${p.example}" → ${p.class}`, () => {
      assert.ok(p.example.toLowerCase().includes(p.phrase), 'the example holds the phrase');
      assert.equal(reportClass(p.example), p.class);
    });
  }
  it('words that say nothing of it give nothing', () => {
    assert.equal(reportClass('This is the mail system at host mx.example.com.'), null);
  });
  it('subjects of bounces and of auto-replies are lower-case phrases, none of one list in the other', () => {
    for (const s of [...BOUNCE_SUBJECTS, ...AUTO_REPLY_SUBJECTS]) assert.equal(s, s.toLowerCase());
    for (const s of BOUNCE_SUBJECTS) assert.ok(!AUTO_REPLY_SUBJECTS.some((a) => s.includes(a)), s);
  });
});

describe('bounce formats: the help link that names a report\'s writer in any language', () => {
  for (const x of REPORT_SIGNATURES) {
    it(`${x.writer}: ${x.phrase}`, () => {
      assert.equal(reportSignature(x.example), x.phrase, 'the example holds the phrase');
      // A text rule knows the link: words that give no reason, read with it, get that writer's reason.
      const e = explain(`Some words in any language ${x.phrase}`);
      assert.notEqual(e.reason, 'unknown');
      assert.equal(e.provider, x.writer);
    });
  }
  it('a report without one has none', () => {
    assert.equal(reportSignature('Visit the Help Center at https://support.google.com/mail/'), null);
  });
});

describe('bounce formats: the addresses a report names', () => {
  it('finds addresses, not a sentence\'s full stop, a URL\'s user or a content id', () => {
    const line = 'Mail to <bob@example.net>, carol@example.org. and http://user@example.com/x cid:part1@example.com';
    assert.deepEqual(mentionsIn(line, 0).map((m) => m.address), ['bob@example.net', 'carol@example.org']);
    assert.deepEqual(addressesIn('"kijitora"@example.org').length, 0);
  });
  it('tells a recipient list\'s entry from an address in a sentence', () => {
    assert.deepEqual(mentionsIn('  <bob@example.net>: host mx said: 550', 3).map((m) => [m.line, m.head]), [[3, true]]);
    assert.deepEqual(mentionsIn('   * carol@example.org', 0).map((m) => m.head), [true]);
    assert.deepEqual(mentionsIn('There was an error delivering your mail to <kim@example.org>.', 0).map((m) => m.head), [false]);
  });
  it('reads no quoted header field as a mention', () => {
    for (const l of ['Received: from a by b for <bob@example.net>;', 'From: alice@example.com', 'Message-ID: <1@example.com>']) assert.deepEqual(mentionsIn(l, 0), [], l);
  });
});
