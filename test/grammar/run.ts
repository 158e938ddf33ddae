// `npm run test:grammar` (after `syntaxes/build.ts --check`): the grammar unit tests (test/grammar/unit/*.test.txt,
// vscode-tmgrammar-test) and snapshot tests (test/grammar/snap, vscode-tmgrammar-snap).
//
// The tests on `text.log` (our injection into VS Code's log language) need VS Code's own log grammar, which
// test/support/logGrammar.ts takes from the VS Code the host tests install (`npm run setup:host`). Without it they are
// skipped, and one line says so. Its snapshot (snap/log/app.log.snap) holds that grammar's scopes too: when a new
// VS Code changes them, `npx tsx test/grammar/run.ts --update` rewrites the snapshots (then read the diff).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasLogGrammar, LOG_GRAMMAR } from '../support/logGrammar';
import { PROJECT_ROOT } from '../support/root';

const OURS = {
  mailLog: 'syntaxes/mail-log.tmLanguage.json',
  transcript: 'syntaxes/smtp-transcript.tmLanguage.json',
  injection: 'syntaxes/smtp-log-injection.tmLanguage.json',
  email: 'syntaxes/email.tmLanguage.json',
};
const UNIT = 'test/grammar/unit';
const update = process.argv.includes('--update') ? ['--updateSnapshot'] : [];

const grammars = (...files: string[]): string[] => files.flatMap((f) => ['-g', f]);

/** Runs one of the tools from the project root (so that it prints the paths as before); true when it passed. */
function tool(name: 'vscode-tmgrammar-test' | 'vscode-tmgrammar-snap', args: string[]): boolean {
  const r = spawnSync(path.join(PROJECT_ROOT, 'node_modules/.bin', name), args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.error) console.error(`test:grammar: ${name}: ${r.error.message}`);
  return r.status === 0;
}

/** The scope a unit test file declares in its header: `## SYNTAX TEST "text.log" "…"`. */
function scopeOf(file: string): string | undefined {
  const head = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n', 1)[0];
  return /SYNTAX TEST "([^"]+)"/.exec(head)?.[1];
}

const logGrammar = hasLogGrammar() ? [LOG_GRAMMAR!] : [];
const unitFiles = fs.readdirSync(path.join(PROJECT_ROOT, UNIT)).filter((f) => f.endsWith('.test.txt')).sort()
  .map((f) => `${UNIT}/${f}`)
  .filter((f) => logGrammar.length > 0 || scopeOf(f) !== 'text.log');

const passed = [
  tool('vscode-tmgrammar-test', [...grammars(OURS.mailLog, OURS.transcript, OURS.injection, OURS.email, ...logGrammar), ...unitFiles]),
  tool('vscode-tmgrammar-snap', [...update, '-s', 'text.mail-log', ...grammars(OURS.mailLog), 'test/grammar/snap/mail-log/*.{maillog,mainlog}']),
  tool('vscode-tmgrammar-snap', [...update, '-s', 'text.smtp-transcript', ...grammars(OURS.transcript), 'test/grammar/snap/transcript/*.smtp']),
  logGrammar.length === 0
    || tool('vscode-tmgrammar-snap', [...update, '-s', 'text.log', ...grammars(OURS.injection, ...logGrammar), 'test/grammar/snap/log/*.log']),
];
process.exitCode = passed.every(Boolean) ? 0 : 1;
