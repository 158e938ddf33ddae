// Where the real-log corpus is, if anywhere. The corpus (GPL files among others) is not part of the project:
// developers and CI have it beside the checkout, at ../shared/corpus; anyone can point the tests at a copy with
// SMTP_LENS_CORPUS=DIR. Without one, the suites that need it are not registered, and one line says so.
//
// The corpus files whose licence allows copying (MIT, BSD) are also kept in the project, under
// test/fixtures/corpus/ with the same layout (sources and licences in its README): `corpusFile()` finds those
// even without a corpus.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './root';

const fromEnv = process.env.SMTP_LENS_CORPUS;

/** The folder looked at: SMTP_LENS_CORPUS when set, else ../shared/corpus beside the project root. */
export const CORPUS = fromEnv ? path.resolve(fromEnv) : path.resolve(PROJECT_ROOT, '../shared/corpus');

/** The permissively licensed part of the corpus, copied into the project. */
export const CORPUS_COPIES = path.join(PROJECT_ROOT, 'test/fixtures/corpus');

const found = fs.existsSync(CORPUS) && fs.statSync(CORPUS).isDirectory();
let told = false;

/** Whether the corpus is there; the first time it is not, says so in one line. */
export function hasCorpus(): boolean {
  if (!found && !told) {
    told = true;
    console.log(`corpus suites skipped: no corpus at ${CORPUS}; set SMTP_LENS_CORPUS=DIR to run them`);
  }
  return found;
}

/** A corpus file (`postfix/fail2ban-postfix.log`): in the corpus, else the project's copy, else undefined. */
export function corpusFile(rel: string): string | undefined {
  if (found) return path.join(CORPUS, rel);
  const copy = path.join(CORPUS_COPIES, rel);
  if (fs.existsSync(copy)) return copy;
  hasCorpus();
  return undefined;
}

/** mocha's `describe` for a suite that reads the corpus: registered only when there is one. */
export function describeCorpus(title: string, fn: (this: Mocha.Suite) => void): void {
  if (hasCorpus()) describe(title, fn);
}
