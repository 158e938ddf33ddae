import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, requireBuild, run } from './helpers';
import { CORPUS as CORPUS_ROOT, hasCorpus } from '../support/corpus';

// The dev-set scorer of issue 7 (../shared/bin/score-bounces.mjs over ../shared/corpus/bounces), in explain mode:
// the floors below are the figures reached, a little under, so a later change cannot silently lose accuracy.
// Scan-mode floors live in their own file.

// The scorer sits beside the corpus in the developers' shared folder (../shared/bin next to ../shared/corpus).
const SCORER = process.env.SMTP_LENS_SCORER ?? path.resolve(CORPUS_ROOT, '../bin/score-bounces.mjs');
const LABELS = path.join(CORPUS_ROOT, 'bounces/labels.tsv');

const FLOORS = {
  /** Predicted reason among the expected ids. */
  fine: 95.0,
  /** Predicted class equals the label's, over every row with an expected class (words-only texts included). */
  cls: 82.0,
  /** Predicted class, over the rows whose text carries a reply code or an enhanced code. */
  clsWithCode: 98.0,
  /** `bounce` against Sisimai's hard-bounce flag. */
  hardSoft: 91.0,
};

interface ExplainSummary { fine: number; cls: number; hardSoft: number }

/** `bounces: explain fine 95.8% class 82.1% hard/soft 91.2% n=306; scan …` → the explain figures. */
function explainFigures(stdout: string): ExplainSummary {
  const m = /bounces: explain fine ([\d.]+)% class ([\d.]+)% hard\/soft ([\d.]+)%/.exec(stdout);
  assert.ok(m, `no summary line in the scorer's output:\n${stdout.slice(-2000)}`);
  return { fine: Number(m[1]), cls: Number(m[2]), hardSoft: Number(m[3]) };
}

describe('cli: the bounce dev set (issue 7), explain mode', function () {
  this.timeout(180_000);
  let available = false;

  before(function () {
    available = hasCorpus() && fs.existsSync(SCORER) && fs.existsSync(LABELS);
    if (!available) {
      // Without a corpus, hasCorpus() has said so once; with one that lacks the dev set or its scorer, say which.
      if (hasCorpus()) console.log(`    (skipped: ${SCORER} or ${LABELS} is missing)`);
      this.skip();
    }
    requireBuild();
  });

  it('keeps reason, class and hard/soft agreement at or above the floors', () => {
    const r = spawnSync(process.execPath, [SCORER, CLI, '--corpus', path.dirname(LABELS)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    const got = explainFigures(r.stdout);
    assert.ok(got.fine >= FLOORS.fine, `explain fine reason ${got.fine}% < ${FLOORS.fine}%`);
    assert.ok(got.cls >= FLOORS.cls, `explain class ${got.cls}% < ${FLOORS.cls}%`);
    assert.ok(got.hardSoft >= FLOORS.hardSoft, `explain hard/soft ${got.hardSoft}% < ${FLOORS.hardSoft}%`);
  });

  it('gets the class right where the text carries a code', () => {
    const [head, ...rows] = fs.readFileSync(LABELS, 'utf8').split('\n').filter((l) => l.length);
    const cols = head.split('\t');
    const labels = rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])))
      .filter((row) => row.expected_reasons && row.expected_class && row.diagnosticcode.trim());
    const out = run(['explain', '--json', '--batch'], { input: labels.map((row) => row.diagnosticcode).join('\n') + '\n' });
    assert.equal(out.status, 0, out.stderr);
    const preds = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { class: string; code: number | null; enhanced: string | null });
    assert.equal(preds.length, labels.length);
    const coded = labels.map((row, i) => ({ row, p: preds[i] })).filter(({ p }) => p.code !== null || p.enhanced !== null);
    const right = coded.filter(({ row, p }) => p.class === row.expected_class);
    const pct = (100 * right.length) / coded.length;
    const misses = coded.filter(({ row, p }) => p.class !== row.expected_class).map(({ row, p }) => `${row.file}: ${p.class} ≠ ${row.expected_class}`);
    assert.ok(coded.length > 150, `only ${coded.length} rows with a code`);
    assert.ok(pct >= FLOORS.clsWithCode, `class where a code exists ${pct.toFixed(1)}% < ${FLOORS.clsWithCode}%:\n${misses.join('\n')}`);
  });
});
