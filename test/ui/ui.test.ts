/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
// UI tests in the real VS Code workbench, driven as a person would (playwright + Debian chromium):
// hover with the mouse, read the Problems panel, run "Explain SMTP Reply" from the palette and the
// context menu, read the grammar's scopes. Screenshots for the README: UPDATE_SCREENSHOTS=1.
// Run with test/host/run.sh ui (npm run test:ui), which starts the VS Code server.
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { corpusWorkbench, goToLine, hoverLayout, hoverOver, openFile, openWorkbench, pickExactly, previewText, quickOpen, ROOT, runCommand, screenshotFailure, screenshotPath, wordCenter, type Workbench } from './workbench';
import { corpusFile } from '../support/corpus';

const FIXTURES = path.join(ROOT, 'test/extension/fixtures');

suite('UI: SMTP Lens in the VS Code workbench', function () {
  this.timeout(180000);
  let wb: Workbench;
  let page: Page;

  suiteSetup(async () => {
    wb = await openWorkbench(FIXTURES);
    page = wb.page;
  });

  suiteTeardown(async () => { await wb?.close(); });

  // Each test starts from a clean editor area, as a person starting a new task would.
  setup(async () => { await runCommand(page, 'View: Close All Editors'); });

  teardown(async function () {
    await screenshotFailure(page, this.currentTest);
    await page.keyboard.press('Escape');
  });

  test('hover with the mouse over a 550 in a mail log shows the explanation', async () => {
    await openFile(page, 'maillog');
    // Our part of the hover (the problem's message is in it too, and arrives first).
    const text = await (await hoverOver(page, '550', 'said: 550', /550 5\.1\.1 — Permanent failure[\s\S]*What to do/)).innerText();
    assert.match(text, /550 5\.1\.1 — Permanent failure/);
    assert.match(text, /What to do/);
    assert.match(text, /RFC 5321/);
    await page.screenshot({ path: screenshotPath('hover.png') });
    await page.mouse.move(5, 5);
  });

  test('the Problems panel lists the failed replies', async () => {
    await openFile(page, 'maillog');
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await panel.locator('.monaco-list-row', { hasText: '550 5.1.1 user unknown' }).first().waitFor({ timeout: 20000 });
    const text = (await panel.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /550 5\.1\.1 user unknown — permanent failure/);
    assert.match(text, /450 4\.2\.0/);
    assert.match(text, /SMTP Lens/);
    assert.doesNotMatch(text, /\b250 2\.0\.0/, 'no problem for a delivered message');
    const rows = await panel.locator('.monaco-list-row', { hasText: 'SMTP Lens' }).count();
    assert.strictEqual(rows, 5);
    await page.screenshot({ path: screenshotPath('problems.png') });
    await page.keyboard.press('Control+Shift+M');
  });

  test('Output › SMTP Lens says where each log was scanned: in a worker beside the extension host', async () => {
    await openFile(page, 'maillog');
    await runCommand(page, 'Output: Show Output Channels...');
    await pickExactly(page, 'SMTP Lens');
    // The channel's editor (Monaco writes its spaces as no-break spaces).
    const out = page.locator('.part.panel .monaco-editor .view-lines', { hasText: /maillog:[\s\u00a0]+[\d,]+[\s\u00a0]+lines/ }).first();
    await out.waitFor({ timeout: 20000 });
    const text = (await out.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /maillog: [\d,]+ lines, [\d,]+ problems \([\d,]+ listed\) in \d+ ms, scanned in a worker/, text);
    assert.doesNotMatch(text, /no worker could start|worker failed/, text);
    await runCommand(page, 'View: Hide Panel');
  });

  test('one problem per recipient: a deferral delivered later in the file is no warning; a bounce after deferrals is one error', async () => {
    await openFile(page, 'maillog-20261130');
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    const rows = panel.locator('.monaco-list-row', { hasText: 'SMTP Lens' });
    await panel.locator('.monaco-list-row', { hasText: 'still deferred where the file ends' }).first().waitFor({ timeout: 30000 });
    const listed = (await rows.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' '));
    // ann@example.net was greylisted (450), then delivered: a hint at most, never a row of the Problems panel.
    assert.ok(!listed.some((t) => /ann@example\.net/.test(t)), listed.join('\n'));
    assert.ok(!listed.some((t) => /^450 /.test(t)), listed.join('\n'));
    // bob@example.net: deferred twice, then bounced: one error, with its two deferrals as related lines under it.
    const bob = listed.filter((t) => /bob@example\.net/.test(t) && /mailbox full/.test(t) && !/Retry review/.test(t));
    assert.strictEqual(bob.length, 1, listed.join('\n'));
    assert.match(bob[0], /^552 5\.2\.2 mailbox full — permanent failure .*bounced after 2 deferrals/);
    const bobRow = panel.locator('.monaco-list-row', { hasText: 'bounced after 2 deferrals' }).first();
    assert.match(await bobRow.innerHTML(), /codicon-error\b/);
    assert.strictEqual(await panel.locator('.monaco-list-row', { hasText: /deferred \(line \d+\): 452 4\.2\.2/ }).count(), 2, 'related information');
    await page.screenshot({ path: screenshotPath('problems-outcomes.png') });
    await page.keyboard.press('Control+Shift+M');
  });

  test('"Explain SMTP Reply" from the palette, on the reply under the cursor, opens beside the editor', async () => {
    await openFile(page, 'maillog');
    const p = await wordCenter(page, '552', 'said: 552');
    assert.ok(p, 'the 552 line is visible');
    await page.mouse.click(p.x, p.y);
    await runCommand(page, 'SMTP: Explain SMTP Reply');
    const text = await previewText(page, /552 5\.2\.2/);
    assert.match(text, /Permanent failure/);
    assert.match(text, /What to do/);
    await page.locator('.tab', { hasText: 'Preview 552 5.2.2' }).first().waitFor();
    await page.screenshot({ path: screenshotPath('explain.png') });
  });

  test('"Explain SMTP Reply" is in the editor context menu', async () => {
    await openFile(page, 'mainlog');
    const p = await wordCenter(page, '451', ': 451');
    assert.ok(p);
    const item = page.locator('.context-view .action-item', { hasText: 'Explain SMTP Reply' });
    for (let attempt = 1; ; attempt++) {
      await page.mouse.click(p.x, p.y, { button: 'right' });
      try { await item.first().waitFor({ timeout: 3000 }); break; } catch (e) { if (attempt === 6) throw e; }
      // The entry's `when` reads a context key the extension sets when it activates, which can come after the
      // file opened: a person closes the menu and opens it again.
      await page.keyboard.press('Escape');
    }
    // The menu ignores a mouse-up that comes right after it opened (a person's click does not).
    await page.waitForTimeout(500);
    await item.first().click();
    const text = await previewText(page, /451 4\.7\.1/);
    assert.match(text, /Temporary failure/);
  });

  test('with no reply at hand it asks, validates, and lets you browse every code', async () => {
    await runCommand(page, 'SMTP: Explain SMTP Reply');
    const input = page.locator('.quick-input-widget input');
    const prompt = page.locator('.quick-input-widget', { hasText: 'Press Enter on an empty box' });
    await prompt.waitFor();
    await input.fill('hello there');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: 'No SMTP reply' }).waitFor();
    assert.match(await message.innerText(), /No SMTP reply in this text/);
    await input.fill('452 4.2.2 Mailbox full');
    await page.waitForTimeout(200);
    await page.keyboard.press('Enter');
    assert.match(await previewText(page, /452 4\.2\.2/), /Temporary failure/);

    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'SMTP: Explain SMTP Reply');
    // The palette's own input is the same widget: wait for the command's box (its prompt), not just any input.
    await prompt.waitFor();
    await page.keyboard.press('Enter'); // empty: browse
    await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
    await input.fill('mailbox full');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const listed = (await rows.allInnerTexts()).join('\n');
    assert.match(listed, /X\.2\.2|452|552/, `filtered by words:\n${listed}`);
    await input.fill('5.7.26'); // registered as X.7.26: found all the same
    await rows.filter({ hasText: 'X.7.26' }).first().waitFor();
    await page.keyboard.press('Enter');
    // A code from the list: its own meaning and typical reason, no advice meant for a real reply.
    const reference = await previewText(page, /5\.7\.26/);
    assert.match(reference, /Permanent failure/);
    assert.match(reference, /Usually stands for/);
    assert.doesNotMatch(reference, /What to do|Read the reply text/);
  });

  test('hover over status=bounced explains the fact, then the reply of its line', async () => {
    await openFile(page, 'maillog');
    const fact = /status=bounced — Postfix gave up on this recipient/;
    const text = await (await hoverOver(page, 'bounced', 'dsn=5.1.1, status=bounced', fact)).innerText();
    const reply = /550 5\.1\.1 — Permanent failure: the mailbox does not exist/;
    assert.match(text, fact);
    assert.match(text, reply);
    assert.ok(text.search(fact) < text.search(reply), `the fact first, then the reply:\n${text}`);
    await page.mouse.move(5, 5);
  });

  test('"Explain SMTP Reply" on a line the scanner found nothing in explains the reply the line holds', async () => {
    await openFile(page, 'notes.txt');
    const p = await wordCenter(page, 'delivery', 'Their app logged');
    assert.ok(p, 'the line is visible');
    await page.mouse.click(p.x, p.y);
    await runCommand(page, 'SMTP: Explain SMTP Reply');
    const text = await previewText(page, /550 5\.1\.1/);
    assert.match(text, /Permanent failure/);
    assert.match(text, /notes\.txt:2/);
  });

  // The hover of a typical reply, as it opens (default size): what to do is read without scrolling, though the
  // whole hover is taller than what it shows.
  const typical: { what: string; file: string; line?: number; word: string; lineHas: string; headline: RegExp }[] = [
    { what: 'a Postfix 550 5.1.1 bounce', file: 'maillog', word: '550', lineHas: 'said: 550', headline: /550 5\.1\.1 — Permanent failure/ },
    { what: 'a Gmail 421-4.7.0 multi-line deferral in a log', file: 'deferrals.log', word: '421', lineHas: 'said: 421-4.7.0', headline: /421 4\.7\.0 — Temporary failure/ },
    { what: 'the Diagnostic-Code of a bounce .eml', file: 'bounce.eml', line: 53, word: '550', lineHas: 'Diagnostic-Code: smtp; 550', headline: /550 5\.1\.1 — Permanent failure/ },
    { what: 'an inbound Exim authenticator failed line', file: 'mainlog.1', word: '535', lineHas: '[198.51.100.45]: 535', headline: /535 — Permanent failure/ },
  ];
  for (const t of typical) {
    test(`the hover of ${t.what} shows what to do without scrolling`, async () => {
      await openFile(page, t.file);
      if (t.line) await goToLine(page, t.line);
      const hover = await hoverOver(page, t.word, t.lineHas, new RegExp(`${t.headline.source}[\\s\\S]*What to do`));
      const layout = await hoverLayout(hover);
      const shown = JSON.stringify(layout.visible);
      assert.ok(layout.contentHeight > layout.visibleHeight,
        `the hover scrolls (content ${layout.contentHeight} px, shown ${layout.visibleHeight} px): else this measures nothing`);
      const action = layout.blocks.find((b) => b.text.startsWith('What to do'));
      assert.ok(action, `a "What to do" paragraph in:\n${layout.blocks.map((b) => b.text).join('\n')}`);
      assert.ok(action.inside, `"${action.text}" at ${JSON.stringify(action.lines)}, outside the shown part ${shown}`);
      // The headline above it is shown too, and the reference below the rule (what the codes mean) starts lower.
      const head = layout.blocks.find((b) => t.headline.test(b.text));
      assert.ok(head?.inside, `the headline is shown: ${head?.text}`);
      const reference = layout.blocks.findIndex((b) => /^\d\.\d{1,3}\.\d{1,3} — |^\d{3} — /.test(b.text) && b !== head);
      assert.ok(reference > layout.blocks.indexOf(action), 'the code meanings come after what to do');
      await page.mouse.move(5, 5);
    });
  }

  test('the hover of a 450 4.7.1 does not give the registry\'s "permanent only" text as its explanation', async () => {
    await openFile(page, 'deferrals.log');
    const hover = await hoverOver(page, '450', 'said: 450', /450 4\.7\.1 — Temporary failure[\s\S]*What to do/);
    const layout = await hoverLayout(hover);
    const contradicting = /useful only as a permanent error/i;
    // The code's meaning is its title; the registry's sentence is kept under its heading, with the reconciliation.
    const meaning = layout.blocks.find((b) => b.text.startsWith('4.7.1 — '));
    assert.strictEqual(meaning?.text, '4.7.1 — Delivery not authorized, message refused');
    const saying = layout.blocks.filter((b) => contradicting.test(b.text));
    assert.strictEqual(saying.length, 1, saying.map((b) => b.text).join('\n'));
    assert.match(saying[0].text, /^Registry text: "[\s\S]*" [\s\S]*temporary[\s\S]*the reply's class decides what to do/);
    // What the reader sees first says temporary, and not the registry's permanent.
    const shownText = layout.blocks.filter((b) => b.inside).map((b) => b.text).join('\n');
    assert.match(shownText, /Temporary failure/);
    assert.match(shownText, /What to do:/);
    assert.doesNotMatch(shownText, contradicting);
    await page.mouse.move(5, 5);
  });

  test('grammar: Inspect Editor Tokens shows a smtp-lens.permanent scope on a 5XX code', async () => {
    await openFile(page, 'maillog');
    const p = await wordCenter(page, '550', 'said: 550');
    assert.ok(p);
    await page.mouse.click(p.x, p.y);
    await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
    const widget = page.locator('.token-inspect-widget');
    await widget.waitFor({ timeout: 15000 });
    const scopes = async () => (await widget.innerText()).replace(/\s+/g, ' ');
    await page.waitForFunction(() => /smtp-lens\.permanent/.test(document.querySelector('.token-inspect-widget')?.textContent || ''), null, { timeout: 10000 })
      .catch(() => undefined);
    const text = await scopes();
    assert.match(text, /smtp-lens\.permanent/, `scopes under the cursor: ${text}`);
  });

  test('grammar colours of a mail log in a light and a dark built-in theme (screenshots)', async () => {
    await openFile(page, 'maillog');
    for (const [theme, file] of [['Light Modern', 'theme-light.png'], ['Dark Modern', 'theme-dark.png']]) {
      await runCommand(page, 'Preferences: Color Theme');
      await page.locator('.quick-input-widget input').fill(theme);
      await pickExactly(page, theme);
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      const dark = theme.startsWith('Dark');
      await page.waitForFunction((d) => document.querySelector('.monaco-workbench')?.classList.contains(d ? 'vs-dark' : 'vs') ?? false, dark);
      await page.waitForTimeout(500);
      await page.locator('.part.editor').screenshot({ path: screenshotPath(file) });
    }
  });
});

suite('UI: an Exim mainlog read by its server\'s operator (fail2ban sample, corpus)', function () {
  this.timeout(180000);
  // GPL-2.0 (fail2ban's test logs): read from the corpus, never copied into the project.
  const log = corpusFile('exim/fail2ban-exim.log');
  const wb = corpusWorkbench(log);

  test('auth failures and rejections are information entries with the operator\'s advice; refusals without a code are listed', async () => {
    const page = wb.page();
    await openFile(page, path.basename(log!));
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    const auth = panel.locator('.monaco-list-row', { hasText: "a client's login was refused" }).first();
    await auth.waitFor({ timeout: 30000 });
    // The list renders only the rows in view: the panel maximised shows them all.
    await runCommand(page, 'View: Toggle Maximized Panel');
    const rows = panel.locator('.monaco-list-row', { hasText: 'SMTP Lens' });
    await page.waitForFunction(() => document.querySelectorAll('.markers-panel .monaco-list-row').length > 15);
    const listed = await rows.evaluateAll((els) => els.map((e) => ({
      text: (e as HTMLElement).innerText.replace(/\u00a0/g, ' ').replace(/\s+/g, ' '),
      icon: e.querySelector('.codicon-error, .codicon-warning, .codicon-info')?.className.match(/codicon-(error|warning|info)/)?.[1] ?? '',
    })));
    const all = listed.map((r) => `${r.icon}: ${r.text}`).join('\n');
    // This server's refusals, for its operator: information, never an error or a warning, never sender advice.
    assert.ok(listed.length >= 10, all);
    for (const r of listed) {
      assert.strictEqual(r.icon, 'info', r.text);
      assert.match(r.text, /refused by this server \(inbound\)/, r.text);
      assert.doesNotMatch(r.text, /fix on your side|app password|do not retry/, r.text);
    }
    assert.ok(listed.some((r) => /^535 auth failed — refused by this server \(inbound\): a client's login was refused; act on many failures from one address/.test(r.text)), all);
    // Exim's refusals that carry no code (`rejected RCPT <x>: relay not permitted`, `Unknown user`, `sender verify
    // fail`, `Unrouteable address`) are listed all the same, by the reason their words give.
    for (const reason of ['relay denied', 'user unknown', 'sender rejected', 'domain unknown']) {
      assert.ok(listed.some((r) => r.text.startsWith(`${reason} — refused by this server (inbound): `)), `a refusal without a code for ${reason}:\n${all}`);
    }
    assert.ok(listed.some((r) => /^relay denied — .*this server refused to relay for a client.*locus@leone\.tld/.test(r.text)), all);
    // The status bar counts errors, warnings, then information entries: none of the first two here.
    const counts = (await page.locator('#status\\.problems').innerText()).match(/\d+/g) ?? [];
    assert.deepStrictEqual(counts.slice(0, 2), ['0', '0'], `status bar: ${counts.join(' ')}`);
    assert.ok(Number(counts[2]) >= listed.length, `status bar: ${counts.join(' ')}`);
    await runCommand(page, 'View: Toggle Maximized Panel');
    await page.screenshot({ path: screenshotPath('problems-inbound.png') });
  });
});

suite('UI: a bounce of a disabled Gmail account, read by its sender (Sisimai sample, corpus)', function () {
  this.timeout(180000);
  const eml = corpusFile('bounces/rhost-google-01.eml');
  const wb = corpusWorkbench(eml);

  // The bounce names the recipient's failure four times: the MTA's summary `(reason: 550 5.2.1 …)`, Gmail's reply
  // in the transcript, the knock-on `503 5.5.1 RCPT first` after it, and the DSN fields.
  test('one problem for its recipient, the remote reply deciding; the knock-on 503 is none', async () => {
    const page = wb.page();
    await quickOpen(page, path.basename(eml!));
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    const rows = panel.locator('.monaco-list-row', { hasText: 'SMTP Lens' });
    await rows.first().waitFor({ timeout: 30000 });
    // An email's problems are published once, when it has been read whole.
    const listed = (await rows.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' '));
    assert.strictEqual(listed.length, 1, listed.join('\n'));
    assert.match(listed[0], /^550 5\.2\.1 mailbox disabled — permanent failure \(outbound\).* shironeko@example\.ne\.jp/);
    assert.match(await rows.first().innerHTML(), /codicon-error\b/);
    assert.doesNotMatch((await panel.innerText()).replace(/\u00a0/g, ' '), /503|5\.5\.1|RCPT first/);
    await page.keyboard.press('Control+Shift+M');
  });
});

suite('UI: where the extension runs', function () {
  this.timeout(180000);

  test('the extension host that runs SMTP Lens: the server (Node bundle), or the web worker (browser bundle) with SMTP_LENS_WEB=1', async () => {
    const wb = await openWorkbench(FIXTURES);
    try {
      await openFile(wb.page, 'maillog');
      await runCommand(wb.page, 'Developer: Show Running Extensions');
      const row = wb.page.locator('.monaco-list-row', { hasText: 'smtp-lens.smtp-lens' });
      // The list is virtual: scroll until our row is rendered.
      for (let i = 0; i < 40 && !(await row.count()); i++) {
        await wb.page.mouse.move(600, 400);
        await wb.page.mouse.wheel(0, 300);
        await wb.page.waitForTimeout(100);
      }
      const text = (await row.first().innerText()).replace(/\s+/g, ' ');
      if (process.env.SMTP_LENS_WEB === '1') assert.match(text, /web worker/i, text);
      else assert.match(text, /127\.0\.0\.1:\d+/, text);
      assert.match(text, /Activation/, text);
    } finally {
      await wb.close();
    }
  });
});
