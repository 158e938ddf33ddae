import * as assert from 'node:assert/strict';
import { jsonLines, requireBuild, run, SAMPLE } from './helpers';

// `scan` says whose reply each finding is (`direction`), which reply only follows from another
// (`consequenceOf`), and says an inbound refusal to the operator of the refusing server.

const EXIM_LOG = [
  '2013-06-12 03:57:58 login authenticator failed for (ylmf-pc) [192.0.2.45]: 535 Incorrect authentication data',
  '2013-06-15 16:36:49 H=mx.example.com [192.0.2.116] F=<a@example.com> rejected RCPT <oksana@example.org>: Unknown user',
  '2024-03-01 10:15:06 1rfzQx-000Abc-7H ** bob@example.net R=dnslookup T=remote_smtp H=mx.example.net [192.0.2.5]: SMTP error from remote mail server after RCPT TO:<bob@example.net>: 550 5.1.1 User unknown',
].join('\n') + '\n';

const DIALOGUE = 'C: MAIL FROM:<a@example.com>\nS: 250 Ok\nC: RCPT TO:<b@example.net>\nS: 550 5.1.1 User unknown\nC: DATA\nS: 554 5.5.1 Error: no valid recipients\n';

describe('cli: scan, point of view', () => {
  before(requireBuild);

  it('--json gives direction and consequenceOf on every finding', () => {
    const r = run(['scan', '--json', SAMPLE]);
    assert.equal(r.status, 0, r.stderr);
    const recs = jsonLines(r.stdout);
    assert.ok(recs.length > 20);
    for (const f of recs) {
      assert.ok(['outbound', 'inbound', null].includes(f.direction as string | null), JSON.stringify(f));
      assert.ok('consequenceOf' in f);
    }
    assert.ok(recs.some((f) => f.direction === 'outbound'), 'the sample has deliveries');
  });

  it('an Exim mainlog: auth failures and rejections are inbound, a failed delivery outbound', () => {
    const recs = jsonLines(run(['scan', '--json', '-'], { input: EXIM_LOG }).stdout);
    assert.deepEqual(recs.map((f) => [f.line, f.direction, f.reason]), [[1, 'inbound', 'auth-failed'], [2, 'inbound', 'user-unknown'], [3, 'outbound', 'user-unknown']]);
    assert.match(recs[0].summary as string, /refused by this server \(inbound\): a client's login was refused/);
    assert.equal(recs[1].code, null, 'Exim logged the refusal without its code');
  });

  it('the readable output says inbound, and gives the operator\'s words', () => {
    const out = run(['scan', '-'], { input: EXIM_LOG }).stdout.split('\n');
    assert.match(out[0], /Permanent failure \(inbound\): a client's login was refused; act on many failures from one address/);
    assert.doesNotMatch(out[0], /fix on your side/);
    assert.match(out[2], /Permanent failure: the mailbox does not exist; do not retry/);
  });

  it('a reply that only follows from a refusal: consequenceOf (1-based) in JSON, "follows from line N" in the readable output', () => {
    const recs = jsonLines(run(['scan', '--json', '-'], { input: DIALOGUE }).stdout);
    assert.deepEqual(recs.map((f) => f.consequenceOf), [null, null, { line: 4 }]);
    const readable = run(['scan', '-'], { input: DIALOGUE }).stdout.trim().split('\n');
    assert.match(readable[2], /\(follows from line 4\)$/);
    assert.doesNotMatch(readable[1], /follows from/);
  });
});
