// Invariants of the grammars over every file of the real-log corpus (read in place at test time, from ../shared/corpus
// or SMTP_LENS_CORPUS; the GPL files are never copied into the project). Without a corpus this suite is skipped; the
// grammar unit and snapshot tests (npm run test:grammar) need none. The formats carry their own ground truth:
// Postfix status= and dsn=, Exim's flag after the message id, Sendmail stat= and reject=, the reply code's first digit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import { CLASS, ROLE } from '../../syntaxes/build';
import { describeCorpus } from '../support/corpus';
import { hasLogGrammar } from '../support/logGrammar';
import { CORPUS, SCOPE, Token, loadGrammar, readLines, tokenizeLines } from './textmate';

type ClassName = keyof typeof CLASS;
const CLASS_OF_DIGIT: Record<string, ClassName> = { 2: 'success', 3: 'intermediate', 4: 'transient', 5: 'permanent' };
const classesOf = (t: Token): ClassName[] =>
  (Object.keys(CLASS) as ClassName[]).filter((c) => t.scopes.includes(CLASS[c]));

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  }).sort();
}
const corpus = (...rel: string[]): string[] => rel.flatMap((r) => {
  const p = path.join(CORPUS, r);
  return fs.statSync(p).isDirectory() ? files(p) : [p];
});

interface Tokenized { file: string; lines: string[]; tokens: Token[][]; states: vsctm.StateStack[] }

function tokenizeFile(grammar: vsctm.IGrammar, file: string): Tokenized {
  const lines = readLines(file);
  const states: vsctm.StateStack[] = [];
  let stack = vsctm.INITIAL;
  const tokens = lines.map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    states.push(stack);
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
  return { file: path.relative(CORPUS, file), lines, tokens, states };
}

/** Every reply code and enhanced code carries exactly one class, the one its first digit says. */
function checkCodeClasses(doc: Tokenized): number {
  let codes = 0;
  doc.tokens.forEach((line, i) => line.forEach((t) => {
    const isCode = t.scopes.includes(ROLE.replyCode) || t.scopes.includes(ROLE.enhancedCode);
    if (!isCode) return;
    codes++;
    assert.deepEqual(classesOf(t), [CLASS_OF_DIGIT[t.text[0]]],
      `${doc.file}:${i + 1}: "${t.text}" has ${t.scopes.join(' ')}`);
  }));
  return codes;
}

/** The token whose text is `text`, first after `from` characters into the line. */
function tokenAt(tokens: Token[], text: string, from = 0): Token | undefined {
  let pos = 0;
  for (const t of tokens) {
    if (pos >= from && t.text === text) return t;
    pos += t.text.length;
  }
  return undefined;
}

function expectClass(doc: Tokenized, i: number, text: string, cls: ClassName, from = 0): void {
  const t = tokenAt(doc.tokens[i], text, from);
  assert.ok(t, `${doc.file}:${i + 1}: no token "${text}" in: ${doc.lines[i]}`);
  assert.deepEqual(classesOf(t), [cls], `${doc.file}:${i + 1}: "${text}" has ${t.scopes.join(' ')}`);
}

const POSTFIX_STATUS: Record<string, ClassName> = {
  sent: 'success', deferred: 'transient', bounced: 'permanent', expired: 'permanent',
};
const EXIM_FLAG = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [-+]\d{4})?(?: \[\d+\])? [0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4} (=>|->|\*\*|==) /;
const EXIM_FLAG_CLASS: Record<string, ClassName> = { '=>': 'success', '->': 'success', '**': 'permanent', '==': 'transient' };

describeCorpus('grammars over the corpus', function () {
  this.timeout(120000);
  let mailLog: vsctm.IGrammar;
  let transcript: vsctm.IGrammar;
  let logWithInjection: vsctm.IGrammar;
  let logAlone: vsctm.IGrammar;

  before(async () => {
    mailLog = await loadGrammar(SCOPE.mailLog);
    transcript = await loadGrammar(SCOPE.transcript);
    if (!hasLogGrammar()) return;
    logWithInjection = await loadGrammar(SCOPE.log);
    logAlone = await loadGrammar(SCOPE.log, { withInjection: false });
  });

  describe('mail-log', () => {
    const logFiles = (): string[] => [
      ...corpus('postfix/fail2ban-postfix.log', 'postfix/logwatch-postfix-TD-lines.txt'),
      ...corpus('exim/fail2ban-exim.log', 'exim/fail2ban-exim-spam.log', 'exim/exim-testsuite/log', 'exim/exim-testsuite/rejectlog'),
      ...corpus('sendmail/fail2ban-sendmail-reject.log', 'sendmail/fail2ban-sendmail-auth.log', 'sendmail/fluent-plugin-sendmail-test-data.log'),
      ...corpus('misc-mta-syslog'),
    ];

    it('gives every reply code and enhanced code the class of its first digit, in every log file', () => {
      let codes = 0;
      const all = logFiles();
      for (const f of all) codes += checkCodeClasses(tokenizeFile(mailLog, f));
      // Recognition, not only consistency: the corpus holds thousands of replies.
      assert.ok(all.length > 900, `only ${all.length} files`);
      assert.ok(codes > 1500, `only ${codes} codes recognised`);
    });

    it('returns to the same state at the end of every line (no line context leaks into the next)', () => {
      for (const f of logFiles()) {
        const doc = tokenizeFile(mailLog, f);
        doc.states.forEach((s, i) => {
          if (i > 0) assert.ok(s.equals(doc.states[0]), `${doc.file}:${i + 1}: state differs after: ${doc.lines[i]}`);
        });
      }
    });

    it('colours every Postfix status= and dsn= by outcome (fail2ban, logwatch)', () => {
      let statuses = 0;
      for (const f of corpus('postfix/fail2ban-postfix.log', 'postfix/logwatch-postfix-TD-lines.txt')) {
        const doc = tokenizeFile(mailLog, f);
        doc.lines.forEach((line, i) => {
          for (const m of line.matchAll(/\bstatus=(sent|deferred|bounced|expired)\b/g)) {
            expectClass(doc, i, m[1], POSTFIX_STATUS[m[1]], m.index);
            statuses++;
          }
          for (const m of line.matchAll(/\bdsn=([245])\.\d+\.\d+/g)) {
            expectClass(doc, i, m[0].slice(4), CLASS_OF_DIGIT[m[1]], m.index);
          }
        });
      }
      assert.ok(statuses >= 30, `only ${statuses} status= fields`);
    });

    it('agrees with the postfix-grok-patterns labels (status, status code, enhanced code, queue id), with and without a syslog head', () => {
      const rows = readLines(path.join(CORPUS, 'postfix/postfix-grok-patterns-samples.jsonl')).filter(Boolean)
        .map((l) => JSON.parse(l) as { file: string; line: string; labels: Record<string, string | number> });
      let checked = 0;
      for (const row of rows) {
        const head = `Nov 29 08:40:54 mx1 postfix/${row.file.replace(/_\d+\.yaml$/, '')}[4242]: `;
        for (const prefix of ['', head]) {
          const line = prefix + row.line;
          const doc: Tokenized = {
            file: `grok ${row.file}${prefix ? ' (with head)' : ''}`, lines: [line],
            tokens: tokenizeLines(mailLog, [line]), states: [],
          };
          const { postfix_status: status, postfix_status_code: code, postfix_status_code_enhanced: enhanced } = row.labels;
          if (typeof status === 'string' && status in POSTFIX_STATUS) {
            expectClass(doc, 0, status, POSTFIX_STATUS[status], line.indexOf('status='));
            checked++;
          }
          if (code !== undefined) {
            expectClass(doc, 0, String(code), CLASS_OF_DIGIT[String(code)[0]], prefix.length);
            checked++;
          }
          if (typeof enhanced === 'string' && /^[245]\.\d+\.\d+$/.test(enhanced)) {
            expectClass(doc, 0, enhanced, CLASS_OF_DIGIT[enhanced[0]], prefix.length);
            checked++;
          }
          const queueId = row.labels.postfix_queueid;
          if (typeof queueId === 'string' && row.line.startsWith(`${queueId}: `)) {
            const t = tokenAt(doc.tokens[0], queueId, prefix.length);
            assert.ok(t?.scopes.includes(ROLE.queueId), `${doc.file}: queue id ${queueId} not recognised: ${line}`);
            checked++;
          }
          checkCodeClasses(doc);
        }
      }
      assert.ok(checked >= 100, `only ${checked} labels checked`);
    });

    it('gives Exim\'s ** the permanent class, == transient, => and -> success (test-suite mainlogs, fail2ban)', () => {
      const seen: Record<string, number> = {};
      for (const f of corpus('exim/exim-testsuite/log', 'exim/fail2ban-exim.log', 'exim/fail2ban-exim-spam.log')) {
        const doc = tokenizeFile(mailLog, f);
        doc.lines.forEach((line, i) => {
          const m = EXIM_FLAG.exec(line);
          if (!m) return;
          expectClass(doc, i, m[1], EXIM_FLAG_CLASS[m[1]], m[0].length - m[1].length - 2);
          seen[m[1]] = (seen[m[1]] ?? 0) + 1;
        });
      }
      for (const flag of ['=>', '->', '**', '==']) assert.ok((seen[flag] ?? 0) > 100, `only ${seen[flag] ?? 0} ${flag} lines`);
    });

    it('colours Sendmail stat= and reject= by outcome', () => {
      let checked = 0;
      for (const f of corpus('sendmail')) {
        if (f.endsWith('.jsonl')) continue;
        const doc = tokenizeFile(mailLog, f);
        doc.lines.forEach((line, i) => {
          const stat = /\bstat=(Sent|Deferred)\b/.exec(line);
          if (stat) { expectClass(doc, i, stat[1], stat[1] === 'Sent' ? 'success' : 'transient', stat.index); checked++; }
          const reject = /\breject=([245])\d\d/.exec(line);
          if (reject) { expectClass(doc, i, reject[0].slice(7), CLASS_OF_DIGIT[reject[1]], reject.index); checked++; }
        });
      }
      assert.ok(checked >= 20, `only ${checked} stat=/reject= fields`);
    });

    it('leaves PIDs, ports, sizes and times without a class in the logs of other programs (misc-mta-syslog)', () => {
      for (const f of corpus('misc-mta-syslog')) {
        const doc = tokenizeFile(mailLog, f);
        doc.tokens.forEach((line, i) => line.forEach((t) => {
          if (classesOf(t).length === 0) return;
          // Only reply codes and outcome words may carry a class; a number that got one must be a reply after ": ".
          assert.ok(t.scopes.includes(ROLE.replyCode) || t.scopes.includes(ROLE.enhancedCode),
            `${doc.file}:${i + 1}: "${t.text}" has ${t.scopes.join(' ')}`);
          const text = t.text.replace(/\./g, '\\.');
          const context = t.text.length === 3
            ? new RegExp(`(?:: |said:\\s+|\\()${text}[ -]|${text}[ -]${t.text[0]}\\.\\d`) // after ": " or paired
            : new RegExp(`\\d\\d\\d[ -]${text}|: ${text} `); // after a code, or alone after ": "
          assert.match(doc.lines[i], context, `${doc.file}:${i + 1}: "${t.text}" coloured outside a reply context`);
        }));
      }
    });
  });

  describe('smtp-transcript', () => {
    const transcriptFiles = (): string[] => corpus('smtp-transcript/swaks', 'smtp-transcript/exim-testsuite-stdout');

    it('gives every reply code and enhanced code the class of its first digit, in every transcript', () => {
      let codes = 0;
      for (const f of transcriptFiles()) codes += checkCodeClasses(tokenizeFile(transcript, f));
      assert.ok(codes > 5000, `only ${codes} codes recognised`);
    });

    it('recognises the reply on every server line (swaks <- <** <~ <~*, Exim <<<)', () => {
      let lines = 0;
      for (const f of transcriptFiles()) {
        const doc = tokenizeFile(transcript, f);
        doc.lines.forEach((line, i) => {
          const m = /^(<-|<\*\*|<~\*|<~|<<<) +([2-5]\d\d)(?:[ -]|$)/.exec(line);
          if (!m) return;
          const t = tokenAt(doc.tokens[i], m[2], m[1].length);
          assert.ok(t && t.scopes.includes(ROLE.replyCode), `${doc.file}:${i + 1}: no reply code in: ${line}`);
          assert.deepEqual(classesOf(t), [CLASS_OF_DIGIT[m[2][0]]], `${doc.file}:${i + 1}: ${line}`);
          lines++;
        });
      }
      assert.ok(lines > 3000, `only ${lines} server lines`);
    });

    it('treats client lines as commands, not as replies', () => {
      for (const f of corpus('smtp-transcript/swaks')) {
        const doc = tokenizeFile(transcript, f);
        doc.lines.forEach((line, i) => {
          const m = /^ (->|~>) (EHLO|MAIL FROM:|RCPT TO:|DATA|QUIT|STARTTLS|AUTH|RSET)/.exec(line);
          if (!m) return;
          const cmd = tokenAt(doc.tokens[i], m[2]);
          assert.ok(cmd?.scopes.includes(ROLE.command), `${doc.file}:${i + 1}: ${line}`);
        });
      }
    });
  });

  // VS Code's log grammar comes from the VS Code the host tests install (test/support/logGrammar.ts).
  if (hasLogGrammar()) describe('injection into text.log', () => {
    const logFiles = (): string[] => corpus('postfix/fail2ban-postfix.log', 'postfix/logwatch-postfix-TD-lines.txt',
      'exim/fail2ban-exim.log', 'exim/exim-testsuite/log', 'sendmail', 'misc-mta-syslog').filter((f) => !f.endsWith('.jsonl'));
    const CONTEXT = /said:\s+[2-5]\d\d|\bstatus=\w|\bdsn=[245]\.|SMTP error from remote/;

    it('colours status=bounced (and every code it colours) by class inside the built-in log language', () => {
      let bounced = 0;
      for (const f of logFiles()) {
        const doc = tokenizeFile(logWithInjection, f);
        checkCodeClasses(doc);
        doc.lines.forEach((line, i) => {
          const m = /\bstatus=(bounced|deferred|sent)\b/.exec(line);
          if (!m) return;
          expectClass(doc, i, m[1], POSTFIX_STATUS[m[1]], m.index);
          if (m[1] === 'bounced') bounced++;
        });
      }
      assert.ok(bounced >= 10, `only ${bounced} bounced lines`);
    });

    it('leaves every line without an SMTP context exactly as the built-in grammar colours it', () => {
      let untouched = 0;
      for (const f of logFiles()) {
        const withInjection = tokenizeFile(logWithInjection, f);
        const alone = tokenizeFile(logAlone, f);
        withInjection.lines.forEach((line, i) => {
          if (CONTEXT.test(line)) return;
          assert.deepEqual(withInjection.tokens[i], alone.tokens[i], `${withInjection.file}:${i + 1}: ${line}`);
          untouched++;
        });
      }
      assert.ok(untouched > 10000, `only ${untouched} lines compared`);
    });
  });
});
