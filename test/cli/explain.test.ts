import * as assert from 'node:assert/strict';
import { ACTIONS, explain, REASON_IDS, renderHeadline, renderMarkdown, REPLY_CLASSES } from '../../src/core';
import { hasSgr, jsonLines, noStackTrace, requireBuild, run } from './helpers';

const GMAIL_NO_SUCH_USER = '550-5.1.1 The email account that you tried to reach does not exist.';
const EXPLANATION_KEYS = [
  'code', 'enhanced', 'text', 'lines', 'class', 'category', 'basic', 'enhancedMeaning', 'reason', 'reasonSource',
  'reasonWhy', 'action', 'bounce', 'retry', 'advice', 'provider', 'confidence', 'summary',
].sort();

/** The Explanation as JSON would carry it (undefined fields dropped), for comparing with the CLI's output. */
function viaJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('cli: explain', () => {
  before(requireBuild);

  it('explains the Gmail "account does not exist" reply as a permanent user-unknown: do not retry', () => {
    const r = run(['explain', '--json', GMAIL_NO_SUCH_USER]);
    assert.equal(r.status, 0, r.stderr);
    const e = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.equal(e.class, 'permanent');
    assert.equal(e.reason, 'user-unknown');
    assert.equal(e.action, 'do-not-retry');
    assert.equal(e.bounce, 'hard');
    assert.equal(e.code, 550);
    assert.equal(e.enhanced, '5.1.1');
  });

  it('prints the Explanation with the field names of types.ts and the ids of the vocabulary', () => {
    for (const reply of [GMAIL_NO_SUCH_USER, '421 4.7.0 Try again later', '250 OK', '354 End data with <CR><LF>.<CR><LF>', 'hello']) {
      const e = JSON.parse(run(['explain', '--json', reply]).stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(e).sort(), EXPLANATION_KEYS, reply);
      assert.ok((REPLY_CLASSES as readonly unknown[]).includes(e.class), `class ${String(e.class)}`);
      assert.ok((REASON_IDS as readonly unknown[]).includes(e.reason), `reason ${String(e.reason)}`);
      assert.ok((ACTIONS as readonly unknown[]).includes(e.action), `action ${String(e.action)}`);
    }
  });

  it('says exactly what the core says', () => {
    const reply = '452 4.2.2 The email account that you tried to reach is over quota.';
    assert.deepEqual(JSON.parse(run(['explain', '--json', reply]).stdout), viaJson(explain(reply)));
  });

  it('joins the TEXT words with spaces and reads the two characters \\n as a line break', () => {
    const words = run(['explain', '--json', '550', '5.1.1', 'User', 'unknown']);
    assert.deepEqual(JSON.parse(words.stdout), viaJson(explain('550 5.1.1 User unknown')));
    const multi = JSON.parse(run(['explain', '--json', '250-mx.example.net Hello\\n250-SIZE 52428800\\n250 8BITMIME']).stdout);
    assert.deepEqual(multi, viaJson(explain('250-mx.example.net Hello\n250-SIZE 52428800\n250 8BITMIME')));
    assert.equal((multi as { lines: string[] }).lines.length, 3);
  });

  it('reads the reply from stdin when no TEXT is given', () => {
    const reply = '550-5.7.26 Unauthenticated email is not accepted\r\n550 5.7.26 due to the domain\'s DMARC policy.\r\n';
    const r = run(['explain', '--json'], { input: reply });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), viaJson(explain(reply.replace(/\r\n/g, '\n').trimEnd())));
  });

  it('renders a readable explanation: headline, reason and action, no colour when NO_COLOR is set', () => {
    const r = run(['explain', GMAIL_NO_SUCH_USER]);
    assert.equal(r.status, 0, r.stderr);
    const e = explain(GMAIL_NO_SUCH_USER);
    assert.equal(r.stdout.split('\n')[0], renderHeadline(e));
    assert.match(r.stdout, new RegExp(`Reason\\s+${e.reason}\\b`));
    assert.match(r.stdout, new RegExp(`Action\\s+${e.action}\\b`));
    assert.match(r.stdout, /Bounce\s+hard — hard bounce: remove this address/);
    assert.match(run(['explain', '552 5.2.2 Mailbox full']).stdout, /Bounce\s+soft — soft bounce: keep the address/);
    assert.doesNotMatch(run(['explain', '250 OK']).stdout, /Bounce/);
    assert.ok(!hasSgr(r.stdout));
  });

  it('colours with --color and not with --no-color, whatever the environment says', () => {
    assert.ok(hasSgr(run(['explain', '--color', GMAIL_NO_SUCH_USER]).stdout, '31'));
    assert.ok(!hasSgr(run(['explain', '--no-color', GMAIL_NO_SUCH_USER], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout));
    assert.ok(hasSgr(run(['explain', GMAIL_NO_SUCH_USER], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout));
  });

  it('prints the shared Markdown rendering with --markdown', () => {
    const r = run(['explain', '--markdown', GMAIL_NO_SUCH_USER]);
    assert.equal(r.stdout, renderMarkdown(explain(GMAIL_NO_SUCH_USER)) + '\n');
  });

  it('keeps terminal escape sequences in server text away from the terminal', () => {
    const r = run(['explain', '550 5.1.1 \x1b]0;pwned\x07 user unknown']);
    assert.ok(!r.stdout.includes('\x1b') && !r.stdout.includes('\x07'), JSON.stringify(r.stdout.slice(0, 80)));
  });

  describe('--batch', () => {
    it('writes one JSON object per input line, in order, equal to the core', () => {
      const replies = [
        GMAIL_NO_SUCH_USER,
        '',
        '421-4.7.0 [203.0.113.9] Our system has detected an unusual rate\\n421 4.7.0 of unsolicited mail.',
        '250 2.0.0 Ok: queued as 7C1D2E3F40',
        'not a reply at all',
        '451 4.7.1 Greylisted, please try again in 300 seconds',
        '5.2.2',
      ];
      const r = run(['explain', '--json', '--batch'], { input: replies.join('\r\n') + '\r\n' });
      assert.equal(r.status, 0, r.stderr);
      const out = jsonLines(r.stdout);
      assert.equal(r.stdout.split('\n').length - 1, replies.length, 'one output line per input line, even for an empty one');
      out.forEach((e, i) => assert.deepEqual(e, viaJson(explain(replies[i].replace(/\\n/g, '\n'))), `line ${i + 1}`));
    });

    it('keeps count and order over many lines, and handles a last line without newline', () => {
      const codes = [250, 421, 450, 451, 452, 550, 552, 554];
      const lines = Array.from({ length: 30000 }, (_, i) => `${codes[i % codes.length]} reply number ${i}`);
      const r = run(['explain', '--json', '--batch'], { input: lines.join('\n') });
      assert.equal(r.status, 0, r.stderr);
      const out = jsonLines(r.stdout);
      assert.equal(out.length, lines.length);
      out.forEach((e, i) => {
        assert.equal(e.code, codes[i % codes.length]);
        assert.equal(e.text, `reply number ${i}`);
      });
    });

    it('writes one summary line per reply without --json', () => {
      const r = run(['explain', '--batch'], { input: `${GMAIL_NO_SUCH_USER}\n250 OK\n` });
      assert.deepEqual(r.stdout.split('\n'), [explain(GMAIL_NO_SUCH_USER).summary, explain('250 OK').summary, '']);
    });

    it('refuses TEXT together with --batch, and --markdown with --json, as usage errors', () => {
      for (const args of [['explain', '--batch', '250 OK'], ['explain', '--json', '--markdown', '250 OK']]) {
        const r = run(args);
        assert.equal(r.status, 2, args.join(' '));
        assert.ok(noStackTrace(r.stderr));
      }
    });
  });
});
