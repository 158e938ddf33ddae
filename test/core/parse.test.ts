import { strict as assert } from 'assert';
import { locateCodes, parseReply } from '../../src/core/parse';

describe('parseReply', () => {
  const cases: Array<[string, number | null, string | null, string]> = [
    ['550 5.1.1 <jane@example.com>: Recipient address rejected: User unknown', 550, '5.1.1', '<jane@example.com>: Recipient address rejected: User unknown'],
    ['250 2.0.0OK 1700000000 a1-20020a', 250, '2.0.0', 'OK 1700000000 a1-20020a'],
    ['421-4.7.0 [192.0.2.1] Our system has detected an unusual rate of', 421, '4.7.0', '[192.0.2.1] Our system has detected an unusual rate of'],
    ['dsn=5.1.1', null, '5.1.1', ''],
    ['#5.1.1', null, '5.1.1', ''],
    ['Sorry, no mailbox here by that name. (#5.1.1)', null, '5.1.1', 'Sorry, no mailbox here by that name.'],
    ['Sorry, I wasn\'t able to establish an SMTP connection. (#4.4.1)', null, '4.4.1', 'Sorry, I wasn\'t able to establish an SMTP connection.'],
    ['smtp; 550 5.1.1 user unknown', 550, '5.1.1', 'user unknown'],
    ['354 End data with <CR><LF>.<CR><LF>', 354, null, 'End data with <CR><LF>.<CR><LF>'],
    ['221', 221, null, ''],
    ['552-5.2.2 The email account that you tried to reach is over quota.', 552, '5.2.2', 'The email account that you tried to reach is over quota.'],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 550, '5.1.10', 'RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
    ['no code at all', null, null, 'no code at all'],
    ['4.3.0 Other mail system problem 451 local error', null, '4.3.0', 'Other mail system problem 451 local error'],
  ];
  for (const [input, code, enhanced, text] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => {
      const p = parseReply(input);
      assert.equal(p.code, code);
      assert.equal(p.enhanced, enhanced);
      assert.equal(p.text, text);
    });
  }

  it('joins the lines of a multi-line reply and drops their code prefixes', () => {
    const p = parseReply('550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n550-5.1.1 double-checking the recipient\'s email address for typos or\r\n550 5.1.1 unnecessary spaces. x1si - gsmtp\r\n');
    assert.equal(p.code, 550);
    assert.equal(p.enhanced, '5.1.1');
    assert.deepEqual(p.lines, [
      'The email account that you tried to reach does not exist. Please try',
      'double-checking the recipient\'s email address for typos or',
      'unnecessary spaces. x1si - gsmtp',
    ]);
  });

  it('undoes a multi-line reply that a log flattened onto one line', () => {
    const p = parseReply('550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient\'s email address 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser');
    assert.equal(p.text, 'The email account that you tried to reach does not exist. Please try double-checking the recipient\'s email address https://support.google.com/mail/?p=NoSuchUser');
  });

  it('takes the innermost reply of a nested one', () => {
    const p = parseReply('host relay.example.net[192.0.2.7] said: 554 5.7.1 relay refused: remote said: 550 5.1.1 <bob@example.org>... User unknown');
    assert.equal(p.code, 550);
    assert.equal(p.enhanced, '5.1.1');
    assert.equal(p.text, '<bob@example.org>... User unknown');
  });

  it('does not read codes inside IP addresses, times or numbers', () => {
    for (const s of ['connect from 10.5.1.1', 'at 12:25:00 nothing', 'id 15500 queued', 'v1.250.3']) {
      const p = parseReply(s);
      assert.equal(p.code, null, s);
      assert.equal(p.enhanced, null, s);
    }
  });
});

describe('locateCodes', () => {
  it('gives the exact offsets of both codes and of the text', () => {
    const line = 'said: 550-5.1.1 No such user';
    const s = locateCodes(line);
    assert.ok(s);
    assert.equal(line.slice(s.codeStart, s.codeEnd), '550');
    assert.equal(line.slice(s.enhancedStart, s.enhancedEnd), '5.1.1');
    assert.equal(line.slice(s.textStart), 'No such user');
  });
  it('finds a qmail enhanced code in parentheses', () => {
    const line = 'Sorry, no mailbox here by that name. (#5.1.1)';
    const s = locateCodes(line);
    assert.ok(s);
    assert.equal(line.slice(s.enhancedStart, s.enhancedEnd), '5.1.1');
  });
});
