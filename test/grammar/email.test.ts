// The email grammar over real bounces (../shared/corpus/bounces, read at test time) and over our own fixtures: every
// DSN Action and Status coloured by the class it states, every code by its first digit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vsctm from 'vscode-textmate';
import { CLASS, ROLE } from '../../syntaxes/build';
import { CORPUS, ROOT, type Token, loadGrammar, readLines, tokenizeLines } from './textmate';

type ClassName = keyof typeof CLASS;
const CLASS_OF_DIGIT: Record<string, ClassName> = { 2: 'success', 3: 'intermediate', 4: 'transient', 5: 'permanent' };
const ACTION_CLASS: Record<string, ClassName> = { failed: 'permanent', delayed: 'transient', delivered: 'success', relayed: 'success', expanded: 'success' };
const classesOf = (t: Token): ClassName[] => (Object.keys(CLASS) as ClassName[]).filter((c) => t.scopes.includes(CLASS[c]));

const BOUNCES = path.join(CORPUS, 'bounces');
const FIXTURES = path.join(ROOT, 'test/core/fixtures/mail');

function emails(): string[] {
  const ours = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).map((f) => path.join(FIXTURES, f));
  const corpus = fs.existsSync(BOUNCES) ? fs.readdirSync(BOUNCES).filter((f) => f.endsWith('.eml')).map((f) => path.join(BOUNCES, f)) : [];
  return [...ours, ...corpus].sort();
}

describe('email grammar over bounce messages', function () {
  this.timeout(120_000);
  let grammar: vsctm.IGrammar;
  before(async () => { grammar = await loadGrammar('text.email.smtp-lens'); });

  it('colours each Action by its outcome, each Status and code by its first digit', () => {
    let actions = 0;
    let codes = 0;
    for (const file of emails()) {
      const lines = readLines(file);
      const tokens = tokenizeLines(grammar, lines);
      tokens.forEach((line, i) => {
        const where = `${path.basename(file)}:${i + 1}`;
        const m = /^Action:\s*(failed|delayed|delivered|relayed|expanded)\b/i.exec(lines[i]);
        if (m) {
          const t = line.find((x) => x.scopes.includes(ROLE.status));
          assert.ok(t, `${where}: the Action value is coloured`);
          assert.deepEqual(classesOf(t), [ACTION_CLASS[m[1].toLowerCase()]], where);
          actions++;
        }
        for (const t of line) {
          if (!t.scopes.includes(ROLE.replyCode) && !t.scopes.includes(ROLE.enhancedCode)) continue;
          assert.deepEqual(classesOf(t), [CLASS_OF_DIGIT[t.text[0]]], `${where}: "${t.text}"`);
          codes++;
        }
        if (/^Status:\s*[245]\.\d+\.\d+/.test(lines[i])) assert.ok(line.some((t) => t.scopes.includes(ROLE.enhancedCode)), `${where}: Status coloured`);
      });
    }
    assert.ok(actions >= 5 && codes >= 20, `${actions} actions and ${codes} codes checked`);
  });
});
