import { strict as assert } from 'assert';
import { join } from 'path';
import { scan } from '../../src/core/scan';
import type { Finding } from '../../src/core/types';
import { CORPUS, corpusFile, describeCorpus } from '../support/corpus';
import { filesUnder, readText, sliceRange, splitLines } from './fixtures/scan/support';

// The formats say themselves how a delivery ended (Postfix `status=`, Exim's flags, Sendmail `stat=`,
// swaks' `<**`): over whole corpus folders, the reply found on such a line must agree with the label,
// and a labelled line that carries a reply must yield a finding. Exceptions are listed with their reason.
// (scanOwnLogs.test.ts checks the same over the logs the project keeps, without the corpus.)

interface Doc {
  name: string;
  text: string;
}

interface Tally {
  labelled: number;
  withoutFinding: string[];
  disagreeing: string[];
}

/** Goes over the lines `select` picks; each must have a labelled finding agreeing with its label. */
function tally(docs: Doc[], select: (line: string) => boolean, carriesReply: (line: string) => boolean = () => true): Tally {
  const t: Tally = { labelled: 0, withoutFinding: [], disagreeing: [] };
  for (const d of docs) {
    const lines = splitLines(d.text);
    const byLine = new Map<number, Finding[]>();
    for (const f of scan(d.text)) {
      const l = f.range.start.line;
      if (!byLine.has(l)) byLine.set(l, []);
      byLine.get(l)!.push(f);
    }
    lines.forEach((line, i) => {
      if (!select(line)) return;
      t.labelled++;
      const here = byLine.get(i) ?? [];
      if (here.length === 0) {
        if (carriesReply(line)) t.withoutFinding.push(`${d.name}:${i + 1}: ${line}`);
        return;
      }
      for (const f of here.filter((x) => x.label !== null)) {
        if (f.label!.class !== f.explanation.class) t.disagreeing.push(`${d.name}:${i + 1}: ${f.label!.text} vs ${sliceRange(lines, f.range)}`);
      }
    });
  }
  return t;
}

/** Postfix sample lines: the fail2ban log, logwatch's, and the `line` of every postfix-grok-patterns sample. */
function postfixDocs(): Doc[] {
  const docs: Doc[] = [
    { name: 'fail2ban-postfix.log', text: readText(join(CORPUS, 'postfix/fail2ban-postfix.log')) },
    { name: 'logwatch-postfix-TD-lines.txt', text: readText(join(CORPUS, 'postfix/logwatch-postfix-TD-lines.txt')) },
  ];
  for (const l of splitLines(readText(join(CORPUS, 'postfix/postfix-grok-patterns-samples.jsonl')))) {
    if (l.trim() === '') continue;
    const j = JSON.parse(l) as { file: string; line: string };
    docs.push({ name: j.file, text: j.line });
  }
  return docs;
}

function eximDocs(): Doc[] {
  const files = [
    ...filesUnder(join(CORPUS, 'exim/exim-testsuite/log')),
    ...filesUnder(join(CORPUS, 'exim/exim-testsuite/rejectlog')),
    join(CORPUS, 'exim/fail2ban-exim.log'),
    join(CORPUS, 'exim/fail2ban-exim-spam.log'),
  ];
  return files.map((f) => ({ name: f.slice(CORPUS.length + 1), text: readText(f) }));
}

describeCorpus('labels: Postfix status= and dsn=', () => {
  const t = tally(postfixDocs(), (l) => l.includes('status=') && l.includes('dsn='));
  it('every delivery line with status= and dsn= has a labelled finding', () => {
    assert.ok(t.labelled >= 45, `only ${t.labelled} labelled lines`);
    assert.deepEqual(t.withoutFinding, []);
    for (const d of postfixDocs()) for (const f of scan(d.text)) if (/ status=/.test(splitLines(d.text)[f.range.start.line])) assert.ok(f.label, d.name);
  });
  it('and its class agrees with the status', () => assert.deepEqual(t.disagreeing, []));
});

describeCorpus('labels: Postfix rejections', () => {
  const reject = (l: string) => / (?:milter-|proxy-)?reject: /.test(l) && /: [245]\d\d[ -]/.test(l);
  const t = tally(postfixDocs(), reject);
  it('every reject: line with a code has a finding whose class agrees', () => {
    assert.ok(t.labelled >= 30, `only ${t.labelled} labelled lines`);
    assert.deepEqual(t.withoutFinding, []);
    assert.deepEqual(t.disagreeing, []);
  });
  it('reject_warning: is labelled as not rejected', () => {
    const docs = postfixDocs();
    let n = 0;
    for (const d of docs) {
      for (const f of scan(d.text)) {
        if (f.label?.text !== 'reject_warning') continue;
        n++;
        assert.equal(f.label.class, 'success');
      }
    }
    assert.ok(n >= 10, `${n} reject_warning findings`);
  });
});

describeCorpus('labels: Exim flags', () => {
  const flag = /^\S+ \S+ (?:\[\d+\] )?\S+ (?:\*\*|==|=>|->) /;
  // A reply code after a colon, or Exim's confirmation `C="250 …"`: what a flag line's reply looks like.
  const naiveReply = /C="[2-5]\d\d|: [1-9]\d\d(?:[ -]|$)/;
  const t = tally(eximDocs(), (l) => flag.test(l), (l) => naiveReply.test(l));

  it('the flag lines that carry a reply have a finding', () => {
    assert.ok(t.labelled >= 4000, `only ${t.labelled} flag lines`);
    assert.deepEqual(t.withoutFinding, []);
  });

  it('an invalid code is not read as one: the failure is reported without a code', () => {
    // 0474 tests Exim against a server answering `850 RUBBISH` and `850 NONSENSE`: 8xx is no reply
    // code (RFC 5321 §4.2: the first digit is 2 to 5).
    let n = 0;
    for (const d of eximDocs()) {
      const lines = splitLines(d.text);
      for (const f of scan(d.text)) {
        if (!/ 850 (?:RUBBISH|NONSENSE)$/.test(lines[f.range.start.line])) continue;
        n++;
        assert.equal(f.codeRange, null);
        assert.equal(f.explanation.code, null);
      }
    }
    assert.equal(n, 3);
  });

  it('every ** and == line without any code is reported, with the class of its flag', () => {
    const codeless = /^\S+ \S+ (?:\[\d+\] )?\S+ (\*\*|==) /;
    let n = 0;
    for (const d of eximDocs()) {
      const lines = splitLines(d.text);
      const found = new Map(scan(d.text).map((f) => [f.range.start.line, f]));
      lines.forEach((line, i) => {
        const m = codeless.exec(line);
        // The failure's words follow a colon; a bare `defer (-1)` has none to explain.
        if (!m || !line.includes(': ', m.index + m[0].length) || /[:(=] ?"?[2-5]\d\d[ -]|C="/.test(line)) return;
        const f = found.get(i);
        assert.ok(f, `${d.name}:${i + 1}: ${line}`);
        n++;
        assert.equal(f.explanation.class, m[1] === '**' ? 'permanent' : 'transient', line);
      });
    }
    assert.ok(n >= 250, `${n} codeless flag lines`);
  });

  it('and their class agrees with the flag (two listed exceptions)', () => {
    // 0495: `**` after `450 TEMPORARY MAIL FAIL` — the test's configuration has no retry rule for the
    // host, so Exim bounces on a temporary reply: the reply is transient, the outcome permanent.
    const noRetryRule = t.disagreeing.filter((l) => l.startsWith('exim/exim-testsuite/log/0495:') && l.includes('450 TEMPORARY MAIL FAIL'));
    assert.equal(noRetryRule.length, 2);
    assert.deepEqual(t.disagreeing.filter((l) => !noRetryRule.includes(l)), []);
  });

  it('replies that did not decide the outcome carry no label', () => {
    // `Malformed SMTP reply …: 550 …` and `(EHLO response was: 550 …)` on `==` lines: Exim deferred
    // because of the form of the reply or a closed connection, not because of its code.
    let n = 0;
    for (const d of eximDocs()) {
      const lines = splitLines(d.text);
      for (const f of scan(d.text)) {
        const line = lines[f.range.start.line];
        if (!/Malformed SMTP reply|response was: /.test(line) || (!f.codeRange && !f.enhancedRange)) continue;
        n++;
        assert.equal(f.label, null, line);
      }
    }
    assert.ok(n >= 3);
  });
});

describeCorpus('labels: Sendmail stat= and reject=', () => {
  const docs = ['sendmail/fluent-plugin-sendmail-test-data.log', 'sendmail/fail2ban-sendmail-reject.log'].map((f) => ({ name: f, text: readText(join(CORPUS, f)) }));
  it('every stat= line has a finding whose class agrees', () => {
    const t = tally(docs, (l) => / stat=/.test(l));
    assert.equal(t.labelled, 6);
    assert.deepEqual(t.withoutFinding, []);
    assert.deepEqual(t.disagreeing, []);
  });
  it('every reject= line has a finding whose class agrees', () => {
    const t = tally(docs, (l) => /reject=\d/.test(l));
    assert.equal(t.labelled, 20);
    assert.deepEqual(t.withoutFinding, []);
    assert.deepEqual(t.disagreeing, []);
  });
});

describeCorpus('labels: swaks <**', () => {
  const docs = filesUnder(join(CORPUS, 'smtp-transcript/swaks')).map((f) => ({ name: f.slice(CORPUS.length + 1), text: readText(f) }));
  const marked = (l: string) => l.startsWith('<** ') || l.startsWith('<~* ');
  const t = tally(docs, marked, (l) => /^<[*~][*] +\d{3}/.test(l));

  it('every <** line with a code is in a finding (continuation lines in their reply)', () => {
    // The `<**` lines without a code are swaks' own: empty, or TLS bytes it could not read (00204).
    assert.ok(t.labelled >= 50);
    const continuation = t.withoutFinding.filter((l) => / 503 something went wrong$/.test(l));
    assert.equal(continuation.length, 3);
    assert.deepEqual(t.withoutFinding.filter((l) => !continuation.includes(l)), []);
  });

  it('and it is an error reply (one listed exception)', () => {
    // 05003: `<~* 220 SERVER ESMTP ready` — swaks marks as unexpected a greeting read inside TLS;
    // the marker says "unexpected", the code says success.
    assert.deepEqual(t.disagreeing.map((l) => l.replace(/:\d+:.*/, '')), ['smtp-transcript/swaks/_exec-transactions/05003.stdout']);
  });
});

// The samples are BSD-licensed: the project keeps a copy, so this runs without the corpus too.
describe('ground truth: postfix-grok-patterns samples', () => {
  interface Sample {
    file: string;
    line: string;
    labels: Record<string, string | number>;
  }
  const samples = splitLines(readText(corpusFile('postfix/postfix-grok-patterns-samples.jsonl')!))
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Sample);

  /** The reply as the sample's parsed fields give it, without Postfix's own wrapping. */
  function expectedReply(s: Sample): string | null {
    const L = s.labels;
    if (L.postfix_status_code !== undefined) {
      // smtpd, postscreen, cleanup: the reply runs from the code to the `; ` before the key=value data.
      const start = s.line.indexOf(`: ${L.postfix_status_code} `) + 2;
      const kv = L.postfix_keyvalue_data ? s.line.lastIndexOf(`; ${L.postfix_keyvalue_data}`) : s.line.length;
      return s.line.slice(start, kv);
    }
    if (L.postfix_proxy_message !== undefined) return L.postfix_proxy_message === '' ? null : String(L.postfix_proxy_message);
    const r = L.postfix_smtp_response;
    if (r === undefined || !/^(?:.* said: |.* refused to talk to me: )?[2-5]\d\d[ -]/.test(String(r))) return null;
    return String(r).replace(/^.*? said: |^.*? refused to talk to me: /, '').replace(/ \(in reply to .* command\)$/, '');
  }

  const withReply = samples.filter((s) => expectedReply(s) !== null);
  it('the samples hold enough replies to test', () => assert.ok(withReply.length >= 20, `${withReply.length}`));

  for (const s of withReply) {
    it(`${s.file}: code, enhanced code and range`, () => {
      const expected = expectedReply(s)!;
      const found = scan(s.line);
      const f = found.find((x) => x.codeRange !== null);
      assert.ok(f, `no reply found in ${s.line}`);
      assert.equal(s.line.slice(f.range.start.character, f.range.end.character), expected);
      const code = Number(s.labels.postfix_status_code ?? s.labels.postfix_proxy_status_code ?? expected.slice(0, 3));
      assert.equal(s.line.slice(f.codeRange!.start.character, f.codeRange!.end.character), String(code));
      assert.equal(f.explanation.code, code);
      const enhanced = s.labels.postfix_status_code_enhanced ?? s.labels.postfix_proxy_status_code_enhanced;
      if (enhanced !== undefined) {
        assert.equal(f.enhancedRange && s.line.slice(f.enhancedRange.start.character, f.enhancedRange.end.character), enhanced);
        assert.equal(f.explanation.enhanced, enhanced);
      }
      if (s.labels.postfix_status_message !== undefined) assert.ok(expected.endsWith(String(s.labels.postfix_status_message)));
    });
  }

  it('milter and local deliveries without a basic code: the enhanced code and Postfix\'s text', () => {
    // cleanup_0004: `milter-reject: … : 5.7.1 Blocked by SpamAssassin`; local, pipe, virtual: `dsn=` and the text.
    const cases = samples.filter((s) => s.file === 'cleanup_0004.yaml' || (/^(?:local|pipe|virtual|error)_/.test(s.file) && s.line.includes('dsn=')));
    assert.ok(cases.length >= 7);
    for (const s of cases) {
      const [f] = scan(s.line);
      assert.ok(f, s.line);
      assert.equal(f.codeRange, null);
      const dsn = /dsn=(\d\.\d+\.\d+)/.exec(s.line)?.[1] ?? '5.7.1';
      assert.equal(f.explanation.enhanced, dsn);
      const text = String(s.labels.postfix_local_response ?? s.labels.postfix_pipe_response ?? s.labels.postfix_smtp_response ?? s.labels.postfix_error_response ?? 'Blocked by SpamAssassin');
      assert.ok(f.replyText!.endsWith(text), `${f.replyText} / ${text}`);
    }
  });
});
