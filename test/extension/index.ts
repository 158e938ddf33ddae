// Loaded by the extension host as `extensionTestsPath` (desktop VS Code via @vscode/test-electron,
// or the VS Code server host of test/host/run.sh). Runs every *.test.js beside it with mocha.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60000, reporter: 'spec' });
  const grep = process.env.SMTP_LENS_GREP;
  if (grep) mocha.grep(grep);
  const only = process.env.SMTP_LENS_SUITE;
  for (const f of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    if (!only || f.startsWith(only)) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
