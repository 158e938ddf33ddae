import { strict as assert } from 'assert';
import fc from 'fast-check';
import { explain } from '../../src/core/explain';
import { parseReply } from '../../src/core/parse';
import { PhraseMatcher } from '../../src/core/phraseMatcher';
import { renderMarkdown } from '../../src/core/render';

describe('properties of the core', () => {
  it('explain and renderMarkdown never throw and always classify', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const e = explain(s);
      assert.ok(['success', 'intermediate', 'transient', 'permanent', 'unknown'].includes(e.class));
      assert.equal(typeof renderMarkdown(e), 'string');
    }), { numRuns: 2000 });
  });

  it('explain survives mutated replies', () => {
    const base = ['550-5.1.1 The email account does not exist.', '421 4.7.0 Try again later', 'dsn=5.2.2', '250 2.0.0OK'];
    fc.assert(fc.property(fc.constantFrom(...base), fc.array(fc.tuple(fc.nat(60), fc.string({ maxLength: 4 })), { maxLength: 6 }), (s, edits) => {
      let t = s;
      for (const [at, ins] of edits) t = t.slice(0, at % (t.length + 1)) + ins + t.slice(at % (t.length + 1));
      explain(t);
    }), { numRuns: 2000 });
  });

  it('a parsed code is always a real code of the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), fc.integer({ min: 200, max: 599 }), fc.string({ maxLength: 80 }), (a, code, b) => {
      const p = parseReply(`${a}\n${code} ${b}`);
      if (p.code !== null) assert.ok(`${a}\n${code} ${b}`.includes(String(p.code)));
    }), { numRuns: 1000 });
  });

  it('the phrase automaton finds exactly what a naive search finds', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), minLength: 1, maxLength: 5 });
    fc.assert(fc.property(fc.uniqueArray(word, { maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' '), maxLength: 40 }), (phrases, text) => {
      const m = new PhraseMatcher(phrases);
      const found = new Set<number>();
      m.forEachMatch(text, (id) => found.add(id));
      const expected = new Set(phrases.flatMap((p, i) => (text.includes(p) ? [i] : [])));
      assert.deepEqual([...found].sort(), [...expected].sort());
    }), { numRuns: 3000 });
  });

  it('returns on 100 KB lines of one repeated character', () => {
    for (const ch of ['5', ' ', '-', '.', 'a', '<', '5.', '550-', '5.1.']) {
      const e = explain(ch.repeat(Math.ceil(100_000 / ch.length)));
      assert.ok(e);
    }
  });
});
