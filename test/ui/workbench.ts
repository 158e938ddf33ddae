/// <reference lib="dom" />
// (page.evaluate callbacks run in the browser.)
// Drives the real VS Code workbench (served by test/host/run.sh) as a person would: keyboard, mouse, reading the DOM.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');

export interface Workbench { page: Page; close(): Promise<void> }

export async function openWorkbench(folder: string, viewport = { width: 1366, height: 900 }): Promise<Workbench> {
  const base = process.env.SMTP_LENS_SERVER;
  if (!base) throw new Error('SMTP_LENS_SERVER is not set: run the UI tests with test/host/run.sh ui');
  const remote = (p: string) => `vscode-remote://${new URL(base).host}${p}`;
  // SMTP_LENS_INSTALLED=1: the extension is the installed .vsix (test/host/run.sh vsix), not this tree.
  const payload = process.env.SMTP_LENS_INSTALLED === '1' ? [] : [['extensionDevelopmentPath', remote(ROOT)]];
  const url = `${base}/?folder=${encodeURIComponent(folder)}` +
    (payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
  const ctx: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(url);
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90000 });
  return {
    page,
    async close() { await ctx.close().catch(() => undefined); fs.rmSync(profile, { recursive: true, force: true }); },
  };
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/**
 * Picks the quick-input row whose label is exactly `label` (not one that merely contains it). The
 * list reuses its row elements while it filters: let it settle first, so a click lands on what was read.
 */
export async function pickExactly(page: Page, label: string): Promise<void> {
  await page.waitForTimeout(250);
  const row = page.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
  await row.waitFor();
  await row.click();
}

/** Runs a command from the palette (F1), by its title as shown there. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await pickExactly(page, title);
}

/** Opens a workspace file from the Explorer, as a person clicks it. */
export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(name) }) }).first();
  await row.click();
  // The tab's label shows a name's extension apart (`mail` and `.log`): its resource name is the whole name.
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/**
 * Centre of `word` after the first occurrence of `lineHas` in the visible editor text. The view
 * lines are read in screen order and joined, so a match survives word wrap; the editor renders
 * spaces as U+00A0, normalised here. DOM ranges over the token spans give the position.
 */
export async function wordCenter(page: Page, word: string, lineHas = word): Promise<{ x: number; y: number } | null> {
  return page.evaluate(([w, has]) => {
    const editor = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor .view-lines')
      ?? document.querySelector('.editor-instance .monaco-editor .view-lines');
    if (!editor) return null;
    const lines = Array.from(editor.querySelectorAll<HTMLElement>('.view-line'))
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    const nodes: { node: Text; start: number }[] = [];
    let text = '';
    for (const line of lines) {
      const it = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = it.nextNode() as Text | null; n; n = it.nextNode() as Text | null) {
        nodes.push({ node: n, start: text.length });
        text += n.data.replace(/\u00a0/g, ' ');
      }
    }
    const at = text.indexOf(has);
    const target = at < 0 ? -1 : text.indexOf(w, at);
    if (target < 0) return null;
    const hit = nodes.filter((n) => n.start <= target).pop()!;
    const r = document.createRange();
    r.setStart(hit.node, target - hit.start);
    r.setEnd(hit.node, Math.min(hit.node.data.length, target - hit.start + w.length));
    const b = r.getBoundingClientRect();
    return { x: b.x + Math.min(b.width / 2, 8), y: b.y + b.height / 2 };
  }, [word, lineHas] as const);
}

/** Where screenshots go: media/ when UPDATE_SCREENSHOTS=1 (for the README), else an ignored folder. */
export function screenshotPath(name: string): string {
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(ROOT, 'media') : path.join(ROOT, '.vscode-test/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** The text inside the Markdown preview (a webview: two nested iframes). */
export async function previewText(page: Page, needle: RegExp): Promise<string> {
  const end = Date.now() + 30000;
  for (;;) {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
      if (needle.test(text) && frame !== page.mainFrame()) return text;
    }
    if (Date.now() > end) throw new Error(`no preview showing ${needle}`);
    await page.waitForTimeout(250);
  }
}
