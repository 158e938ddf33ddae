// Opens the VS Code web workbench served by the real VS Code server, with this extension under
// development and a test entry point passed in the `payload` query parameter (honoured when the
// server runs with --enable-smoke-test-driver). The tests run in the server's Node extension host;
// when they finish the workbench calls window.codeAutomationExit(code), exposed here by playwright.
// usage: node runner.js <serverUrl> <workspaceFolder> <extensionDevelopmentPath> <extensionTestsPath>
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs'), os = require('os'), path = require('path'), util = require('util');

const [base, folder, devPath, testsPath] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 15 * 60 * 1000);

/** The workbench URL that loads `devPath` as extension under development (and `testsPath`, when given). */
function workbenchUrl(base, folder, devPath, testsPath) {
  const remote = (p) => `vscode-remote://${new URL(base).host}${p}`;
  const payload = [['extensionDevelopmentPath', remote(devPath)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

async function launch(viewport) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = async () => { await ctx.close().catch(() => {}); fs.rmSync(profile, { recursive: true, force: true }); };
  return { ctx, page: ctx.pages()[0] || (await ctx.newPage()), close };
}

/** Workbench messages that say nothing about our tests (offline VS Code server in a headless browser). */
const NOISE = /127\.0\.0\.1:\d+\/(stable|static)|^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|\[AgentHost)|Failed to fetch|getaddrinfo|ENOTFOUND|marketplace|gallery/i;

module.exports = { workbenchUrl, launch, NOISE };

if (require.main === module) {
  (async () => {
    const t0 = Date.now();
    const { page, close } = await launch({ width: 1280, height: 800 });
    let finish;
    const exited = new Promise((resolve) => { finish = resolve; });
    // The extension host's console (mocha's spec reporter) arrives here, with the workbench's own
    // offline noise (gallery lookups, service worker, sockets): all of it goes to workbench.log,
    // the noise is kept off the terminal.
    const logFile = path.join(process.env.SMTP_LENS_RUN || os.tmpdir(), 'workbench.log');
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = util.format(...args);
      fs.appendFileSync(logFile, `[${type}] ${line}\n`);
      if (NOISE.test(line)) return;
      if (type === 'error') console.error(line); else console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('pageerror', (e) => console.error('[pageerror]', e.message));
    const timer = setTimeout(() => finish('timeout'), TIMEOUT_MS);
    await page.goto(workbenchUrl(base, folder, devPath, testsPath));
    const code = await exited;
    clearTimeout(timer);
    console.log(`extension host exit code: ${code} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    await close();
    process.exit(code === 0 ? 0 : 1);
  })().catch((e) => { console.error(e); process.exit(2); });
}
