import * as assert from 'node:assert/strict';
import { explain, explanationFacts, renderMarkdown } from '../../src/core';

// The hover reads top-down as a decision (issue 10): what to do first, then why, then the reference; nothing in
// it contradicts the class or the action.

const lines = (md: string) => md.split('\n').filter((l) => l.trim() !== '');
const indexOf = (md: string, re: RegExp) => lines(md).findIndex((l) => re.test(l));

describe('render: the hover reads as a decision', () => {
  for (const reply of ['550 5.1.1 User unknown', '421-4.7.0 [192.0.2.9] unusual rate of unsolicited mail\n421 4.7.0 try later', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', '250 2.0.0 OK']) {
    it(`"${reply.split('\n')[0]}": headline, then what to do, before why, the server's words and any code meaning`, () => {
      const md = renderMarkdown(explain(reply));
      const todo = indexOf(md, /^\*\*What to do/);
      assert.equal(todo, 1, md);
      assert.ok(indexOf(md, /^\*\*Why:/) > todo);
      assert.ok(indexOf(md, /^> /) > todo);
      for (const code of [/^\*\*\d{3}\*\* — /, /^\*\*\d\.\d+\.\d+\*\* — /]) {
        const at = indexOf(md, code);
        if (at >= 0) assert.ok(at > indexOf(md, /^---$/), `code meaning after the rule: ${md}`);
      }
    });
  }

  it('a retry schedule sits right under what to do', () => {
    const md = renderMarkdown(explain('451 4.7.1 Greylisted, please try again in 5 minutes'));
    assert.equal(indexOf(md, /^\*\*Retry schedule:/), indexOf(md, /^\*\*What to do/) + 1);
  });
});

describe('render: no contradictions inside one explanation', () => {
  it('a 4XX with X.7.1 does not present "useful only as a permanent error" as its meaning; the registry text is reconciled', () => {
    const e = explain('450 4.7.1 Client host rejected: cannot find your hostname');
    const code = explanationFacts(e).codes.find((c) => c.code === '4.7.1')!;
    assert.doesNotMatch(code.meaning, /permanent/);
    assert.ok(code.registry);
    assert.match(code.registry.text, /useful only as a permanent error/);
    assert.match(code.registry.reconcile, /temporary \(4XX\)/);
    assert.match(renderMarkdown(e), /Registry text: "[^"]*permanent error\." The registry means this code for permanent errors/);
  });

  it('the same code with a 5XX keeps its registry text as its meaning, with nothing to reconcile', () => {
    const code = explanationFacts(explain('554 5.7.1 Relay access denied')).codes.find((c) => c.code === '5.7.1')!;
    assert.equal(code.registry, null);
    assert.match(code.meaning, /useful only as a permanent error/);
  });

  it('a full mailbox refused with a 5XX reconciles the registry\'s "persistent transient failure" with the reply', () => {
    const code = explanationFacts(explain('552 5.2.2 Mailbox full')).codes.find((c) => c.code === '5.2.2')!;
    assert.ok(code.registry);
    assert.match(code.registry.reconcile, /permanent \(5XX\)/);
  });

  it('an enhanced code whose class digit disagrees with the reply code says which decides', () => {
    const code = explanationFacts(explain('554 4.4.7 Message expired: unable to deliver in 840 minutes')).codes.find((c) => c.code === '4.4.7')!;
    assert.match(code.note ?? '', /class digit 4 disagrees with the reply code 554/);
  });

  it("Microsoft's 550 5.1.10 RecipientNotFound shows Microsoft's meaning, not the registry's null MX", () => {
    const e = explain('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup');
    assert.equal(e.reason, 'user-unknown');
    const md = renderMarkdown(e);
    assert.doesNotMatch(md, /null MX/);
    assert.match(md, /\*\*5\.1\.10\*\* — RESOLVER\.ADR\.RecipientNotFound/);
    // Elsewhere 5.1.10 keeps the registry's meaning.
    assert.match(renderMarkdown(explain('550 5.1.10 Recipient address has null MX')), /null MX/);
  });

  it('common causes of a code only when the reply names no reason', () => {
    assert.doesNotMatch(renderMarkdown(explain('550 5.2.1 The email account that you tried to reach is disabled')), /Common causes/);
    assert.match(renderMarkdown(explain('550 Rejected')), /Common causes/);
  });

  it('blocklist advice does not claim the reply names a list when it names none', () => {
    const e = explain('554 5.7.1 Your IP is blocklisted');
    assert.equal(e.reason, 'blocklisted');
    assert.doesNotMatch(e.advice, /\(the (reply|text) names the list\)/);
  });
});
