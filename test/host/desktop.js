// The same mocha suite in desktop VS Code, launched by @vscode/test-electron. It downloads VS Code
// (into .vscode-test/), so it needs network access to update.code.visualstudio.com; where that is
// blocked (this project's CI), `npm run test:extension` runs the suite in the VS Code server instead.
// usage: node test/host/desktop.js   (after npm run build; VSCODE_VERSION=stable|insiders|1.90.0)
'use strict';
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '../..');
runTests({
  version: process.env.VSCODE_VERSION || 'stable',
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'dist/test/extension/index.js'),
  launchArgs: [path.join(root, 'test/extension/fixtures'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
}).catch((err) => {
  console.error(`desktop VS Code tests failed: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
