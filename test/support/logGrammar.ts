// VS Code's own grammar for `.log` files (scope `text.log`, the built-in `log` extension), which our injection
// targets. It is taken from the VS Code that the real-VS-Code tests run in: the code-server package that
// `npm run setup:host` installs under .vscode-test/ (or SMTP_LENS_TOOLS, as test/host/run.sh reads it). So the
// grammar tests run against the grammar of the VS Code version the extension is tested in. Without that install,
// the tests that need it are skipped, and one line says so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_ROOT } from './root';

const TOOLS = process.env.SMTP_LENS_TOOLS ? path.resolve(process.env.SMTP_LENS_TOOLS) : path.join(PROJECT_ROOT, '.vscode-test');

/** Where the grammar is looked for. */
export const LOG_GRAMMAR_PATH = path.join(TOOLS, 'cs/node_modules/code-server/lib/vscode/extensions/log/syntaxes/log.tmLanguage.json');

/** The grammar file, when VS Code is installed. */
export const LOG_GRAMMAR: string | undefined = fs.existsSync(LOG_GRAMMAR_PATH) ? LOG_GRAMMAR_PATH : undefined;

export const LOG_GRAMMAR_SKIPPED = `VS Code log grammar tests skipped: no VS Code at ${LOG_GRAMMAR_PATH}; npm run setup:host installs it`;

let told = false;

/** Whether the grammar is there; the first time it is not, says so in one line. */
export function hasLogGrammar(): boolean {
  if (!LOG_GRAMMAR && !told) {
    told = true;
    console.log(LOG_GRAMMAR_SKIPPED);
  }
  return LOG_GRAMMAR !== undefined;
}
